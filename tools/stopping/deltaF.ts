import { z } from "zod";
import { defineCriterion } from "./criterion.js";
import type { StoppingCriterion } from "./types.js";
import { lastSignals, windowSetting } from "./window.js";

/** Predicted change of F (Altschuler & Bloodgood, ICSC 2019); small-text's defaults. */
export const DeltaFConfigSchema = z
  .object({
    /** Stop when the predicted change of F stayed below this in each round of the window. */
    threshold: z.number().gt(0, "must be above 0 and at most 1").max(1, "must be above 0 and at most 1").default(0.05),
    window: windowSetting(3),
  })
  .strict();
export type DeltaFConfig = z.infer<typeof DeltaFConfigSchema>;

/**
 * Predicted change of F (Altschuler & Bloodgood, "Stopping active learning based on predicted
 * change of F measure for text classification", ICSC 2019): F of the new model's stop-set
 * predictions scored against the old model's, as an unlabeled estimate of how much the model's F
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

export const deltaFCriterion = defineCriterion({
  name: "deltaF",
  settings: DeltaFConfigSchema,
  build: deltaF,
  history: ({ window }) => ({ setting: "window", rounds: window }),
  flags: [
    {
      flags: "--stop-delta-f <d>",
      setting: "threshold",
      description: "stop when the predicted change of F stayed below d for 3 rounds",
      parse: "decimal",
      turnsOn: true,
    },
  ],
  column: { head: "ΔF", cell: (s) => (s.deltaF === undefined ? "–" : s.deltaF.toFixed(4)) },
});
