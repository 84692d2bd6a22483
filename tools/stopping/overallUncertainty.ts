import { z } from "zod";
import { defineCriterion } from "./criterion.js";
import type { StoppingCriterion } from "./types.js";
import { lastSignals, percent } from "./window.js";

/** Overall uncertainty (Zhu, Wang & Hovy, COLING 2008); small-text's default threshold. */
export const UncertaintyConfigSchema = z
  .object({
    /** Stop when the mean 1 − max p over the unlabeled stop-set items falls below this. */
    threshold: z.number().gt(0, "must be above 0 and at most 1").max(1, "must be above 0 and at most 1").default(0.05),
  })
  .strict();
export type UncertaintyConfig = z.infer<typeof UncertaintyConfigSchema>;

/**
 * Overall uncertainty (Zhu, Wang & Hovy, COLING 2008): stop when the model is sure enough about
 * what is left, the mean least-confidence uncertainty (1 − max p) over the unlabeled items of the
 * stop set below `threshold`. Uncertainty sampling picks the least certain items, so this falls
 * as the informative items get labeled. (small-text measures normalized entropy instead.)
 */
export const overallUncertainty =
  ({ threshold }: UncertaintyConfig): StoppingCriterion =>
  ({ history }) => {
    const [uncertainty] = lastSignals(history, "uncertainty", 1) ?? [];
    if (uncertainty === undefined || uncertainty >= threshold) return null;
    return {
      criterion: "uncertainty",
      message: `mean uncertainty over the unlabeled stop set is ${percent(uncertainty, 2)} (below ${percent(threshold, 2)})`,
    };
  };

export const uncertaintyCriterion = defineCriterion({
  name: "uncertainty",
  settings: UncertaintyConfigSchema,
  build: overallUncertainty,
  flags: [
    {
      flags: "--stop-uncertainty <u>",
      setting: "threshold",
      description: "stop when the mean uncertainty (1 - max p) over the unlabeled stop set falls below u",
      parse: "decimal",
      turnsOn: true,
    },
  ],
  column: { head: "uncertainty %", cell: (s) => (s.uncertainty === undefined ? "–" : (100 * s.uncertainty).toFixed(1)) },
});
