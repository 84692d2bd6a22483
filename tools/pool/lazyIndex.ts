import type { NeighborLists } from "../linalg/nearest.js";
import type { VectorIndex } from "./vectorIndex.js";

/**
 * An index built on its first search, not when a run asks for it: TypiClust and ProbCover need an
 * index on the benchmark's pools but, above their exact-path size, work from a partition of the
 * pool instead, and an HNSW build over a million vectors takes far longer than every round of
 * theirs together. A failed build is not kept: the next search tries again.
 */
export class LazyIndex implements VectorIndex {
  private built: VectorIndex | null = null;

  constructor(
    readonly kind: VectorIndex["kind"],
    readonly size: number,
    private readonly build: () => VectorIndex,
  ) {}

  /** Whether the index has been built (by a search or a neighbour graph). */
  get isBuilt(): boolean {
    return this.built !== null;
  }

  private index(): VectorIndex {
    this.built ??= this.build();
    return this.built;
  }

  search(query: Float32Array, k: number): { indices: Uint32Array; similarities: Float32Array } {
    return this.index().search(query, k);
  }

  neighborGraph(k: number): NeighborLists {
    return this.index().neighborGraph(k);
  }
}
