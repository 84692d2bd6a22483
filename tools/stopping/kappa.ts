import { z } from "zod";
import { defineCriterion } from "./criterion.js";
import type { StoppingCriterion } from "./types.js";
import { EPSILON, lastSignals, mean, windowSetting } from "./window.js";

/** Stabilizing predictions (Bloodgood & Vijay-Shanker, CoNLL 2009): their defaults, kappa 0.99 over 3 rounds. */
export const KappaConfigSchema = z
  .object({
    /** Stop when the mean kappa over the window reaches this. */
    threshold: z.number().min(0, "must be between 0 and 1").max(1, "must be between 0 and 1 (1: identical predictions)").default(0.99),
    window: windowSetting(3),
  })
  .strict();
export type KappaConfig = z.infer<typeof KappaConfigSchema>;

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

export const kappaCriterion = defineCriterion({
  name: "kappa",
  settings: KappaConfigSchema,
  build: stabilizingPredictions,
  history: ({ window }) => ({ setting: "window", rounds: window }),
  flags: [
    {
      flags: "--stop-kappa <k>",
      setting: "threshold",
      description: "stop when successive models agree on the stop set (Cohen's kappa averaged over 3 rounds at least k, e.g. 0.99)",
      parse: "decimal",
      turnsOn: true,
    },
  ],
  column: { head: "kappa", cell: (s) => (s.kappa === undefined ? "–" : s.kappa.toFixed(3)) },
});
