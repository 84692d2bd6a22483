import type { CsrMatrix } from "../linalg/csr.js";
import type { Dataset } from "../pool/dataset.js";
import { readDescribedFloats, writeDescribedFloats } from "../pool/vectorFile.js";
import { LsaProjection, type LsaOptions } from "./lsa.js";
import { poolContentKey, vectorCacheDir } from "./poolVectors.js";
import type { TfidfOptions } from "./tfidf.js";

/** Bump when the way LSA is fitted changes, so stale components are not reused. */
const LSA_VERSION = 2;

/** Above this many pool rows a fit takes long enough (minutes at a million) to say so. */
const ANNOUNCE_FROM_ROWS = 50_000;

export interface CachedLsa {
  readonly projection: LsaProjection;
  /** Names the components in the cache: the pool's content, its TF-IDF options and the LSA options. */
  readonly key: string;
  readonly cached: boolean;
}

export interface LsaInput {
  readonly ids: readonly string[];
  readonly texts: readonly string[];
  /** The pool's TF-IDF rows, and the options they were made with. */
  readonly features: CsrMatrix;
  readonly tfidf: TfidfOptions;
  readonly options: LsaOptions;
  readonly dir?: string;
  readonly log?: (line: string) => void;
}

/**
 * LSA fitted on the pool, read from the cache when this exact pool was fitted the same way before
 * (the components, cols × dim floats, beside the pool vectors), else fitted and written there: a
 * resumed run or the next run on the same pool projects new texts exactly as the first did.
 */
export function cachedLsa(input: LsaInput): CachedLsa {
  const { features, options } = input;
  const dir = input.dir ?? vectorCacheDir();
  const key = poolContentKey([LSA_VERSION, "lsa", options, input.tfidf], input.ids, input.texts);
  const found = readDescribedFloats<{ cols: number; dim: number }>(dir, `${key}.lsa`, (meta) => (meta.cols === features.cols ? meta.cols * meta.dim : null));
  if (found) return { projection: LsaProjection.of(found.data, found.meta.dim), key, cached: true };
  const log = input.log ?? ((line: string) => process.stderr.write(`${line}\n`));
  const started = Date.now();
  if (features.rows >= ANNOUNCE_FROM_ROWS) log(`fitting LSA (${options.dim} dimensions) on ${features.rows.toLocaleString("en-US")} pool texts, once…`);
  const projection = LsaProjection.fit(features, options);
  if (features.rows >= ANNOUNCE_FROM_ROWS) log(`fitted LSA in ${((Date.now() - started) / 1000).toFixed(0)} s (cached for the next run on this pool)`);
  writeDescribedFloats(dir, `${key}.lsa`, projection.components, { cols: features.cols, dim: projection.dim, options, version: LSA_VERSION });
  return { projection, key, cached: false };
}

/** The LSA a run on `dataset` fits (its training split is the pool): the same cache entry as the run's. */
export function datasetLsa(dataset: Dataset, train: CsrMatrix, tfidf: TfidfOptions, options: LsaOptions): LsaProjection {
  const ids = dataset.train.map((item) => item.id);
  const texts = dataset.train.map((item) => item.text);
  return cachedLsa({ ids, texts, features: train, tfidf, options }).projection;
}
