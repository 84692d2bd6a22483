import type { ChangeConfig } from "./config.js";
import type { StoppingCriterion } from "./types.js";
import { EPSILON, lastSignals, percent } from "./window.js";

/**
 * Classification change (Zhu, Wang & Hovy, "Multi-criteria-based strategy to stop active learning
 * for data annotation", COLING 2008): stop when the new labels no longer change what the model
 * predicts on the stop set: at most `threshold` of its predictions changed, in each of the last
 * `window` rounds. Threshold 0 is the paper's rule; small-text adds the threshold, for models that
 * keep flipping a few borderline items forever.
 */
export const classificationChange =
  ({ threshold, window }: ChangeConfig): StoppingCriterion =>
  ({ history }) => {
    const changed = lastSignals(history, "changed", window);
    if (!changed || changed.some((share) => share > threshold + EPSILON)) return null;
    return {
      criterion: "change",
      message: `at most ${percent(Math.max(...changed), 2)} of the stop-set predictions changed in each of the last ${window} round(s) (threshold ${percent(threshold, 2)})`,
    };
  };
