import { allRows, rowCount, type Vectors } from "../linalg/dense.js";
import { topSimilar, type NeighborLists } from "../linalg/nearest.js";
import { narrowGraph, type VectorIndex } from "./vectorIndex.js";

/**
 * Brute-force k-NN: every query against every pool vector. Exact, O(n·dim) per query and O(n²·dim)
 * for the neighbour graph, so it is the reference the HNSW index is tested against, and the index
 * for pools small enough that brute force costs less than building a graph.
 */
export class ExactIndex implements VectorIndex {
  readonly kind = "exact";
  readonly size: number;
  private graph: NeighborLists | null = null;

  constructor(private readonly vectors: Vectors) {
    this.size = rowCount(vectors);
  }

  search(query: Float32Array, k: number): { indices: Uint32Array; similarities: Float32Array } {
    const single = { data: query, dim: this.vectors.dim };
    return topSimilar(single, Uint32Array.of(0), this.vectors.data, Math.min(k, this.size));
  }

  neighborGraph(k: number): NeighborLists {
    if (!this.graph || this.graph.k < k) {
      const all = allRows(this.size);
      this.graph = topSimilar(this.vectors, all, this.vectors.data, Math.min(k, this.size - 1), all);
    }
    return narrowGraph(this.graph, Math.min(k, this.graph.k));
  }
}
