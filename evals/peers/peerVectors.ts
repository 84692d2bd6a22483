import { join } from "node:path";
import { featurize } from "../../tools/embed/featurize.js";
import { DEFAULT_LSA } from "../../tools/embed/lsa.js";
import { datasetLsa } from "../../tools/embed/lsaCache.js";
import { poolVectors } from "../../tools/embed/poolVectors.js";
import { projectRows } from "../../tools/embed/randomProjection.js";
import { VectorSpecSchema, type VectorSpec } from "../../tools/embed/vectorSpec.js";
import type { TfidfOptions } from "../../tools/embed/tfidf.js";
import type { Dataset } from "../../tools/pool/dataset.js";
import { writeVectorFile } from "../../tools/pool/vectorFile.js";

/** A float32 vector file for the peer (tools/pool/vectorFile.ts's format: raw little-endian rows). */
export interface VectorFileRef {
  readonly path: string;
  readonly rows: number;
  readonly dim: number;
}

/**
 * Which vectors the peer reads, by the name given to `--peer-embeddings`:
 * - `projection`: activegraph's seeded random projection of its TF-IDF, what its vector strategies
 *   read on `tfidf` features; a stand-in that exercises the whole path;
 * - `lsa`: activegraph's LSA of the pool's TF-IDF (100 dimensions), what its default
 *   representation puts beside TF-IDF: the peer's model on the very latent features;
 * - any other name: a LangChain `Embeddings` registered under that name (`registerEmbeddings`), or
 *   a local model scripts/install-models.sh installed (`all-minilm-l6-v2-gguf`), embedded and cached
 *   by model and content as activegraph's runs do: the pool vectors of activegraph's cells run with
 *   `representation: { features: "embeddings" }` and the same model.
 */
export function peerVectorSpec(source: string, base: VectorSpec): VectorSpec {
  if (source === "projection") return base;
  if (source === "lsa") return VectorSpecSchema.parse({ source: "lsa", dim: DEFAULT_LSA.dim });
  return VectorSpecSchema.parse({ source: "embeddings", name: source, batchSize: base.batchSize });
}

/**
 * Writes the vectors of the pool (and of the test split, when asked: a model on frozen embeddings
 * predicts from them) to `<dir>/<dataset>.<split>.f32`, through activegraph's vector cache.
 */
export async function writePeerVectors(
  dataset: Dataset,
  spec: VectorSpec,
  tfidf: TfidfOptions,
  dir: string,
  withTest: boolean,
): Promise<{ pool: VectorFileRef; test: VectorFileRef | null }> {
  const features = featurize(dataset, tfidf);
  const lsa = spec.source === "lsa" ? datasetLsa(dataset, features.train, tfidf, { dim: spec.dim, seed: spec.seed }) : null;
  const write = async (split: "pool" | "test"): Promise<VectorFileRef> => {
    const items = split === "pool" ? dataset.train : dataset.test!;
    const rows = split === "pool" ? features.train : features.test!;
    // Test rows are projected straight away: their projection depends on the pool's vocabulary,
    // which the vector cache's key (ids and texts of the rows) does not name.
    const data = lsa
      ? lsa.transform(rows).data
      : split === "test" && spec.source === "projection"
        ? projectRows(rows, spec)
        : (await poolVectors({ ids: items.map((item) => item.id), texts: items.map((item) => item.text), features: rows, tfidf, spec })).vectors.data;
    const path = join(dir, `${dataset.name}.${split}.f32`);
    writeVectorFile(path, data);
    return { path, rows: items.length, dim: data.length / items.length };
  };
  return { pool: await write("pool"), test: withTest && dataset.test ? await write("test") : null };
}
