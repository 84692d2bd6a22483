import { z } from "zod";
import { defineCriterion } from "./criterion.js";
import type { StoppingCriterion } from "./types.js";
import { lastSignals, percent } from "./window.js";

/** Vlachos's setting: stop at the first drop that lasts three rounds. */
export const ConfidenceDropConfigSchema = z
  .object({
    /** Consecutive rounds in which the confidence must have fallen. */
    rounds: z.number().int().min(1, "must be at least 1 round").default(3),
  })
  .strict();
export type ConfidenceDropConfig = z.infer<typeof ConfidenceDropConfigSchema>;

/**
 * Confidence drop (Vlachos, "A stopping criterion for active learning", Computer Speech & Language
 * 2008): the model's confidence on a fixed unlabeled set rises while the labels teach it and falls
 * once the queries reach the hard, noisy items that teach it little; stop when the mean confidence
 * (1 − the overall-uncertainty signal) on the unlabeled stop set has fallen in each of the last
 * `rounds` rounds.
 */
export const confidenceDrop =
  ({ rounds }: ConfidenceDropConfig): StoppingCriterion =>
  ({ history }) => {
    const uncertainty = lastSignals(history, "uncertainty", rounds + 1);
    if (!uncertainty) return null;
    for (let i = 1; i <= rounds; i++) if (!(uncertainty[i] > uncertainty[i - 1])) return null;
    return {
      criterion: "confidenceDrop",
      message: `the mean confidence on the unlabeled stop set fell in each of the last ${rounds} round(s), from ${percent(1 - uncertainty[0])} to ${percent(1 - uncertainty[rounds])}`,
    };
  };

export const confidenceDropCriterion = defineCriterion({
  name: "confidenceDrop",
  settings: ConfidenceDropConfigSchema,
  build: confidenceDrop,
  history: ({ rounds }) => ({ setting: "rounds", rounds }),
  flags: [
    {
      flags: "--stop-confidence-drop <rounds>",
      setting: "rounds",
      description: "stop when the model's confidence on the stop set fell for this many rounds in a row",
      parse: "integer",
      turnsOn: true,
    },
  ],
});
