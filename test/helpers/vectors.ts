import { normalizeRows, type Vectors } from "../../tools/linalg/dense.js";
import { mulberry32 } from "../../tools/random.js";

/** Unit vectors from the given points (each row scaled to norm 1). */
export function unitRows(points: number[][]): Vectors {
  const dim = points[0].length;
  return { data: normalizeRows(Float32Array.from(points.flat()), dim), dim };
}

/**
 * Well-separated blobs of unit vectors: blob b is centred on axis b (so blobs are orthogonal), with
 * `size` items each, gaussian noise of `spread` around the centre; item `b * size` sits exactly on
 * its centre. Returns the vectors and each item's blob.
 */
export function blobs(count: number, size: number, dim: number, spread: number, seed = 1): { vectors: Vectors; blob: Int32Array } {
  const rng = mulberry32(seed);
  const gauss = () => Math.sqrt(-2 * Math.log(1 - rng.next())) * Math.cos(2 * Math.PI * rng.next());
  const points: number[][] = [];
  const blob: number[] = [];
  for (let b = 0; b < count; b++) {
    for (let i = 0; i < size; i++) {
      const point = Array.from({ length: dim }, (_, j) => (j === b ? 1 : 0) + (i === 0 ? 0 : spread * gauss()));
      points.push(point);
      blob.push(b);
    }
  }
  return { vectors: unitRows(points), blob: Int32Array.from(blob) };
}

/** Random unit vectors in `clusters` loose groups, for comparing exact and approximate search. */
export function clusteredPool(n: number, dim: number, clusters: number, seed = 3): Vectors {
  const rng = mulberry32(seed);
  const gauss = () => Math.sqrt(-2 * Math.log(1 - rng.next())) * Math.cos(2 * Math.PI * rng.next());
  const centres = Array.from({ length: clusters }, () => Array.from({ length: dim }, gauss));
  const points = Array.from({ length: n }, (_, i) => centres[i % clusters].map((v) => v + 0.6 * gauss()));
  return unitRows(points);
}
