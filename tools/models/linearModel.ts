import type { CsrMatrix } from "../linalg/csr.js";
import { addRowTimesWeights, type FeatureMatrix } from "../linalg/featureMatrix.js";
import type { ModelRows, TargetModel } from "./targetModel.js";

/**
 * The classes present among the labels, in index order: a model fits only these, and gives every
 * other class probability 0, so with few labels it invents no mass for classes it has never seen.
 */
export function presentClasses(y: ArrayLike<number>, numClasses: number): { fitted: Int32Array; localOf: Int32Array } {
  const localOf = new Int32Array(numClasses).fill(-1);
  for (let i = 0; i < y.length; i++) {
    const label = y[i];
    if (!(label >= 0 && label < numClasses)) throw new Error(`fit: label ${label} outside [0, ${numClasses})`);
    localOf[label] = 0;
  }
  const fitted: number[] = [];
  for (let c = 0; c < numClasses; c++) if (localOf[c] === 0) localOf[c] = fitted.push(c) - 1;
  return { fitted: Int32Array.from(fitted), localOf };
}

/**
 * What every built-in target model is once fitted: m linear scores over the fitted classes,
 * s = x·W + b, turned into probabilities by a softmax at a temperature (1 for softmax
 * regression; fitted for the margin- and similarity-based models, whose scores are not log-odds).
 */
export class LinearModel implements TargetModel {
  constructor(
    /** Global class index of each fitted class. */
    readonly fittedClasses: Int32Array,
    readonly numClasses: number,
    /** Row-major, columns × fittedClasses.length. */
    private readonly weights: Float64Array,
    private readonly bias: Float64Array,
    readonly temperature = 1,
    /** Optimizer iterations (or epochs) the fit took. */
    readonly iterations = 0,
  ) {
    if (!(temperature > 0)) throw new Error(`temperature must be positive, got ${temperature}`);
  }

  /** The model of labels from a single class: that class, always. */
  static constant(numClasses: number, classIndex: number, cols: number): LinearModel {
    return new LinearModel(Int32Array.of(classIndex), numClasses, new Float64Array(cols), new Float64Array(1));
  }

  /** Scores over the fitted classes, rows × m (before the temperature). */
  scores(X: FeatureMatrix): Float64Array {
    const m = this.fittedClasses.length;
    if (X.cols * m !== this.weights.length) throw new Error(`a linear model of ${this.weights.length / m} features was given rows of ${X.cols}`);
    const out = new Float64Array(X.rows * m);
    const row = new Float64Array(m);
    for (let i = 0; i < X.rows; i++) {
      for (let k = 0; k < m; k++) row[k] = this.bias[k];
      addRowTimesWeights(X, i, this.weights, m, row);
      out.set(row, i * m);
    }
    return out;
  }

  /** Class probabilities, rows × numClasses, row-major; each row sums to 1. */
  probabilities(X: FeatureMatrix): Float32Array {
    const K = this.numClasses;
    const m = this.fittedClasses.length;
    if (X.cols * m !== this.weights.length) throw new Error(`a linear model of ${this.weights.length / m} features was given rows of ${X.cols}`);
    const out = new Float32Array(X.rows * K);
    const logits = new Float64Array(m);
    const scale = 1 / this.temperature;
    for (let i = 0; i < X.rows; i++) {
      for (let k = 0; k < m; k++) logits[k] = this.bias[k];
      addRowTimesWeights(X, i, this.weights, m, logits);
      if (scale !== 1) for (let k = 0; k < m; k++) logits[k] *= scale;
      let max = -Infinity;
      for (let k = 0; k < m; k++) if (logits[k] > max) max = logits[k];
      let sum = 0;
      for (let k = 0; k < m; k++) {
        logits[k] = Math.exp(logits[k] - max);
        sum += logits[k];
      }
      for (let k = 0; k < m; k++) out[i * K + this.fittedClasses[k]] = logits[k] / sum;
    }
    return out;
  }

  predictProba(rows: ModelRows): Float32Array {
    return this.probabilities(rows.features);
  }

  /** The most probable class of each row. */
  predict(X: FeatureMatrix): Int32Array {
    return argmaxRows(this.probabilities(X), this.numClasses);
  }

  /**
   * How much each feature of one row of a TF-IDF-only model pushes it toward `classIndex` (value ×
   * weight, minus the same for the mean of the other fitted classes): the terms behind a prediction.
   */
  contributions(X: CsrMatrix, row: number, classIndex: number): Array<{ column: number; weight: number }> {
    const m = this.fittedClasses.length;
    const k = this.fittedClasses.indexOf(classIndex);
    if (k < 0 || m < 2) return [];
    const out: Array<{ column: number; weight: number }> = [];
    for (let p = X.indptr[row]; p < X.indptr[row + 1]; p++) {
      const base = X.indices[p] * m;
      let others = 0;
      for (let j = 0; j < m; j++) if (j !== k) others += this.weights[base + j];
      out.push({ column: X.indices[p], weight: X.values[p] * (this.weights[base + k] - others / (m - 1)) });
    }
    return out.sort((a, b) => b.weight - a.weight);
  }
}

/** The index of the largest probability of each row. */
export function argmaxRows(probs: Float32Array, numClasses: number): Int32Array {
  const rows = probs.length / numClasses;
  const out = new Int32Array(rows);
  for (let i = 0; i < rows; i++) {
    let best = 0;
    for (let k = 1; k < numClasses; k++) if (probs[i * numClasses + k] > probs[i * numClasses + best]) best = k;
    out[i] = best;
  }
  return out;
}

/**
 * What every built-in model's fit starts with: the rows and labels checked, the classes present
 * numbered 0..m-1 (`target`, one per row), or, with a single class present, the model that always
 * predicts it (nothing to fit).
 */
export function trainingTargets(
  X: FeatureMatrix,
  y: ArrayLike<number>,
  numClasses: number,
): { constant: LinearModel } | { constant: null; fitted: Int32Array; target: Int32Array } {
  if (X.rows !== y.length) throw new Error(`fit: ${X.rows} rows but ${y.length} labels`);
  if (X.rows === 0) throw new Error("fit: no training rows");
  const { fitted, localOf } = presentClasses(y, numClasses);
  if (fitted.length === 1) return { constant: LinearModel.constant(numClasses, fitted[0], X.cols) };
  return { constant: null, fitted, target: Int32Array.from({ length: X.rows }, (_, i) => localOf[y[i]]) };
}
