import { z } from "zod";

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
    /** Wall time of each stage in this round. */
    stageMs: z.record(z.string(), z.number()),
    /** What happened in the round beyond labels: generated items kept and rejected, LLM failures. */
    counters: z.record(z.string(), z.number()).optional(),
  })
  .strict();
export type RoundMetrics = z.infer<typeof RoundMetricsSchema>;

export const EVAL_METRICS = ["accuracy", "macroF1"] as const;
export type EvalMetric = (typeof EVAL_METRICS)[number];
