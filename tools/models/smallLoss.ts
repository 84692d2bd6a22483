/**
 * Small-loss selection (Han et al., NeurIPS 2018, "Co-teaching"; FreeAL, Xiao et al., EMNLP 2023):
 * a model learns clean labels before noisy ones, so the labels it fits with the smallest loss are
 * the likeliest right. FreeAL ranks class by class, so that a class the model finds hard is not
 * emptied of clean examples: per class, the `cleanShare` of items with the lowest loss are clean,
 * the rest noisy.
 */

/** The cross-entropy of each item's given label under the model: −log p(label). */
export function labelLosses(probs: Float32Array, labels: Int32Array, numClasses: number): Float64Array {
  const losses = new Float64Array(labels.length);
  for (let i = 0; i < labels.length; i++) losses[i] = -Math.log(Math.max(probs[i * numClasses + labels[i]], 1e-12));
  return losses;
}

export interface SmallLossSplit {
  /** Item positions judged clean, in ascending order. */
  readonly clean: Uint32Array;
  /** The other positions, largest loss first: the likeliest wrong come first. */
  readonly noisy: Uint32Array;
}

/**
 * Splits items by loss within each class: of the n items a class has, the ⌈cleanShare · n⌉ with
 * the smallest loss are clean (at least one, so every class keeps an example). Ties go to the
 * earlier item, so the split is deterministic.
 */
export function splitBySmallLoss(losses: Float64Array, labels: Int32Array, numClasses: number, cleanShare: number): SmallLossSplit {
  if (losses.length !== labels.length) throw new Error(`splitBySmallLoss: ${losses.length} losses for ${labels.length} labels`);
  if (!(cleanShare > 0 && cleanShare <= 1)) throw new Error(`splitBySmallLoss: cleanShare ${cleanShare} is not in (0, 1]`);
  const byClass: number[][] = Array.from({ length: numClasses }, () => []);
  labels.forEach((label, i) => byClass[label].push(i));
  const isClean = new Uint8Array(labels.length);
  for (const members of byClass) {
    members.sort((a, b) => losses[a] - losses[b] || a - b);
    const keep = Math.ceil(cleanShare * members.length);
    for (let r = 0; r < keep; r++) isClean[members[r]] = 1;
  }
  const clean: number[] = [];
  const noisy: number[] = [];
  isClean.forEach((flag, i) => (flag ? clean : noisy).push(i));
  noisy.sort((a, b) => losses[b] - losses[a] || a - b);
  return { clean: Uint32Array.from(clean), noisy: Uint32Array.from(noisy) };
}
