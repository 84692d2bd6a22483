import type { NeighborLists } from "../linalg/nearest.js";

/**
 * k-nearest-neighbour search over the pool vectors (unit vectors, so similarity is the inner
 * product). Two implementations: `ExactIndex` (brute force, for tests and small pools) and
 * `HnswIndex` (hnswlib's HNSW graph, approximate, persisted beside the vectors).
 */
export interface VectorIndex {
  readonly kind: "exact" | "hnsw";
  /** Pool items indexed; item i is pool index i. */
  readonly size: number;
  /** The k pool items most similar to `query`, most similar first. */
  search(query: Float32Array, k: number): { indices: Uint32Array; similarities: Float32Array };
  /**
   * The k nearest other pool items of every pool item (row i: item i's neighbours, nearest first).
   * It depends on the pool alone, so it is computed once per index and kept.
   */
  neighborGraph(k: number): NeighborLists;
}

/** The first k columns of a neighbour graph with more. */
export function narrowGraph(graph: NeighborLists, k: number): NeighborLists {
  if (k === graph.k) return graph;
  if (k > graph.k) throw new Error(`narrowGraph: ${k} neighbours asked from a graph of ${graph.k}`);
  const rows = graph.indices.length / graph.k;
  const indices = new Uint32Array(rows * k);
  const similarities = new Float32Array(rows * k);
  for (let i = 0; i < rows; i++) {
    indices.set(graph.indices.subarray(i * graph.k, i * graph.k + k), i * k);
    similarities.set(graph.similarities.subarray(i * graph.k, i * graph.k + k), i * k);
  }
  return { k, indices, similarities };
}
