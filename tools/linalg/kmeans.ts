import { drawUntaken as draw } from "../weightedDraw.js";
import type { Rng } from "../random.js";
import { gatherRows, type Vectors } from "./dense.js";
import { rowScanner, type RowScanner } from "./similarities.js";

export interface KMeansOptions {
  readonly maxIterations: number;
  /** k-means++ seeds from at most this many rows (a uniform sample), as scikit-learn's MiniBatchKMeans does; Lloyd runs on all. */
  readonly seedSample: number;
  /** Per-row weights (default 1): a weighted mean per cluster, and seeding in proportion to weight × D². */
  readonly weights?: Float64Array;
}

/** Above this many clusters, k-means++ draws one candidate per seed (see seedPlusPlus). */
const GREEDY_MAX_K = 64;

export const DEFAULT_KMEANS: KMeansOptions = { maxIterations: 20, seedSample: 20_000 };

export interface KMeansResult {
  /** k × dim, row-major. */
  readonly centroids: Float32Array;
  /** Cluster of each row, in the order of `rows`. */
  readonly assignment: Int32Array;
  /** x·μ − ||μ||²/2 for each row and its centroid: higher is nearer (||x − μ||² = ||x||² − 2 of it). */
  readonly closeness: Float32Array;
  readonly sizes: Uint32Array;
  readonly iterations: number;
}

/**
 * k-means (Lloyd 1982) with k-means++ seeding (Arthur & Vassilvitskii, SODA 2007), on the rows
 * `rows` of `vectors`. Assignment is the similarity kernel with a bias per centroid (argmax of
 * x·μ − ||μ||²/2 is the nearest centroid), so an iteration costs n·k·dim multiply-adds on SIMD.
 * It stops when fewer than one row in 10³ changes cluster (none, on pools under 10³ rows), or after
 * 20 iterations: later ones move a handful of border rows between neighbouring clusters. A
 * cluster left empty takes the row farthest from its own centroid. Seeded by `rng`: the same
 * input gives the same clusters.
 */
export function kmeans(vectors: Vectors, rows: Uint32Array, k: number, rng: Rng, options: Partial<KMeansOptions> = {}): KMeansResult {
  const { maxIterations, seedSample, weights } = { ...DEFAULT_KMEANS, ...options };
  const n = rows.length;
  if (k < 1 || k > n) throw new Error(`kmeans: ${k} clusters for ${n} rows`);
  const { data, dim } = vectors;
  const centroids = seedPlusPlus(vectors, rows, k, rng, seedSample, weights);
  const scanner = rowScanner(vectors, rows);
  const bias = new Float32Array(k);
  const assignment = new Int32Array(n).fill(-1);
  let closeness: Float32Array = new Float32Array(n);
  const sizes = new Uint32Array(k);
  const sums = new Float64Array(k * dim);
  const mass = new Float64Array(k);
  let iterations = 0;
  for (;;) {
    centroidBias(centroids, dim, bias);
    const nearest = assign(scanner, n, centroids, k, bias);
    closeness = nearest.closeness;
    let changed = 0;
    for (let i = 0; i < n; i++) {
      if (assignment[i] !== nearest.center[i]) changed++;
      assignment[i] = nearest.center[i];
    }
    iterations++;
    if (changed <= n * 1e-3 || iterations >= maxIterations) break;

    sums.fill(0);
    mass.fill(0);
    for (let i = 0; i < n; i++) {
      const c = assignment[i];
      const w = weights ? weights[i] : 1;
      const row = rows[i] * dim;
      mass[c] += w;
      for (let j = 0; j < dim; j++) sums[c * dim + j] += w * data[row + j];
    }
    for (let c = 0; c < k; c++) {
      if (mass[c] > 0) {
        for (let j = 0; j < dim; j++) centroids[c * dim + j] = sums[c * dim + j] / mass[c];
        continue;
      }
      // Empty: move the centroid onto the row that is farthest from its own centroid.
      let worst = 0;
      for (let i = 1; i < n; i++) if (closeness[i] < closeness[worst]) worst = i;
      centroids.set(data.subarray(rows[worst] * dim, rows[worst] * dim + dim), c * dim);
      closeness[worst] = Infinity;
    }
  }
  sizes.fill(0);
  for (let i = 0; i < n; i++) sizes[assignment[i]]++;
  return { centroids, assignment, closeness, sizes, iterations };
}

/**
 * For each of `rows`, the nearest of `centroids` (k × dim) and its closeness x·μ − ||μ||²/2, as
 * kmeans reports them: one assignment pass, what a Lloyd iteration costs (rows streamed, not kept).
 */
export function nearestCentroids(vectors: Vectors, rows: Uint32Array, centroids: Float32Array): { center: Int32Array; closeness: Float32Array } {
  const k = centroids.length / vectors.dim;
  return assign(rowScanner(vectors, rows, false), rows.length, centroids, k, centroidBias(centroids, vectors.dim, new Float32Array(k)));
}

/** −||μ||²/2 per centroid, into `bias`: with it, the largest x·μ + bias is the nearest centroid of a unit x. */
function centroidBias(centroids: Float32Array, dim: number, bias: Float32Array): Float32Array {
  for (let c = 0; c < bias.length; c++) {
    let sum = 0;
    for (let j = 0; j < dim; j++) sum += centroids[c * dim + j] * centroids[c * dim + j];
    bias[c] = -sum / 2;
  }
  return bias;
}

/** For each row, the centroid with the highest x·μ + bias (the nearest, with bias −||μ||²/2) and that value. */
function assign(scanner: RowScanner, n: number, centroids: Float32Array, k: number, bias: Float32Array): { center: Int32Array; closeness: Float32Array } {
  const center = new Int32Array(n);
  const closeness = new Float32Array(n);
  scanner.scan(centroids, (start, count, sims, stride) => {
    for (let r = 0; r < count; r++) {
      let best = -Infinity;
      let at = 0;
      for (let c = 0; c < k; c++) {
        const value = sims[r * stride + c] + bias[c];
        if (value > best) {
          best = value;
          at = c;
        }
      }
      center[start + r] = at;
      closeness[start + r] = best;
    }
  });
  return { center, closeness };
}

/**
 * Greedy k-means++ (scikit-learn's default): the first seed at random (by weight); for each next
 * one, 2 + ⌊ln k⌋ candidates drawn in proportion to weight × D², keeping the one that lowers the
 * total weighted D² most. One draw per step, as in the paper, puts two seeds in one blob often
 * enough to leave a blob without a centroid when k is about the number of blobs. With more than
 * GREEDY_MAX_K clusters (TypiClust asks for hundreds) that matters little and the extra draws
 * would multiply the seeding cost by 8, so there is one draw per step. The candidates of a step
 * are scored in one scan.
 */
function seedPlusPlus(vectors: Vectors, rows: Uint32Array, k: number, rng: Rng, sampleSize: number, weights?: Float64Array): Float32Array {
  const { data, dim } = vectors;
  let positions = Uint32Array.from(rows.keys());
  if (positions.length > sampleSize) {
    for (let i = 0; i < sampleSize; i++) {
      const j = i + rng.int(positions.length - i);
      [positions[i], positions[j]] = [positions[j], positions[i]];
    }
    positions = positions.slice(0, sampleSize).sort();
  }
  const m = positions.length;
  const sample = Uint32Array.from(positions, (p) => rows[p]);
  const scanner = rowScanner(vectors, sample);
  const weight = Float64Array.from(positions, (p) => (weights ? weights[p] : 1));
  const norm = new Float64Array(m);
  for (let s = 0; s < m; s++) {
    let sum = 0;
    for (let j = 0; j < dim; j++) sum += data[sample[s] * dim + j] ** 2;
    norm[s] = sum;
  }
  const trials = k <= GREEDY_MAX_K ? 2 + Math.floor(Math.log(k)) : 1;
  const centroids = new Float32Array(k * dim);
  const distance = new Float64Array(m).fill(Infinity);
  const taken = new Uint8Array(m);
  const scaled = new Float64Array(m);
  const dots = new Float32Array(m * trials);

  let chosen = draw(weight, taken, rng.next());
  // D² to the first seed; later seeds reuse the inner products computed for them as candidates.
  scanner.scan(data.subarray(sample[chosen] * dim, sample[chosen] * dim + dim), (start, count, sims, stride) => {
    for (let r = 0; r < count; r++) distance[start + r] = Math.max(0, norm[start + r] + norm[chosen] - 2 * sims[r * stride]);
  });
  for (let c = 0; ; c++) {
    taken[chosen] = 1;
    centroids.set(data.subarray(sample[chosen] * dim, sample[chosen] * dim + dim), c * dim);
    if (c === k - 1) break;
    for (let s = 0; s < m; s++) scaled[s] = taken[s] ? 0 : weight[s] * distance[s];
    const candidates = Array.from({ length: trials }, () => draw(scaled, taken, rng.next()));
    scanner.scan(
      gatherRows(
        vectors,
        Array.from(candidates, (candidate) => sample[candidate]),
      ),
      (start, count, sims, stride) => {
        for (let r = 0; r < count; r++) for (let t = 0; t < trials; t++) dots[(start + r) * trials + t] = sims[r * stride + t];
      },
    );
    let best = 0;
    let bestPotential = Infinity;
    for (let t = 0; t < trials; t++) {
      let potential = 0;
      for (let s = 0; s < m; s++) {
        potential += weight[s] * Math.min(distance[s], Math.max(0, norm[s] + norm[candidates[t]] - 2 * dots[s * trials + t]));
      }
      if (potential < bestPotential) {
        bestPotential = potential;
        best = t;
      }
    }
    chosen = candidates[best];
    for (let s = 0; s < m; s++) distance[s] = Math.min(distance[s], Math.max(0, norm[s] + norm[chosen] - 2 * dots[s * trials + best]));
  }
  return centroids;
}
