import { z } from "zod";
import { ConfigError } from "../errors.js";
import { rowCount, type Vectors } from "../linalg/dense.js";
import type { NeighborLists } from "../linalg/nearest.js";
import { partitionGraph } from "../linalg/partitionGraph.js";
import { poolPartition, type PoolPartition } from "../linalg/poolPartition.js";
import { poolMemo } from "../pool/poolMemo.js";

/**
 * Up to this many pool items the graph strategies (TypiClust, ProbCover) run as they always have:
 * the index's k-NN graph and k-means over the whole pool each round, which keeps the learning
 * curves measured on the benchmark's pools (all but sst2's under 20k items) as they are. Above it
 * they take their large-pool paths: the partition and graph below, built once per pool, then only
 * per-round work, because a round of the exact path costs seconds at 25k items and does not
 * finish at a million. `ACTIVEGRAPH_EXACT_UP_TO` sets another size (0: the large-pool paths
 * everywhere), to compare the two paths' learning curves on the same pools.
 */
export const EXACT_UP_TO = exactUpTo(process.env.ACTIVEGRAPH_EXACT_UP_TO);

function exactUpTo(value: string | undefined): number {
  if (value === undefined || value === "") return 20_000;
  const parsed = z.coerce.number().int().nonnegative().safeParse(value);
  if (!parsed.success) throw new ConfigError(`ACTIVEGRAPH_EXACT_UP_TO: expected a pool size (a whole number ≥ 0), got "${value}"`);
  return parsed.data;
}

export const largePool = (vectors: Vectors): boolean => rowCount(vectors) > EXACT_UP_TO;

/** The graph's cells hold about this many items: a cell's rows are searched against it and its nearest cells in one scan. */
export const GRAPH_CELL_SIZE = 1000;

/** The pool's k-means partition into `cells` cells, built once per pool vectors and cell count. */
export const partitionOf = (vectors: Vectors, cells: number): PoolPartition => poolMemo(vectors, `partition:${cells}`, () => poolPartition(vectors, cells));

/** The cell count of the graph's partition. */
export const graphCells = (vectors: Vectors): number => Math.ceil(rowCount(vectors) / GRAPH_CELL_SIZE);

/** The pool's approximate k-NN graph (search within nearby cells), built once per pool vectors and k. */
export const approximateGraphOf = (vectors: Vectors, k: number): NeighborLists =>
  poolMemo(vectors, `graph:${k}`, () => partitionGraph(vectors, partitionOf(vectors, graphCells(vectors)), k));
