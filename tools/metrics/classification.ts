/** Share of predictions equal to the truth. */
export function accuracy(truth: ArrayLike<number>, predicted: ArrayLike<number>): number {
  if (truth.length === 0) return 0;
  let correct = 0;
  for (let i = 0; i < truth.length; i++) if (truth[i] === predicted[i]) correct++;
  return correct / truth.length;
}

/**
 * Unweighted mean of per-class F1 over the classes present in the truth or the predictions
 * (scikit-learn's `f1_score(average="macro")`; a class with no support and no prediction is left out).
 */
export function macroF1(truth: ArrayLike<number>, predicted: ArrayLike<number>, numClasses: number): number {
  const tp = new Float64Array(numClasses);
  const fp = new Float64Array(numClasses);
  const fn = new Float64Array(numClasses);
  for (let i = 0; i < truth.length; i++) {
    if (truth[i] === predicted[i]) tp[truth[i]]++;
    else {
      fp[predicted[i]]++;
      fn[truth[i]]++;
    }
  }
  let sum = 0;
  let classes = 0;
  for (let c = 0; c < numClasses; c++) {
    if (tp[c] + fp[c] + fn[c] === 0) continue;
    sum += (2 * tp[c]) / (2 * tp[c] + fp[c] + fn[c]);
    classes++;
  }
  return classes === 0 ? 0 : sum / classes;
}
