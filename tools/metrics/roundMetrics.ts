import { z } from "zod";

/**
 * What the learning stopping criteria read besides the test metrics, measured after each round:
 * the first three compare this round's model with the previous one on the stop set (absent in
 * round 0), the last two need no predecessor.
 */
export const StopSignalsSchema = z
  .object({
    /** Cohen's kappa between the two models' predictions on the stop set. */
    kappa: z.number().min(-1).max(1).optional(),
    /** Share of stop-set predictions that changed. */
    changed: z.number().min(0).max(1).optional(),
    /** Predicted change of F: 1 − macro-F1 of the new predictions against the old. */
    deltaF: z.number().min(0).max(1).optional(),
    /** Mean 1 − max p over the stop-set items still unlabeled. */
    uncertainty: z.number().min(0).max(1).optional(),
    /** Share of LLM-labeled items the model predicts as their LLM label. */
    llmAgreement: z.number().min(0).max(1).optional(),
  })
  .strict();
export type StopSignals = z.infer<typeof StopSignalsSchema>;

/** What evaluate records after every round: the learning curve, in labels, dollars and seconds. */
export const RoundMetricsSchema = z
  .object({
    round: z.number().int().min(0),
    labels: z.number().int().min(0),
    usd: z.number().min(0),
    /** On the test split; null when the dataset has none. */
    accuracy: z.number().nullable(),
    macroF1: z.number().nullable(),
    labelsPerClass: z.record(z.string(), z.number().int()),
    /** Under strategy "auto": the query method the bandit chose for this round. */
    strategy: z.string().min(1).optional(),
    /** Wall time of each stage in this round. */
    stageMs: z.record(z.string(), z.number()),
    /** What happened in the round beyond labels: generated items kept and rejected, LLM failures. */
    counters: z.record(z.string(), z.number()).optional(),
    stopSignals: StopSignalsSchema.optional(),
    /** What looked wrong in the round, one line each (machine labels all one class, or far from the pool's predicted mix). */
    warnings: z.array(z.string()).optional(),
  })
  .strict();
export type RoundMetrics = z.infer<typeof RoundMetricsSchema>;

export const EVAL_METRICS = ["accuracy", "macroF1"] as const;
export type EvalMetric = (typeof EVAL_METRICS)[number];
