import { existsSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { peerVectorSpec, writePeerVectors } from "../evals/peers/peerVectors.js";
import { featurize } from "../tools/embed/featurize.js";
import { LsaProjection } from "../tools/embed/lsa.js";
import { DEFAULT_TFIDF } from "../tools/embed/tfidf.js";
import { VectorSpecSchema } from "../tools/embed/vectorSpec.js";
import { readVectorFile } from "../tools/pool/vectorFile.js";
import { tempDir } from "./helpers/tmp.js";

const texts = ["car engine wheels", "automobile engine road", "banana fruit peel", "plantain fruit sweet", "car road trip", "fruit salad bowl"];
const dataset = {
  name: "tiny",
  labels: ["fruit", "vehicle"],
  train: texts.map((text, i) => ({ id: `t${i}`, text, label: text.includes("fruit") ? "fruit" : "vehicle" })),
  test: [{ id: "x0", text: "automobile wheels", label: "vehicle" }],
};

describe("the peer's vectors (--peer-embeddings)", () => {
  it("lsa: the peer reads activegraph's own LSA of the pool, for the pool and the test split", async () => {
    process.env.ACTIVEGRAPH_CACHE_DIR = tempDir();
    const spec = peerVectorSpec("lsa", VectorSpecSchema.parse({}));
    expect(spec).toMatchObject({ source: "lsa", dim: 100 });
    const dir = tempDir();
    const { pool, test } = await writePeerVectors(dataset, spec, DEFAULT_TFIDF, dir, true);
    expect(existsSync(pool.path) && test !== null).toBe(true);
    const features = featurize(dataset);
    const lsa = LsaProjection.fit(features.train, { dim: 100, seed: 0 });
    // LSA's rank is capped by the pool's six texts.
    expect(pool.dim).toBe(lsa.dim);
    expect(readVectorFile(pool.path, pool.rows * pool.dim)).toEqual(lsa.transform(features.train).data);
    expect(readVectorFile(test!.path, test!.rows * test!.dim)).toEqual(lsa.transform(features.test!).data);
  });
});
