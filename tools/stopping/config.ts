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

const window = (rounds: number) => z.number().int().min(1, "must be at least 1 round").default(rounds);

/** Stabilizing predictions (Bloodgood & Vijay-Shanker, CoNLL 2009): their defaults, kappa 0.99 over 3 rounds. */
export const KappaConfigSchema = z
  .object({
    /** Stop when the mean kappa over the window reaches this. */
    threshold: z.number().min(0, "must be between 0 and 1").max(1, "must be between 0 and 1 (1: identical predictions)").default(0.99),
    window: window(3),
  })
  .strict();

/** Overall uncertainty (Zhu, Wang & Hovy, COLING 2008); small-text's default threshold. */
export const UncertaintyConfigSchema = z
  .object({
    /** Stop when the mean 1 − max p over the unlabelled stop-set items falls below this. */
    threshold: z.number().gt(0, "must be above 0 and at most 1").max(1, "must be above 0 and at most 1").default(0.05),
  })
  .strict();

/** Classification change (Zhu, Wang & Hovy, COLING 2008): 0 is the original "no prediction changed". */
export const ChangeConfigSchema = z
  .object({
    /** Stop when at most this share of stop-set predictions changed in each round of the window. */
    threshold: z.number().min(0, "must be a share between 0 and 1").max(1, "must be a share between 0 and 1").default(0),
    window: window(1),
  })
  .strict();

/** Predicted change of F (Altschuler & Bloodgood, ICSC 2019); small-text's defaults. */
export const DeltaFConfigSchema = z
  .object({
    /** Stop when the predicted change of F stayed below this in each round of the window. */
    threshold: z.number().gt(0, "must be above 0 and at most 1").max(1, "must be above 0 and at most 1").default(0.05),
    window: window(3),
  })
  .strict();

/**
 * The cost-aware hybrid: the next round must be worth its price, and the curve must have flattened.
 * `minGainPerUsd` is the user's price of progress: 0.002 stops once a dollar buys less than a fifth
 * of a point (a point is worth less than $5 to you).
 */
export const CostAwareConfigSchema = z
  .object({
    minGainPerUsd: z.number().positive("must be above 0 (metric gain per USD, e.g. 0.002 = 0.2 points per dollar)"),
    metric: z.enum(EVAL_METRICS).default("accuracy"),
    /**
     * Recent rounds the learning curve is extrapolated from: 10, because accuracy on a test split
     * moves by a point from round to round, and a fit through 3 rounds follows that noise.
     */
    window: window(10),
    /** The plateau signal that must agree: less than `minGain` over the last `patience` rounds. */
    patience: z.number().int().min(1, "must be at least 1 round").default(2),
    minGain: z.number().min(0).max(1).default(0.005),
  })
  .strict();

/** With LLM annotation: spot-check agreement has converged and the model's agreement with the LLM labels has settled. */
export const LlmAgreementConfigSchema = z
  .object({
    window: window(3),
    /** Both agreements must stay within this band (absolute share) over the window. */
    tolerance: z.number().gt(0, "must be above 0 and at most 1").max(1, "must be above 0 and at most 1").default(0.02),
    /** Spot checks needed before the LLM–human agreement counts as measured. */
    minSpotChecks: z.number().int().min(1).default(30),
  })
  .strict();

/**
 * The fixed sample of pool items on which successive models' predictions are compared (kappa,
 * classification change, ΔF, uncertainty): drawn once from the seed, whatever gets labelled.
 */
export const StopSetConfigSchema = z
  .object({
    size: z.number().int().min(1, "a stop set needs at least 1 item").default(1000),
  })
  .strict();

/** The learning criteria, by config key, in the order they are tried. */
export const LEARNING_CRITERIA = ["plateau", "costAware", "kappa", "change", "deltaF", "uncertainty", "llmAgreement"] as const;
export type LearningCriterionName = (typeof LEARNING_CRITERIA)[number];

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
    plateau: PlateauConfigSchema.optional(),
    costAware: CostAwareConfigSchema.optional(),
    kappa: KappaConfigSchema.optional(),
    change: ChangeConfigSchema.optional(),
    deltaF: DeltaFConfigSchema.optional(),
    uncertainty: UncertaintyConfigSchema.optional(),
    llmAgreement: LlmAgreementConfigSchema.optional(),
    combine: z.enum(["any", "all"]).default("any"),
    stopSet: StopSetConfigSchema.prefault({}),
  })
  .strict()
  .refine((s) => s.maxLabels !== undefined || s.maxUsd !== undefined || s.maxRounds !== undefined || LEARNING_CRITERIA.some((name) => s[name] !== undefined), {
    message: `set at least one of maxLabels, maxUsd, maxRounds or ${LEARNING_CRITERIA.join(", ")}, or the run would label the whole pool`,
  });
export type StoppingConfig = z.infer<typeof StoppingConfigSchema>;
export type PlateauConfig = z.infer<typeof PlateauConfigSchema>;
export type KappaConfig = z.infer<typeof KappaConfigSchema>;
export type UncertaintyConfig = z.infer<typeof UncertaintyConfigSchema>;
export type ChangeConfig = z.infer<typeof ChangeConfigSchema>;
export type DeltaFConfig = z.infer<typeof DeltaFConfigSchema>;
export type CostAwareConfig = z.infer<typeof CostAwareConfigSchema>;
export type LlmAgreementConfig = z.infer<typeof LlmAgreementConfigSchema>;
