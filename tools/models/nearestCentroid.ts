import { addRowOuter, compactColumns, expandWeights, selectFeatureRows, type FeatureMatrix } from "../linalg/featureMatrix.js";
import { allRows } from "../linalg/dense.js";
import type { Rng } from "../random.js";
import { LinearModel, trainingTargets } from "./linearModel.js";
import type { TargetModelFactory } from "./targetModel.js";
import { fitTemperature, outOfFoldScores } from "./temperature.js";

/** Each class's mean row, scaled to unit length (columns × m); a class without rows stays zero. */
export function prototypes(X: FeatureMatrix, target: Int32Array, m: number, rows: Uint32Array): Float64Array {
  const P = new Float64Array(X.cols * m);
  const onehot = new Float64Array(m);
  for (const i of rows) {
    onehot.fill(0);
    onehot[target[i]] = 1;
    addRowOuter(X, i, onehot, m, P);
  }
  const norms = new Float64Array(m);
  for (let j = 0; j < X.cols; j++) for (let k = 0; k < m; k++) norms[k] += P[j * m + k] ** 2;
  for (let k = 0; k < m; k++) norms[k] = norms[k] > 0 ? 1 / Math.sqrt(norms[k]) : 0;
  for (let j = 0; j < X.cols; j++) for (let k = 0; k < m; k++) P[j * m + k] *= norms[k];
  return P;
}

/**
 * Nearest centroid (Rocchio; a prototype head, as in prototypical networks, Snell et al. 2017):
 * each class is the direction of its mean row, an item scores the cosine to each (rows are unit
 * vectors), and a softmax at a temperature fitted on out-of-fold scores turns scores into
 * probabilities. No optimization, nothing to regularize: with one or two labels a class it is
 * already what a linear model would need many labels to learn.
 */
export function fitNearestCentroid(X: FeatureMatrix, y: ArrayLike<number>, numClasses: number, rng: Rng): LinearModel {
  const training = trainingTargets(X, y, numClasses);
  if (training.constant) return training.constant;
  const { fitted, target } = training;
  const m = fitted.length;
  const { X: local, columnOf } = compactColumns(X);
  const P = prototypes(local, target, m, allRows(X.rows));
  const heldOut = outOfFoldScores(target, m, rng, (train, test) =>
    new LinearModel(allClasses(m), m, prototypes(local, target, m, train), new Float64Array(m)).scores(selectFeatureRows(local, test)),
  );
  const temperature = heldOut ? fitTemperature(heldOut, target, m) : 1;
  return new LinearModel(fitted, numClasses, expandWeights(P, columnOf, X.cols, m), new Float64Array(m), temperature);
}

const allClasses = (m: number): Int32Array => Int32Array.from({ length: m }, (_, k) => k);

/** The nearest-centroid head as a target model (`model.kind: "centroid"`). */
export const nearestCentroid: TargetModelFactory = ({ features, y, classes }, { rng }) => fitNearestCentroid(features, y, classes.length, rng);
