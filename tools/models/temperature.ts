import type { Rng } from "../random.js";

/** Folds for the out-of-fold scores a temperature is fitted on. */
export const CALIBRATION_FOLDS = 5;

/**
 * Each training row's scores from a model fitted without it (k-fold cross-validation, folds
 * stratified by class so each holds its share of every class): honest scores to calibrate on, where
 * scores of the rows a model was fitted on are as confident as the fit made them. `fitScores` fits
 * on `train` (row indices) and returns the scores of `test`, test.length × m.
 */
export function outOfFoldScores(
  target: Int32Array,
  m: number,
  rng: Rng,
  fitScores: (train: Uint32Array, test: Uint32Array) => Float64Array,
  folds = CALIBRATION_FOLDS,
): Float64Array | null {
  const n = target.length;
  const k = Math.min(folds, n);
  if (k < 2) return null;
  const foldOf = new Int32Array(n);
  let next = 0;
  for (let c = 0; c < m; c++) {
    const rows: number[] = [];
    for (let i = 0; i < n; i++) if (target[i] === c) rows.push(i);
    for (let r = rows.length - 1; r > 0; r--) {
      const j = rng.int(r + 1);
      [rows[r], rows[j]] = [rows[j], rows[r]];
    }
    // Round-robin continues across classes, so small classes do not all land in fold 0.
    for (const row of rows) foldOf[row] = next++ % k;
  }
  const scores = new Float64Array(n * m);
  for (let f = 0; f < k; f++) {
    const train: number[] = [];
    const test: number[] = [];
    for (let i = 0; i < n; i++) (foldOf[i] === f ? test : train).push(i);
    if (test.length === 0 || train.length === 0) continue;
    const fold = fitScores(Uint32Array.from(train), Uint32Array.from(test));
    test.forEach((row, t) => scores.set(fold.subarray(t * m, (t + 1) * m), row * m));
  }
  return scores;
}

/** Mean negative log-likelihood of the targets under softmax(β · scores). */
function meanNll(scores: Float64Array, target: Int32Array, m: number, beta: number): number {
  let total = 0;
  for (let i = 0; i < target.length; i++) {
    let max = -Infinity;
    for (let k = 0; k < m; k++) max = Math.max(max, beta * scores[i * m + k]);
    let sum = 0;
    for (let k = 0; k < m; k++) sum += Math.exp(beta * scores[i * m + k] - max);
    total += Math.log(sum) + max - beta * scores[i * m + target[i]];
  }
  return total / target.length;
}

/** The range a temperature is searched in: wide enough for margins (≈ ±1) and cosine similarities (≈ 0.01 apart). */
const LOG_T = { min: Math.log(1e-3), max: Math.log(1e2) } as const;

/**
 * Temperature scaling (Guo et al., ICML 2017): the T that makes softmax(scores / T) most likely on
 * held-out scores. The likelihood is convex in 1/T, so a golden-section search over log T finds it;
 * where the held-out rows are all right it keeps falling as T shrinks, and the search stops at the
 * bottom of its range rather than at certainty.
 */
export function fitTemperature(scores: Float64Array, target: Int32Array, m: number): number {
  const phi = (Math.sqrt(5) - 1) / 2;
  let lo = LOG_T.min;
  let hi = LOG_T.max;
  const f = (logT: number) => meanNll(scores, target, m, Math.exp(-logT));
  let a = hi - phi * (hi - lo);
  let b = lo + phi * (hi - lo);
  let fa = f(a);
  let fb = f(b);
  for (let step = 0; step < 60 && hi - lo > 1e-4; step++) {
    if (fa <= fb) {
      hi = b;
      b = a;
      fb = fa;
      a = hi - phi * (hi - lo);
      fa = f(a);
    } else {
      lo = a;
      a = b;
      fa = fb;
      b = lo + phi * (hi - lo);
      fb = f(b);
    }
  }
  return Math.exp((lo + hi) / 2);
}
