import type { Rng } from "../random.js";
import type { Vectors } from "./dense.js";
import { kmeans, type KMeansResult, nearestCentroids } from "./kmeans.js";

/**
 * k-means for pools too large for Lloyd over every row (a million rows into a thousand clusters is
 * 256 G multiply-adds an iteration): Lloyd runs on a seeded uniform sample of `sampleSize` rows, and
 * every row is then assigned to its nearest centroid in one pass. With tens of rows per cluster in
 * the sample the centroids move little on the rest (the argument of scikit-learn's MiniBatchKMeans),
 * and the pass costs what one Lloyd iteration costs. Rows up to `sampleSize` run plain k-means.
 */
export function kmeansOnSample(vectors: Vectors, rows: Uint32Array, k: number, rng: Rng, sampleSize: number, maxIterations = 20): KMeansResult {
  if (rows.length <= sampleSize) return kmeans(vectors, rows, k, rng, { maxIterations });
  const picked = Uint32Array.from(rows.keys());
  for (let i = 0; i < sampleSize; i++) {
    const j = i + rng.int(picked.length - i);
    [picked[i], picked[j]] = [picked[j], picked[i]];
  }
  const sample = Uint32Array.from(picked.subarray(0, sampleSize).sort(), (p) => rows[p]);
  const fitted = kmeans(vectors, sample, k, rng, { maxIterations, seedSample: sampleSize });
  const { center, closeness } = nearestCentroids(vectors, rows, fitted.centroids);
  const sizes = new Uint32Array(k);
  for (const c of center) sizes[c]++;
  return { centroids: fitted.centroids, assignment: center, closeness, sizes, iterations: fitted.iterations };
}
