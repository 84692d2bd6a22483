import type { KappaConfig } from "./config.js";
import type { StoppingCriterion } from "./types.js";
import { EPSILON, lastSignals, mean } from "./window.js";

/**
 * Stabilizing predictions (Bloodgood & Vijay-Shanker, "A method for stopping active learning based
 * on stabilizing predictions and the need for user-adjustable stopping", CoNLL 2009): once
 * successive models agree on the stop set (Cohen's kappa, averaged over the last `window` rounds, at
 * least `threshold`), further labels are not changing the model, so they are not worth buying. The
 * stop set needs no labels, which is why the paper prefers it to a validation curve. (small-text's
 * KappaAverage tests how much kappa varies within the window instead of its level.)
 */
export const stabilizingPredictions =
  ({ threshold, window }: KappaConfig): StoppingCriterion =>
  ({ history }) => {
    const kappas = lastSignals(history, "kappa", window);
    if (!kappas) return null;
    const average = mean(kappas);
    return average >= threshold - EPSILON
      ? {
          criterion: "kappa",
          message: `predictions on the stop set have stabilized: mean kappa ${average.toFixed(3)} between successive models over the last ${window} round(s) (threshold ${threshold})`,
        }
      : null;
  };
