import { join } from "node:path";
import { BoundedCache } from "../../tools/boundedCache.js";
import { embeddingProgressLines } from "../../tools/embed/embeddingProgress.js";
import { embedTexts, getEmbeddings } from "../../tools/embed/embeddings.js";
import type { LsaProjection } from "../../tools/embed/lsa.js";
import { type CachedLsa, cachedLsa } from "../../tools/embed/lsaCache.js";
import { poolVectors, vectorCacheDir, type PoolVectors } from "../../tools/embed/poolVectors.js";
import { projectRows } from "../../tools/embed/randomProjection.js";
import type { TfidfOptions } from "../../tools/embed/tfidf.js";
import type { VectorSpec } from "../../tools/embed/vectorSpec.js";
import { ExactIndex } from "../../tools/pool/exactIndex.js";
import { LazyIndex } from "../../tools/pool/lazyIndex.js";
import { DEFAULT_HNSW, hnswAvailable, noticeHnswMissing, openHnswIndex } from "../../tools/pool/hnswIndex.js";
import { rowCount, type Vectors } from "../../tools/linalg/dense.js";
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
  private readonly lsaFits = new BoundedCache<string, CachedLsa>(MAX_VECTOR_SETS);
  private readonly testSets = new BoundedCache<string, Promise<Vectors | null>>(MAX_VECTOR_SETS);
  private readonly sets = new BoundedCache<string, Promise<PoolVectors>>(MAX_VECTOR_SETS, (key) => {
    for (const indexKey of this.indexes.keys()) if (indexKey.startsWith(key)) this.indexes.delete(indexKey);
  });

  constructor(
    private readonly workspace: Workspace,
    private readonly tfidf: TfidfOptions,
  ) {}

  /** The pool vectors a spec describes. */
  of(spec: VectorSpec): Promise<PoolVectors> {
    const { pool, poolFeatures, name } = this.workspace;
    return this.sets.getOrCreate(JSON.stringify(spec), async () => {
      if (spec.source === "lsa") {
        const { projection, key, cached } = this.lsaFit(spec);
        return { vectors: projection.transform(poolFeatures), key, cached };
      }
      return poolVectors({
        ids: pool.ids,
        texts: pool.texts,
        features: poolFeatures,
        tfidf: this.tfidf,
        spec,
        onProgress: progressOf(spec, `the ${name} pool`),
      });
    });
  }

  /** The LSA of the pool's TF-IDF rows that an `lsa` spec names: fitted once per pool (and cached on disk), then applied to any rows. */
  lsa(spec: VectorSpec): LsaProjection {
    return this.lsaFit(spec).projection;
  }

  private lsaFit(spec: VectorSpec): CachedLsa {
    const { pool, poolFeatures } = this.workspace;
    const options = { dim: spec.dim, seed: spec.seed };
    return this.lsaFits.getOrCreate(JSON.stringify(options), () =>
      cachedLsa({ ids: pool.ids, texts: pool.texts, features: poolFeatures, tfidf: this.tfidf, options }),
    );
  }

  /** The test split's vectors, made as the pool's are (and cached on disk the same way); null without a test split. */
  test(spec: VectorSpec): Promise<Vectors | null> {
    const { test, name } = this.workspace;
    return this.testSets.getOrCreate(JSON.stringify(spec), async () => {
      if (!test) return null;
      if (spec.source === "lsa") return this.lsa(spec).transform(test.features);
      const ids = test.texts.map((_, i) => `test:${i}`);
      const input = { ids, texts: test.texts, features: test.features, tfidf: this.tfidf, spec, onProgress: progressOf(spec, `the ${name} test split`) };
      return (await poolVectors(input)).vectors;
    });
  }

  /** Vectors for texts outside the pool (generated items, labels from outside), made as the pool's are. */
  async embed(spec: VectorSpec, texts: readonly string[]): Promise<Vectors> {
    if (spec.source === "projection") return { data: projectRows(this.workspace.vectorizer.transform(texts), spec), dim: spec.dim };
    if (spec.source === "lsa") return this.lsa(spec).transform(this.workspace.vectorizer.transform(texts));
    return embedTexts(getEmbeddings(spec.name ?? ""), texts, spec.batchSize);
  }

  /** The k-NN index over the vectors of `spec`; building it is the expensive part, searching it is not. */
  index(spec: VectorSpec, settings: RunConfig["index"]): Promise<VectorIndex> {
    const key = JSON.stringify(spec) + JSON.stringify(settings);
    let index = this.indexes.get(key);
    if (!index) {
      // Built on first search: the large-pool paths of TypiClust and ProbCover declare an index but never search it.
      index = this.of(spec).then(({ vectors, key: cacheKey }) => {
        if (settings.kind === "exact") return new ExactIndex(vectors);
        if (!hnswAvailable) {
          noticeHnswMissing();
          return new ExactIndex(vectors);
        }
        const { m, efConstruction, efSearch } = settings;
        const options = { m, efConstruction, efSearch, seed: DEFAULT_HNSW.seed };
        const path = join(vectorCacheDir(), `${cacheKey}.hnsw-m${m}-ef${efConstruction}-s${options.seed}.bin`);
        return new LazyIndex("hnsw", rowCount(vectors), () => openHnswIndex(path, vectors, options).index);
      });
      this.indexes.set(key, index);
      index.catch(() => this.indexes.get(key) === index && this.indexes.delete(key));
    }
    return index;
  }
}

/** Progress lines for a pass of embeddings (a projection is quick and silent). */
function progressOf(spec: VectorSpec, what: string) {
  return spec.source === "embeddings" ? embeddingProgressLines(`${what} with ${spec.name}`) : undefined;
}
