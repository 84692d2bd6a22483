import { z } from "zod";
import { defineCriterion } from "./criterion.js";
import type { StoppingCriterion } from "./types.js";
import { EPSILON, lastSignals, percent, windowSetting } from "./window.js";

/** Classification change (Zhu, Wang & Hovy, COLING 2008): 0 is the original "no prediction changed". */
export const ChangeConfigSchema = z
  .object({
    /** Stop when at most this share of stop-set predictions changed in each round of the window. */
    threshold: z.number().min(0, "must be a share between 0 and 1").max(1, "must be a share between 0 and 1").default(0),
    window: windowSetting(1),
  })
  .strict();
export type ChangeConfig = z.infer<typeof ChangeConfigSchema>;

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

export const changeCriterion = defineCriterion({
  name: "change",
  settings: ChangeConfigSchema,
  build: classificationChange,
  history: ({ window }) => ({ setting: "window", rounds: window }),
  flags: [
    {
      flags: "--stop-change <share>",
      setting: "threshold",
      description: "stop when at most this share of stop-set predictions changed in the last round",
      parse: "decimal",
      turnsOn: true,
    },
  ],
  column: { head: "changed %", cell: (s) => (s.changed === undefined ? "–" : (100 * s.changed).toFixed(2)) },
});
