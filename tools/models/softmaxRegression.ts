import { addRowOuter, addRowTimesWeights, compactColumns, expandWeights, type FeatureMatrix } from "../linalg/featureMatrix.js";
import { DEFAULT_LBFGS, minimizeLbfgs } from "./lbfgs.js";
import { LinearModel, trainingTargets } from "./linearModel.js";
import type { TargetModelFactory } from "./targetModel.js";

export interface SoftmaxRegressionOptions {
  /** Inverse L2 strength, as scikit-learn's `C`: the loss is mean log-loss + ||W||² / (2·C·n). */
  readonly C: number;
  readonly maxIterations: number;
  readonly tolerance: number;
}

/**
 * C = 10, not scikit-learn's 1: the loss sums over the labeled items, so with the few dozen labels
 * of active learning C = 1 regularizes the model into predicting the majority class (trec6, 50
 * random labels: 26.8% at C = 1, 32.9% at C = 10; full data: 85.4% and 87.0%).
 */
export const DEFAULT_SOFTMAX: SoftmaxRegressionOptions = { C: 10, maxIterations: 200, tolerance: 1e-4 };

/**
 * Multinomial logistic (softmax) regression, fitted by L-BFGS: the same objective as
 * scikit-learn's `LogisticRegression(multi_class="multinomial")` (intercept not penalized), so the
 * two agree to within optimizer tolerance. Fitting starts from zero and is deterministic: the same
 * labels give the same model in any process, which is what lets activegraph rebuild the model from
 * the label records instead of checkpointing it.
 *
 * With two classes it is scikit-learn's binary logistic regression (see the penalty below).
 */
export function fitSoftmaxRegression(
  X: FeatureMatrix,
  y: ArrayLike<number>,
  numClasses: number,
  options: SoftmaxRegressionOptions = DEFAULT_SOFTMAX,
): LinearModel {
  const training = trainingTargets(X, y, numClasses);
  if (training.constant) return training.constant;
  const { fitted, target } = training;
  const m = fitted.length;
  // Columns no training row uses keep weight 0 at the optimum (their gradient is the penalty
  // alone), so fit over the used columns only: a few thousand instead of the whole vocabulary.
  const { X: local, columnOf } = compactColumns(X);
  const D = columnOf.length;
  const n = X.rows;
  // With two classes, W = [w/2, -w/2] at the optimum, so doubling the penalty makes this exactly
  // binary logistic regression with ||w||²/(2·C·n), which is what scikit-learn fits for two classes.
  const l2 = (m === 2 ? 2 : 1) / (options.C * n);
  const logits = new Float64Array(m);

  // Parameters: W (D×m, row-major) then b (m).
  const objective = (theta: Float64Array, gradient: Float64Array): number => {
    gradient.fill(0);
    const W = theta;
    const bOffset = D * m;
    let loss = 0;
    for (let i = 0; i < n; i++) {
      for (let k = 0; k < m; k++) logits[k] = theta[bOffset + k];
      addRowTimesWeights(local, i, W, m, logits);
      let max = -Infinity;
      for (let k = 0; k < m; k++) if (logits[k] > max) max = logits[k];
      let sum = 0;
      for (let k = 0; k < m; k++) {
        logits[k] = Math.exp(logits[k] - max);
        sum += logits[k];
      }
      const yi = target[i];
      loss += Math.log(sum) - Math.log(logits[yi]);
      // logits now holds the residual p - onehot(y), scaled by 1/n.
      for (let k = 0; k < m; k++) logits[k] = (logits[k] / sum - (k === yi ? 1 : 0)) / n;
      for (let k = 0; k < m; k++) gradient[bOffset + k] += logits[k];
      addRowOuter(local, i, logits, m, gradient);
    }
    let penalty = 0;
    for (let j = 0; j < bOffset; j++) {
      penalty += W[j] * W[j];
      gradient[j] += l2 * W[j];
    }
    return loss / n + 0.5 * l2 * penalty;
  };

  const result = minimizeLbfgs(objective, new Float64Array(D * m + m), {
    ...DEFAULT_LBFGS,
    maxIterations: options.maxIterations,
    gradientTolerance: options.tolerance,
  });
  return new LinearModel(fitted, numClasses, expandWeights(result.x, columnOf, X.cols, m), result.x.slice(D * m), 1, result.iterations);
}

/** Softmax regression as a target model (`model.kind: "softmax"`, the default). */
export const softmaxRegression: TargetModelFactory = ({ features, y, classes }, { settings }) =>
  fitSoftmaxRegression(features, y, classes.length, {
    ...DEFAULT_SOFTMAX,
    ...(settings.C !== undefined ? { C: settings.C } : {}),
    ...(settings.maxIterations !== undefined ? { maxIterations: settings.maxIterations } : {}),
  });
