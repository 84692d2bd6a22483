import { addRowOuter, addRowTimesWeights, compactColumns, expandWeights, rowSquaredNorm, type FeatureMatrix } from "../linalg/featureMatrix.js";
import { allRows } from "../linalg/dense.js";
import { type Rng, shuffleInPlace } from "../random.js";
import { LinearModel, trainingTargets } from "./linearModel.js";
import type { ModelConfig } from "./modelConfig.js";
import type { TargetModelFactory } from "./targetModel.js";
import { fitTemperature, outOfFoldScores } from "./temperature.js";

export interface LinearSvmOptions {
  /** scikit-learn's C: the loss is ½||w||² + C · Σ max(0, 1 − y·(w·x + b))², per class. */
  readonly C: number;
  /** Passes over the rows at most. */
  readonly maxIterations: number;
  /** Stop when the projected gradients of every class span less than this. */
  readonly tolerance: number;
}

/** scikit-learn's `LinearSVC` defaults (C = 1, tol = 1e-4, max_iter = 1000), which small-text's SVM uses. */
export const DEFAULT_LINEAR_SVM: LinearSvmOptions = { C: 1, maxIterations: 1000, tolerance: 1e-4 };

/**
 * The weights a fit is regularized toward, for the rows it is fitted on (columns × m): the SVM
 * minimizes ½||W − prior||² + C · loss, and starts from it. None: toward zero, the plain SVM.
 */
export type WeightPrior = (X: FeatureMatrix, target: Int32Array, m: number, rows: Uint32Array) => Float64Array;

interface Fitted {
  readonly W: Float64Array;
  readonly b: Float64Array;
  readonly epochs: number;
}

/**
 * One-vs-rest L2-regularized squared-hinge SVMs fitted by dual coordinate descent (Hsieh et al.,
 * ICML 2008: LIBLINEAR's solver, which scikit-learn's `LinearSVC` runs), all classes in one pass
 * over each row. The intercept is an extra feature of value 1, regularized like the rest, as
 * LIBLINEAR's. Rows are visited in an order drawn from `rng`, so a fit is deterministic per stream.
 */
function dualCoordinateDescent(
  X: FeatureMatrix,
  target: Int32Array,
  m: number,
  rows: Uint32Array,
  options: LinearSvmOptions,
  rng: Rng,
  prior?: WeightPrior,
): Fitted {
  const n = rows.length;
  // w = prior + Σ α·y·x, so with every α at 0 the weights are the prior: the dual of
  // ½||w − prior||² + C·loss is the usual one, started there.
  const W = prior ? prior(X, target, m, rows) : new Float64Array(X.cols * m);
  const b = new Float64Array(m);
  const alpha = new Float64Array(n * m);
  const diagonal = 1 / (2 * options.C);
  const qd = Float64Array.from(rows, (i) => rowSquaredNorm(X, i) + 1 + diagonal);
  const order = allRows(n);
  const scores = new Float64Array(m);
  const delta = new Float64Array(m);
  const maxPG = new Float64Array(m);
  const minPG = new Float64Array(m);
  let epoch = 0;
  while (epoch < options.maxIterations) {
    epoch++;
    shuffleInPlace(order, rng);
    maxPG.fill(-Infinity);
    minPG.fill(Infinity);
    for (let t = 0; t < n; t++) {
      const s = order[t];
      const i = rows[s];
      scores.set(b);
      addRowTimesWeights(X, i, W, m, scores);
      let changed = false;
      for (let k = 0; k < m; k++) {
        const yk = target[i] === k ? 1 : -1;
        const a = alpha[s * m + k];
        const G = yk * scores[k] - 1 + diagonal * a;
        const PG = a === 0 ? Math.min(G, 0) : G;
        if (PG > maxPG[k]) maxPG[k] = PG;
        if (PG < minPG[k]) minPG[k] = PG;
        delta[k] = 0;
        if (Math.abs(PG) > 1e-12) {
          const next = Math.max(a - G / qd[s], 0);
          delta[k] = (next - a) * yk;
          alpha[s * m + k] = next;
          changed = true;
        }
      }
      if (changed) {
        addRowOuter(X, i, delta, m, W);
        for (let k = 0; k < m; k++) b[k] += delta[k];
      }
    }
    let converged = true;
    for (let k = 0; k < m; k++) if (maxPG[k] - minPG[k] > options.tolerance) converged = false;
    if (converged) break;
  }
  return { W, b, epochs: epoch };
}

function scoresOf(fitted: Fitted, X: FeatureMatrix, rows: Uint32Array, m: number): Float64Array {
  const out = new Float64Array(rows.length * m);
  const row = new Float64Array(m);
  rows.forEach((i, r) => {
    row.set(fitted.b);
    addRowTimesWeights(X, i, fitted.W, m, row);
    out.set(row, r * m);
  });
  return out;
}

/**
 * A linear SVM with calibrated scores: one-vs-rest squared-hinge SVMs (scikit-learn's `LinearSVC`,
 * the model small-text pairs with TF-IDF), their margins turned into probabilities by a softmax at
 * a temperature fitted on out-of-fold margins (5-fold cross-validation on the labels; temperature
 * scaling, Guo et al. 2017). Margins rank the classes; the temperature only says how sure to be.
 */
export function fitLinearSvm(
  X: FeatureMatrix,
  y: ArrayLike<number>,
  numClasses: number,
  options: LinearSvmOptions,
  rng: Rng,
  prior?: WeightPrior,
): LinearModel {
  const training = trainingTargets(X, y, numClasses);
  if (training.constant) return training.constant;
  const { fitted, target } = training;
  const m = fitted.length;
  const { X: local, columnOf } = compactColumns(X);
  const full = dualCoordinateDescent(local, target, m, allRows(X.rows), options, rng, prior);
  const heldOut = outOfFoldScores(target, m, rng, (train, test) =>
    scoresOf(dualCoordinateDescent(local, target, m, train, options, rng, prior), local, test, m),
  );
  const temperature = heldOut ? fitTemperature(heldOut, target, m) : 1;
  return new LinearModel(fitted, numClasses, expandWeights(full.W, columnOf, X.cols, m), full.b, temperature, full.epochs);
}

/** The SVM's options from a model config: scikit-learn's defaults where it says nothing. */
export const linearSvmOptions = (settings: ModelConfig): LinearSvmOptions => ({
  ...DEFAULT_LINEAR_SVM,
  ...(settings.C !== undefined ? { C: settings.C } : {}),
  ...(settings.maxIterations !== undefined ? { maxIterations: settings.maxIterations } : {}),
});

/** The linear SVM as a target model (`model.kind: "svm"`). */
export const linearSvm: TargetModelFactory = ({ features, y, classes }, { settings, rng }) =>
  fitLinearSvm(features, y, classes.length, linearSvmOptions(settings), rng);
