import { existsSync, mkdirSync, renameSync } from "node:fs";
import { dirname } from "node:path";
import { allRows, rowCount, type Vectors } from "../linalg/dense.js";
import { topSimilar, type NeighborLists } from "../linalg/nearest.js";
import { narrowGraph, type VectorIndex } from "./vectorIndex.js";

/** The part of hnswlib-node's HierarchicalNSW used here, typed locally: the package may be absent. */
interface Hnsw {
  initIndex(maxElements: number, m: number, efConstruction: number, randomSeed: number): void;
  addPoint(point: number[], label: number): void;
  readIndexSync(path: string): void;
  writeIndexSync(path: string): void;
  getCurrentCount(): number;
  setEf(ef: number): void;
  searchKnn(query: number[], k: number): { neighbors: number[]; distances: number[] };
}
interface HnswlibModule {
  HierarchicalNSW: new (space: "ip", dim: number) => Hnsw;
}

/**
 * hnswlib-node is an optional dependency: it has no prebuilt binaries and compiles from source
 * (Python and a C++ toolchain) at install. Where that failed, or it was left out, the module is
 * missing and k-NN falls back to exact search (`hnswAvailable` false, the reason in `hnswMissing`).
 */
const HNSWLIB = "hnswlib-node"; // a variable, so that type-checking does not need the package either
const loaded: { module: HnswlibModule } | { error: string } = await import(HNSWLIB).then(
  (module: { default: HnswlibModule }) => ({ module: module.default }),
  (error: Error) => ({ error: error.message.split("\n")[0] }),
);
export const hnswAvailable = "module" in loaded;
export const hnswMissing: string | null = "error" in loaded ? loaded.error : null;

function hnswlib(): HnswlibModule {
  if ("error" in loaded) throw new Error(`hnswlib-node is not installed (${loaded.error}): use the exact index`);
  return loaded.module;
}

let noticeGiven = false;
/** One line on stderr, once per process, saying that exact search stands in for the missing HNSW index. */
export function noticeHnswMissing(): void {
  if (noticeGiven) return;
  noticeGiven = true;
  process.stderr.write(
    "activegraph: hnswlib-node is not installed (an optional dependency that needs a C++ toolchain), so k-NN uses exact search (exact neighbours, slower on large pools)\n",
  );
}

export interface HnswOptions {
  /** Links per node (hnswlib's M). */
  readonly m: number;
  /** Candidate list while building: higher is slower to build and more accurate. */
  readonly efConstruction: number;
  /** Candidate list while searching (raised to k when k is larger). */
  readonly efSearch: number;
  /** Seeds hnswlib's level generator, so the same vectors always give the same graph. */
  readonly seed: number;
}

export const DEFAULT_HNSW: HnswOptions = { m: 16, efConstruction: 200, efSearch: 64, seed: 100 };

/**
 * Approximate k-NN over the pool vectors with hnswlib's Hierarchical Navigable Small World graph
 * (Malkov & Yashunin, TPAMI 2018), in inner-product space (over unit vectors, 1 − cosine). Points
 * are added in pool order with a fixed seed, so the graph, and every search on it, is the same in
 * any process: a resumed run finds the neighbours the first run found.
 */
export class HnswIndex implements VectorIndex {
  readonly kind = "hnsw";
  readonly size: number;
  private graph: NeighborLists | null = null;

  private constructor(
    private readonly native: Hnsw,
    private readonly vectors: Vectors,
    private readonly options: HnswOptions,
  ) {
    this.size = rowCount(vectors);
  }

  static build(vectors: Vectors, options: HnswOptions = DEFAULT_HNSW): HnswIndex {
    const n = rowCount(vectors);
    const native = new (hnswlib().HierarchicalNSW)("ip", vectors.dim);
    native.initIndex(Math.max(1, n), options.m, options.efConstruction, options.seed);
    for (let i = 0; i < n; i++) native.addPoint(Array.from(vectors.data.subarray(i * vectors.dim, (i + 1) * vectors.dim)), i);
    return new HnswIndex(native, vectors, options);
  }

  /** Reads an index written by `save` for these vectors. */
  static load(path: string, vectors: Vectors, options: HnswOptions = DEFAULT_HNSW): HnswIndex {
    const native = new (hnswlib().HierarchicalNSW)("ip", vectors.dim);
    native.readIndexSync(path);
    if (native.getCurrentCount() !== rowCount(vectors)) {
      throw new Error(`${path}: the index holds ${native.getCurrentCount()} points, the pool ${rowCount(vectors)}`);
    }
    return new HnswIndex(native, vectors, options);
  }

  /** Writes the index atomically (a crash leaves the old file or none, never half of one). */
  save(path: string): void {
    mkdirSync(dirname(path), { recursive: true });
    const tmp = `${path}.${process.pid}.tmp`;
    this.native.writeIndexSync(tmp);
    renameSync(tmp, path);
  }

  search(query: Float32Array, k: number): { indices: Uint32Array; similarities: Float32Array } {
    const wanted = Math.min(k, this.size);
    this.native.setEf(Math.max(this.options.efSearch, wanted));
    const { neighbors, distances } = this.native.searchKnn(Array.from(query), wanted);
    const order = neighbors.map((_, i) => i).sort((a, b) => distances[a] - distances[b] || neighbors[a] - neighbors[b]);
    return {
      indices: Uint32Array.from(order, (i) => neighbors[i]),
      similarities: Float32Array.from(order, (i) => 1 - distances[i]),
    };
  }

  neighborGraph(k: number): NeighborLists {
    if (!this.graph || this.graph.k < k) {
      const wanted = Math.min(k, this.size - 1);
      const { data, dim } = this.vectors;
      const indices = new Uint32Array(this.size * wanted);
      const similarities = new Float32Array(this.size * wanted);
      for (let i = 0; i < this.size; i++) {
        const found = this.search(data.subarray(i * dim, (i + 1) * dim), wanted + 1);
        let at = 0;
        for (let j = 0; j < found.indices.length && at < wanted; j++) {
          if (found.indices[j] === i) continue;
          indices[i * wanted + at] = found.indices[j];
          similarities[i * wanted + at] = found.similarities[j];
          at++;
        }
        // A search that came back short (a point the graph barely reaches): that row by brute force.
        if (at < wanted) {
          const exact = topSimilar(this.vectors, Uint32Array.of(i), data, wanted, allRows(this.size));
          indices.set(exact.indices, i * wanted);
          similarities.set(exact.similarities, i * wanted);
        }
      }
      this.graph = { k: wanted, indices, similarities };
    }
    return narrowGraph(this.graph, Math.min(k, this.graph.k));
  }
}

/** The index saved at `path`, or a new one built from the vectors and saved there. */
export function openHnswIndex(path: string, vectors: Vectors, options: HnswOptions = DEFAULT_HNSW): { index: HnswIndex; loaded: boolean } {
  if (existsSync(path)) return { index: HnswIndex.load(path, vectors, options), loaded: true };
  const index = HnswIndex.build(vectors, options);
  index.save(path);
  return { index, loaded: false };
}
