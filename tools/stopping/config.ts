import { z } from "zod";
import { EVAL_METRICS } from "../metrics/roundMetrics.js";

export const PlateauConfigSchema = z
  .object({
    metric: z.enum(EVAL_METRICS).default("accuracy"),
    /** Rounds without enough gain before stopping. */
    patience: z.number().int().min(1).default(3),
    /** The least improvement (absolute, e.g. 0.005 = half a point) that counts as progress. */
    minGain: z.number().min(0).max(1).default(0.005),
  })
  .strict();

/** When a run stops: the first criterion that fires. At least one must be set. */
export const StoppingConfigSchema = z
  .object({
    maxLabels: z.number().int().positive().optional(),
    maxUsd: z.number().positive().optional(),
    /** Query rounds after the initial batch. */
    maxRounds: z.number().int().positive().optional(),
    plateau: PlateauConfigSchema.optional(),
  })
  .strict()
  .refine((s) => s.maxLabels !== undefined || s.maxUsd !== undefined || s.maxRounds !== undefined || s.plateau !== undefined, {
    message: "set at least one of maxLabels, maxUsd, maxRounds or plateau, or the run would label the whole pool",
  });
export type StoppingConfig = z.infer<typeof StoppingConfigSchema>;
export type PlateauConfig = z.infer<typeof PlateauConfigSchema>;
