import { changedShare, cohenKappa, meanUncertainty, predictedChangeOfF } from "../metrics/agreement.js";
import type { StopSignals } from "../metrics/roundMetrics.js";
import { argmaxRows } from "../models/linearModel.js";

/**
 * The stop-set signals of one round, from the current model's probabilities on the stop set and
 * the previous model's predictions on it (null in round 0): kappa, changed share and ΔF compare
 * the two, uncertainty is over the items `unlabeled` marks.
 */
export function stopSetSignals(probs: Float32Array, previous: Int32Array | null, numClasses: number, unlabeled: Uint8Array): StopSignals {
  const signals: StopSignals = {};
  const uncertainty = meanUncertainty(probs, numClasses, unlabeled);
  if (uncertainty !== null) signals.uncertainty = uncertainty;
  if (previous) {
    const current = argmaxRows(probs, numClasses);
    signals.kappa = cohenKappa(previous, current, numClasses);
    signals.changed = changedShare(previous, current);
    signals.deltaF = predictedChangeOfF(previous, current, numClasses);
  }
  return signals;
}
