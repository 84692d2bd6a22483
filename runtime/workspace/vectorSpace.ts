import { join } from "node:path";
import { BoundedCache } from "../../tools/boundedCache.js";
import { poolVectors, vectorCacheDir, type PoolVectors } from "../../tools/embed/poolVectors.js";
import type { TfidfOptions } from "../../tools/embed/tfidf.js";
import type { VectorSpec } from "../../tools/embed/vectorSpec.js";
import { ExactIndex } from "../../tools/pool/exactIndex.js";
import { DEFAULT_HNSW, hnswAvailable, noticeHnswMissing, openHnswIndex } from "../../tools/pool/hnswIndex.js";
import type { VectorIndex } from "../../tools/pool/vectorIndex.js";
import type { RunConfig } from "../config/runConfig.js";
import type { Workspace } from "./workspace.js";

/** A million 256-d vectors take 1 GiB: a workspace keeps two vector sets at most. */
const MAX_VECTOR_SETS = 2;

/**
 * The pool's dense vectors and the k-NN index over them. Vectors are read from the on-disk cache
 * (keyed by the pool's content and the vector settings) or computed and written there on first
 * use; an HNSW index is saved beside them and read back on resume or in the next run on the same pool.
 */
export class VectorSpace {
  private readonly indexes = new Map<string, Promise<VectorIndex>>();
  private readonly sets = new BoundedCache<string, Promise<PoolVectors>>(MAX_VECTOR_SETS, (key) => {
    for (const indexKey of this.indexes.keys()) if (indexKey.startsWith(key)) this.indexes.delete(indexKey);
  });

  constructor(
    private readonly workspace: Workspace,
    private readonly tfidf: TfidfOptions,
  ) {}

  /** The pool vectors a spec describes. */
  of(spec: VectorSpec): Promise<PoolVectors> {
    const { pool, poolFeatures } = this.workspace;
    return this.sets.getOrCreate(JSON.stringify(spec), () =>
      poolVectors({ ids: pool.ids, texts: pool.texts, features: poolFeatures, tfidf: this.tfidf, spec }),
    );
  }

  /** The k-NN index over the vectors of `spec`; building it is the expensive part, searching it is not. */
  index(spec: VectorSpec, settings: RunConfig["index"]): Promise<VectorIndex> {
    const key = JSON.stringify(spec) + JSON.stringify(settings);
    let index = this.indexes.get(key);
    if (!index) {
      index = this.of(spec).then(({ vectors, key: cacheKey }) => {
        if (settings.kind === "exact") return new ExactIndex(vectors);
        if (!hnswAvailable) {
          noticeHnswMissing();
          return new ExactIndex(vectors);
        }
        const { m, efConstruction, efSearch } = settings;
        const options = { m, efConstruction, efSearch, seed: DEFAULT_HNSW.seed };
        return openHnswIndex(join(vectorCacheDir(), `${cacheKey}.hnsw-m${m}-ef${efConstruction}-s${options.seed}.bin`), vectors, options).index;
      });
      this.indexes.set(key, index);
      index.catch(() => this.indexes.get(key) === index && this.indexes.delete(key));
    }
    return index;
  }
}
