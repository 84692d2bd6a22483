import { readdirSync } from "node:fs";
import { SyntheticEmbeddings } from "@langchain/core/utils/testing";
import { describe, expect, it } from "vitest";
import { registerEmbeddings } from "../tools/embed/embeddings.js";
import { featurize } from "../tools/embed/featurize.js";
import { poolVectors } from "../tools/embed/poolVectors.js";
import { DEFAULT_TFIDF } from "../tools/embed/tfidf.js";
import { VectorSpecSchema } from "../tools/embed/vectorSpec.js";
import { dotRows } from "../tools/linalg/dense.js";
import { checkDataset } from "../tools/pool/loadDataset.js";
import { syntheticTopics } from "./helpers/synthetic.js";
import { tempDir } from "./helpers/tmp.js";

const rows = syntheticTopics(300, 11);
const dataset = checkDataset("topics", "train", rows, null, null);
const features = featurize(dataset).train;
const input = (dir: string, spec: object = {}) => ({
  ids: rows.map((r) => r.id),
  texts: rows.map((r) => r.text),
  features,
  tfidf: DEFAULT_TFIDF,
  spec: VectorSpecSchema.parse({ source: "projection", ...spec }),
  dir,
});

describe("pool vectors", () => {
  it("are unit vectors whose similarities follow the TF-IDF ones", async () => {
    const { vectors } = await poolVectors(input(tempDir()));
    expect(vectors.dim).toBe(256);
    expect(vectors.data.length).toBe(300 * 256);
    for (let i = 0; i < 300; i += 37) expect(dotRows(vectors.data, i, vectors.data, i, 256)).toBeCloseTo(1, 5);
    // Cosine similarities of projected rows follow those of the TF-IDF rows (Johnson–Lindenstrauss:
    // an error of about 1/√256 per pair).
    const tfidfCosine = (a: number, b: number) => {
      const values = new Map<number, number>();
      for (let p = features.indptr[a]; p < features.indptr[a + 1]; p++) values.set(features.indices[p], features.values[p]);
      let sum = 0;
      for (let p = features.indptr[b]; p < features.indptr[b + 1]; p++) sum += (values.get(features.indices[p]) ?? 0) * features.values[p];
      return sum;
    };
    let error = 0;
    for (let i = 0; i < 200; i++) error += Math.abs(dotRows(vectors.data, i, vectors.data, i + 3, 256) - tfidfCosine(i, i + 3));
    expect(error / 200).toBeLessThan(0.08);
  });

  it("are cached on disk and reloaded, not recomputed; other settings get other files", async () => {
    const dir = tempDir();
    const first = await poolVectors(input(dir));
    expect(first.cached).toBe(false);
    const second = await poolVectors(input(dir));
    expect(second.cached).toBe(true);
    expect(second.key).toBe(first.key);
    expect(Array.from(second.vectors.data)).toEqual(Array.from(first.vectors.data));
    expect(readdirSync(dir).sort()).toEqual([`${first.key}.f32`, `${first.key}.json`]);

    const reseeded = await poolVectors(input(dir, { seed: 1 }));
    expect(reseeded.cached).toBe(false);
    expect(reseeded.key).not.toBe(first.key);
    const smaller = await poolVectors(input(dir, { dim: 64 }));
    expect(smaller.vectors.dim).toBe(64);
  });

  it("come from any LangChain Embeddings registered by name, normalized", async () => {
    registerEmbeddings("synthetic-test", new SyntheticEmbeddings({ vectorSize: 24 }));
    const dir = tempDir();
    const spec = VectorSpecSchema.parse({ source: "embeddings", name: "synthetic-test", batchSize: 64 });
    const { vectors, cached } = await poolVectors({ ...input(dir), spec });
    expect(cached).toBe(false);
    expect(vectors.dim).toBe(24);
    expect(dotRows(vectors.data, 5, vectors.data, 5, 24)).toBeCloseTo(1, 5);
    expect((await poolVectors({ ...input(dir), spec })).cached).toBe(true);
    await expect(poolVectors({ ...input(dir), spec: VectorSpecSchema.parse({ source: "embeddings", name: "nope" }) })).rejects.toThrow(
      /no Embeddings registered under that name/,
    );
  });
});
