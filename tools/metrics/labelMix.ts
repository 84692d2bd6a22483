/**
 * Is a round's mix of machine labels believable? A weak or biased annotator gives most items one
 * label (the majority class, or whatever its first answer is), and a model trained on those labels
 * learns the same: the learning curve sits at the majority class and nothing says why. This
 * compares the labels of one round with the class mix the target model predicts for the pool.
 */
export interface LabelMixCheck {
  /** Total variation distance between the round's label shares and the pool's predicted shares (0: equal, 1: disjoint). */
  readonly departure: number;
  /** Every label of the round is this class, or null. */
  readonly oneClass: string | null;
  /** One line for people, or null when the mix is believable. */
  readonly warning: string | null;
}

/** Fewer labels than this say too little about a mix. */
const MIN_LABELS = 5;

/**
 * Checks `labels` (the round's machine labels) against `predicted` (the pool's predicted share of
 * each class, summing to 1). Warns when every label is one class, unless that is likely under the
 * predicted mix (chance ≥ 5%) and the model itself does not put nearly the whole pool (≥ 95%) in
 * that class; or when the shares depart from the predicted ones by more than sampling explains
 * (total variation above 0.3 and above 2.5 times its expected value for this many labels).
 */
export function checkLabelMix(labels: readonly string[], classes: readonly string[], predicted: ArrayLike<number>, round: number): LabelMixCheck {
  const n = labels.length;
  const counts = classes.map((label) => labels.filter((l) => l === label).length);
  let departure = 0;
  let noise = 0;
  for (let k = 0; k < classes.length; k++) {
    departure += Math.abs(counts[k] / Math.max(1, n) - predicted[k]) / 2;
    noise += Math.sqrt((2 / Math.PI) * ((predicted[k] * (1 - predicted[k])) / Math.max(1, n))) / 2;
  }
  const only = n > 0 ? counts.indexOf(n) : -1;
  const oneClass = only >= 0 ? classes[only] : null;
  const pct = (value: number) => `${(100 * value).toFixed(0)}%`;
  let warning: string | null = null;
  if (n >= MIN_LABELS && oneClass !== null) {
    const share = predicted[only];
    const chance = share ** n;
    if (share >= 0.95)
      warning = `round ${round}: all ${n} machine labels are "${oneClass}", and the model trained on the labels puts ${pct(share)} of the pool there: it may have learned an annotator's majority bias`;
    else if (chance < 0.05)
      warning = `round ${round}: all ${n} machine labels are "${oneClass}", though the model predicts ${pct(1 - share)} of the pool is another class (chance ${chance < 0.001 ? "< 0.1%" : pct(chance)}): check the annotator`;
  } else if (n >= MIN_LABELS && departure > 0.3 && departure > 2.5 * noise) {
    const mix = (shares: ArrayLike<number>) =>
      classes
        .map((label, k) => [label, shares[k]] as const)
        .filter(([, share]) => share >= 0.005)
        .map(([label, share]) => `${label} ${pct(share)}`)
        .join(", ");
    warning = `round ${round}: the ${n} machine labels (${mix(counts.map((count) => count / n))}) depart from the pool's predicted mix (${mix(predicted)}) by ${pct(departure)}: check the annotator`;
  }
  return { departure, oneClass, warning };
}

/** The mean predicted probability of each class over the rows of `probs` (rows × classes). */
export function predictedMix(probs: Float32Array, numClasses: number): Float64Array {
  const mix = new Float64Array(numClasses);
  const rows = probs.length / numClasses;
  for (let i = 0; i < probs.length; i++) mix[i % numClasses] += probs[i];
  for (let k = 0; k < numClasses; k++) mix[k] /= Math.max(1, rows);
  return mix;
}
