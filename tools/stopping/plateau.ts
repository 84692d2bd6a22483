import { z } from "zod";
import { EVAL_METRICS } from "../metrics/roundMetrics.js";
import { defineCriterion } from "./criterion.js";
import type { StoppingCriterion } from "./types.js";

export const PlateauConfigSchema = z
  .object({
    metric: z.enum(EVAL_METRICS).default("accuracy"),
    /** Rounds without enough gain before stopping. */
    patience: z.number().int().min(1).default(3),
    /** The least improvement (absolute, e.g. 0.005 = half a point) that counts as progress. */
    minGain: z.number().min(0).max(1).default(0.005),
  })
  .strict();
export type PlateauConfig = z.infer<typeof PlateauConfigSchema>;

/**
 * Stops when the evaluation metric has not improved by at least `minGain` over the best value seen
 * before the last `patience` rounds (early stopping on a validation curve).
 */
export const plateau =
  ({ metric, patience, minGain }: PlateauConfig): StoppingCriterion =>
  ({ history }) => {
    if (history.length <= patience) return null;
    const values = history.map((round) => round[metric]);
    if (values.some((value) => value === null)) return null;
    const before = Math.max(...(values.slice(0, -patience) as number[]));
    const recent = Math.max(...(values.slice(-patience) as number[]));
    const gain = recent - before;
    return gain < minGain
      ? {
          criterion: "plateau",
          message: `${metric} gained ${(100 * gain).toFixed(2)} points in the last ${patience} rounds (less than ${(100 * minGain).toFixed(2)})`,
        }
      : null;
  };

export const plateauCriterion = defineCriterion({
  name: "plateau",
  settings: PlateauConfigSchema,
  build: plateau,
  history: ({ patience }) => ({ setting: "patience", rounds: patience }),
  needs: { testSplit: true },
  flags: [
    {
      flags: "--plateau <rounds>",
      setting: "patience",
      description: "stop when the test metric has not improved for this many rounds",
      parse: "integer",
      turnsOn: true,
    },
    {
      flags: "--plateau-min-gain <x>",
      setting: "minGain",
      description: "improvement that counts, e.g. 0.005 = half a point",
      parse: "decimal",
      turnsOn: false,
    },
    { flags: "--plateau-metric <name>", setting: "metric", description: "metric the plateau is measured on", parse: "text", turnsOn: false },
  ],
});
