import { allRows, gatherRows, rowCount, type Vectors } from "../../linalg/dense.js";
import { topSimilar } from "../../linalg/nearest.js";

/**
 * For each test input, the `depth` items of `among` (pool indices) most similar to it, most similar
 * first, as pool indices: row t at [t·depth, (t+1)·depth). Cosine over unit vectors.
 */
export function nearestTo(testVectors: Vectors, vectors: Vectors, among: ArrayLike<number>, depth: number): { depth: number; indices: Uint32Array } {
  const size = Math.min(depth, among.length);
  if (size === 0) return { depth: 0, indices: new Uint32Array() };
  const found = topSimilar(testVectors, allRows(rowCount(testVectors)), gatherRows(vectors, among), size);
  return { depth: size, indices: Uint32Array.from(found.indices, (position) => among[position]) };
}

/**
 * Each test input's k demonstrations among the labeled items: its k nearest, the nearest last, so
 * it sits beside the input (the order Su et al. 2023 and Liu et al. 2022 prompt with). Returns
 * positions in `labeled`.
 */
export function nearestDemonstrations(testVectors: Vectors, vectors: Vectors, labeled: ReadonlyArray<{ index: number }>, k: number): number[][] {
  const positions = new Map(labeled.map((item, position) => [item.index, position]));
  const { depth, indices } = nearestTo(
    testVectors,
    vectors,
    labeled.map((item) => item.index),
    k,
  );
  return Array.from({ length: rowCount(testVectors) }, (_, t) =>
    Array.from(indices.subarray(t * depth, (t + 1) * depth), (index) => positions.get(index)!).reverse(),
  );
}
