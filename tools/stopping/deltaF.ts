import type { DeltaFConfig } from "./config.js";
import type { StoppingCriterion } from "./types.js";
import { lastSignals } from "./window.js";

/**
 * Predicted change of F (Altschuler & Bloodgood, "Stopping active learning based on predicted
 * change of F measure for text classification", ICSC 2019): F of the new model's stop-set
 * predictions scored against the old model's, as an unlabelled estimate of how much the model's F
 * still moves; stop when 1 − F stayed below `threshold` in each of the last `window` rounds.
 */
export const deltaF =
  ({ threshold, window }: DeltaFConfig): StoppingCriterion =>
  ({ history }) => {
    const deltas = lastSignals(history, "deltaF", window);
    if (!deltas || deltas.some((delta) => delta >= threshold)) return null;
    return {
      criterion: "deltaF",
      message: `the predicted change of F stayed below ${threshold} for ${window} round(s) (at most ${Math.max(...deltas).toFixed(4)})`,
    };
  };
