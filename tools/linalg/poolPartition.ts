import { rngFor } from "../random.js";
import { allRows, rowCount, type Vectors } from "./dense.js";
import { kmeansOnSample } from "./sampledKmeans.js";

/** k-means for a partition is fitted on `sampleRowsPerCell` sampled rows a cell, for at most `iterations` Lloyd iterations. */
export const PARTITION = { sampleRowsPerCell: 20, iterations: 10 } as const;

/** The pool cut into cells by k-means: cell c's members are `members[start[c] .. start[c + 1])`. */
export interface PoolPartition {
  readonly cells: number;
  /** cells × dim, row-major. */
  readonly centroids: Float32Array;
  readonly cellOf: Int32Array;
  readonly sizes: Uint32Array;
  readonly start: Uint32Array;
  readonly members: Uint32Array;
}

/**
 * A k-means partition of the whole pool into fine cells, built once per pool and shared by the
 * large-pool paths of the vector strategies: the approximate k-NN graph searches within cells,
 * TypiClust clusters the cells' centroids instead of the items. It depends on the pool alone and
 * is seeded by a fixed stream, so a resumed run rebuilds exactly the same partition.
 */
export function poolPartition(vectors: Vectors, wantedCells: number): PoolPartition {
  const n = rowCount(vectors);
  const cells = Math.max(1, Math.min(n, wantedCells));
  const fitted = kmeansOnSample(vectors, allRows(n), cells, rngFor(0, "pool-partition", cells), cells * PARTITION.sampleRowsPerCell, PARTITION.iterations);
  const start = new Uint32Array(cells + 1);
  for (let i = 0; i < n; i++) start[fitted.assignment[i] + 1]++;
  for (let c = 0; c < cells; c++) start[c + 1] += start[c];
  const fill = start.slice(0, cells);
  const members = new Uint32Array(n);
  for (let i = 0; i < n; i++) members[fill[fitted.assignment[i]]++] = i;
  return { cells, centroids: fitted.centroids, cellOf: fitted.assignment, sizes: fitted.sizes, start, members };
}
