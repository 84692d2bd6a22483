import { macroF1 } from "./classification.js";

/**
 * Cohen's kappa between two labelings of the same items: agreement beyond what their class
 * frequencies would give by chance. Two identical labelings score 1, even when both are one
 * constant class (where the chance agreement is 1 too and the formula is 0/0).
 */
export function cohenKappa(a: ArrayLike<number>, b: ArrayLike<number>, numClasses: number): number {
  const n = a.length;
  if (n !== b.length) throw new Error(`cohenKappa: ${n} and ${b.length} labels`);
  if (n === 0) throw new Error("cohenKappa: no items");
  const countA = new Float64Array(numClasses);
  const countB = new Float64Array(numClasses);
  let agreed = 0;
  for (let i = 0; i < n; i++) {
    countA[a[i]]++;
    countB[b[i]]++;
    if (a[i] === b[i]) agreed++;
  }
  const observed = agreed / n;
  let chance = 0;
  for (let c = 0; c < numClasses; c++) chance += (countA[c] / n) * (countB[c] / n);
  if (observed === 1) return 1;
  return Math.max(-1, (observed - chance) / (1 - chance));
}

/** Share of items whose label differs between two labelings. */
export function changedShare(a: ArrayLike<number>, b: ArrayLike<number>): number {
  if (a.length !== b.length) throw new Error(`changedShare: ${a.length} and ${b.length} labels`);
  if (a.length === 0) throw new Error("changedShare: no items");
  let changed = 0;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) changed++;
  return changed / a.length;
}

/**
 * Predicted change of F (Altschuler & Bloodgood, ICSC 2019): how much F would move if the old
 * model's predictions were the truth, 1 − F(new against old). The paper's binary form takes the
 * positive class; with any number of classes (and no class singled out) this is the macro average
 * over classes, scikit-learn's `1 - f1_score(old, new, average="macro")`.
 */
export function predictedChangeOfF(before: ArrayLike<number>, after: ArrayLike<number>, numClasses: number): number {
  if (before.length !== after.length) throw new Error(`predictedChangeOfF: ${before.length} and ${after.length} labels`);
  return Math.max(0, 1 - macroF1(before, after, numClasses));
}

/**
 * Mean least-confidence uncertainty, 1 − max p, over the rows of `probs` that `include` marks
 * (all rows without it); null when no row is included.
 */
export function meanUncertainty(probs: Float32Array, numClasses: number, include?: Uint8Array): number | null {
  const rows = probs.length / numClasses;
  let sum = 0;
  let counted = 0;
  for (let i = 0; i < rows; i++) {
    if (include && include[i] === 0) continue;
    let max = 0;
    for (let c = 0; c < numClasses; c++) if (probs[i * numClasses + c] > max) max = probs[i * numClasses + c];
    sum += 1 - max;
    counted++;
  }
  return counted === 0 ? null : sum / counted;
}
