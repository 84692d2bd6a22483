/**
 * Expected calibration error (Guo et al., ICML 2017): confidences binned into `bins` equal-width
 * bins; the mean over bins of |accuracy − mean confidence|, weighted by the bin's share of items.
 * 0 for a perfectly calibrated annotator.
 */
export function expectedCalibrationError(confidence: ArrayLike<number>, correct: ArrayLike<boolean>, bins = 10): number {
  const n = confidence.length;
  if (n === 0) return Number.NaN;
  const count = new Float64Array(bins);
  const sumConfidence = new Float64Array(bins);
  const sumCorrect = new Float64Array(bins);
  for (let i = 0; i < n; i++) {
    const bin = Math.min(bins - 1, Math.floor(confidence[i] * bins));
    count[bin]++;
    sumConfidence[bin] += confidence[i];
    sumCorrect[bin] += correct[i] ? 1 : 0;
  }
  let ece = 0;
  for (let b = 0; b < bins; b++) if (count[b] > 0) ece += (count[b] / n) * Math.abs(sumCorrect[b] / count[b] - sumConfidence[b] / count[b]);
  return ece;
}
