import { createHash } from "node:crypto";
import { join } from "node:path";
import { cacheDir } from "../cacheDir.js";
import type { CsrMatrix } from "../linalg/csr.js";
import type { Vectors } from "../linalg/dense.js";
import { readDescribedFloats, writeDescribedFloats } from "../pool/vectorFile.js";
import { embeddingsIdentity, embedTexts, getEmbeddings } from "./embeddings.js";
import type { EmbeddingProgress } from "./localEmbeddings.js";
import { projectRows } from "./randomProjection.js";
import type { TfidfOptions } from "./tfidf.js";
import type { VectorSpec } from "./vectorSpec.js";

/** Bump when the way vectors are computed changes, so stale caches are not reused. */
const VECTORS_VERSION = 1;

export interface PoolVectors {
  readonly vectors: Vectors;
  /** Names the vectors in the cache: a hash of the pool's ids and texts and of how the vectors were made. */
  readonly key: string;
  /** Whether they were read from the cache rather than computed. */
  readonly cached: boolean;
}

export interface PoolVectorsInput {
  readonly ids: readonly string[];
  readonly texts: readonly string[];
  /** The pool's TF-IDF rows, and the options they were made with (for the projection). */
  readonly features: CsrMatrix;
  readonly tfidf: TfidfOptions;
  readonly spec: VectorSpec;
  /** Where the cache lives; default `<cacheDir>/vectors`. */
  readonly dir?: string;
  /** Progress of an embedding pass (not called when the vectors come from the cache). */
  readonly onProgress?: (progress: EmbeddingProgress) => void;
}

/** Where vectors and their indexes are cached by default. */
export function vectorCacheDir(): string {
  return join(cacheDir(), "vectors");
}

/**
 * A unit vector per pool item, read from the cache when these exact texts were embedded the same
 * way before, else computed and written there (raw float32 rows plus a small JSON description).
 * The cache sits in activegraph's cache folder rather than beside the dataset: dataset folders may
 * be read-only, and the content hash in the key makes the location irrelevant.
 */
export async function poolVectors(input: PoolVectorsInput): Promise<PoolVectors> {
  const dir = input.dir ?? vectorCacheDir();
  const key = vectorKey(input);
  const rows = input.ids.length;
  const found = readDescribedFloats<{ rows: number; dim: number }>(dir, key, (meta) => (meta.rows === rows ? meta.rows * meta.dim : null));
  if (found) return { vectors: { data: found.data, dim: found.meta.dim }, key, cached: true };
  const vectors = await computeVectors(input);
  writeDescribedFloats(dir, key, vectors.data, { rows, dim: vectors.dim, spec: input.spec, version: VECTORS_VERSION });
  return { vectors, key, cached: false };
}

async function computeVectors({ spec, features, texts, onProgress }: PoolVectorsInput): Promise<Vectors> {
  if (spec.source === "projection") return { data: projectRows(features, spec), dim: spec.dim };
  // LSA is fitted on the pool and applied to other rows, so it is not a function of the rows alone: see lsaCache.ts.
  if (spec.source === "lsa") throw new Error("poolVectors: LSA vectors come from cachedLsa, not from the rows alone");
  return embedTexts(getEmbeddings(spec.name ?? ""), texts, spec.batchSize, onProgress);
}

function vectorKey({ ids, texts, tfidf, spec }: PoolVectorsInput): string {
  // Only what changes the vectors goes into the key (not the embedding batch size, say).
  const how =
    spec.source === "projection"
      ? { dim: spec.dim, sparsity: spec.sparsity, seed: spec.seed, tfidf }
      : { source: spec.source, name: spec.name, ...embeddingsIdentity(spec.name ?? "") };
  return poolContentKey([VECTORS_VERSION, how], ids, texts);
}

/** A cache key for what was derived from these exact pool items in the way `how` describes. */
export function poolContentKey(how: unknown, ids: readonly string[], texts: readonly string[]): string {
  const hash = createHash("sha256");
  hash.update(JSON.stringify(how));
  for (let i = 0; i < ids.length; i++) hash.update(`\u0000${ids[i]}\u0001${texts[i]}`);
  return hash.digest("hex").slice(0, 24);
}
