import { addRowTimesWeights, type FeatureMatrix } from "../linalg/featureMatrix.js";
import { fitLinearSvm, linearSvmOptions, type WeightPrior } from "./linearSvm.js";
import { prototypes } from "./nearestCentroid.js";
import type { TargetModelFactory } from "./targetModel.js";

/**
 * The class prototypes (unit mean rows), scaled so that the rows' scores for their own class
 * average 1, the hinge's margin: as sure as the SVM asks a right answer to be, no surer.
 */
export const scaledPrototypes: WeightPrior = (X: FeatureMatrix, target: Int32Array, m: number, rows: Uint32Array) => {
  const P = prototypes(X, target, m, rows);
  const scores = new Float64Array(m);
  let own = 0;
  for (const i of rows) {
    scores.fill(0);
    addRowTimesWeights(X, i, P, m, scores);
    own += scores[target[i]];
  }
  const scale = own > 0 ? rows.length / own : 0;
  for (let j = 0; j < P.length; j++) P[j] *= scale;
  return P;
};

/**
 * A linear SVM regularized toward the class prototypes instead of toward zero (biased
 * regularization, as in adaptive SVMs, Yang et al. 2007): it minimizes ½||W − s·P||² + C·loss,
 * where P holds each class's unit mean row. With a few labels a class the prototypes decide, and
 * nearest centroid is what does best there; with more, the margins move the weights where the
 * data says, and it is the SVM. Probabilities as the SVM's: a softmax over the margins at a
 * temperature fitted out of fold.
 */
export const prototypeSvm: TargetModelFactory = ({ features, y, classes }, { settings, rng }) =>
  fitLinearSvm(features, y, classes.length, linearSvmOptions(settings), rng, scaledPrototypes);
