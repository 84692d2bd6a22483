/**
 * Cohen's kappa between two labelings of the same items: agreement beyond what their label
 * frequencies would give by chance. 1 for identical labelings; 0 for chance; it is 1 too when both
 * give every item the same single label (no disagreement at all).
 */
export function cohenKappa(a: ArrayLike<number>, b: ArrayLike<number>, numClasses: number): number {
  if (a.length !== b.length) throw new Error(`cohenKappa: ${a.length} against ${b.length} labels`);
  const n = a.length;
  if (n === 0) return Number.NaN;
  const countA = new Float64Array(numClasses);
  const countB = new Float64Array(numClasses);
  let agree = 0;
  for (let i = 0; i < n; i++) {
    countA[a[i]]++;
    countB[b[i]]++;
    if (a[i] === b[i]) agree++;
  }
  const observed = agree / n;
  let expected = 0;
  for (let c = 0; c < numClasses; c++) expected += (countA[c] / n) * (countB[c] / n);
  return expected === 1 ? 1 : (observed - expected) / (1 - expected);
}
