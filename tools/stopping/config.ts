import { z } from "zod";
import { LEARNING_CRITERIA, LEARNING_CRITERION_NAMES } from "./registry.js";

/**
 * The fixed sample of pool items on which successive models' predictions are compared (kappa,
 * classification change, ΔF, uncertainty): drawn once from the seed, whatever gets labeled.
 */
export const StopSetConfigSchema = z
  .object({
    size: z.number().int().min(1, "a stop set needs at least 1 item").default(1000),
  })
  .strict();

/** Each learning criterion's settings, optional, under its config key. */
type LearningShape = { [C in (typeof LEARNING_CRITERIA)[number] as C["name"]]: z.ZodOptional<C["settings"]> };
const learningShape = Object.fromEntries(LEARNING_CRITERIA.map((criterion) => [criterion.name, criterion.settings.optional()])) as LearningShape;

/**
 * When a run stops. Hard stops always apply and win: the budget (maxLabels, maxUsd, maxRounds), an
 * exhausted pool, two rounds without a label. The learning criteria set here are combined: `any`
 * stops when one of them fires, `all` when every one fires in the same round. At least one rule
 * must be set.
 */
export const StoppingConfigSchema = z
  .object({
    maxLabels: z.number().int().positive().optional(),
    maxUsd: z.number().positive().optional(),
    /** Query rounds after the initial batch. */
    maxRounds: z.number().int().positive().optional(),
    ...learningShape,
    combine: z.enum(["any", "all"]).default("any"),
    stopSet: StopSetConfigSchema.prefault({}),
  })
  .strict()
  .refine(
    (s) => s.maxLabels !== undefined || s.maxUsd !== undefined || s.maxRounds !== undefined || LEARNING_CRITERION_NAMES.some((name) => s[name] !== undefined),
    {
      message: `set at least one of maxLabels, maxUsd, maxRounds or ${LEARNING_CRITERION_NAMES.join(", ")}, or the run would label the whole pool`,
    },
  );
export type StoppingConfig = z.infer<typeof StoppingConfigSchema>;
