import { z } from "zod";

/**
 * Who gave a label: the simulated gold oracle of benchmarks, a person, an LLM annotating a pool
 * item, or an LLM that wrote the item for that label (kept after rejection sampling).
 */
export const LabelSourceSchema = z.enum(["oracle", "human", "llm", "generated"]);

/** One label, as checkpointed: the run's permanent record, from which the target model is rebuilt. */
export const LabelRecordSchema = z
  .object({
    id: z.string().min(1),
    label: z.string().min(1),
    source: LabelSourceSchema,
    /** The annotator's confidence in [0, 1] when it has one. */
    confidence: z.number().min(0).max(1).nullable(),
    costUsd: z.number().min(0),
    round: z.number().int().min(0),
    /** The LLM that gave or wrote the label (simulated ones are named "simulated:…"). */
    model: z.string().min(1).optional(),
    /** How an LLM label's confidence was obtained. */
    confidenceMethod: z.enum(["logprobs", "self-consistency", "verbalized", "committee"]).optional(),
    /** The LLM's label a person saw when answering (to measure LLM–human agreement). */
    suggestion: z.string().optional(),
    /** Why a person was asked: review, spot-check, disagreement, llm-failed. */
    reviewReason: z.string().optional(),
    comment: z.string().optional(),
    /** Chain-of-thought rationales of the LLM(s) behind the label or the query. */
    rationales: z.array(z.string()).optional(),
  })
  .strict();
export type LabelRecord = z.infer<typeof LabelRecordSchema>;

/** An item an annotator could not label: kept, never lost, with why. */
export const FailedItemSchema = z
  .object({
    id: z.string().min(1),
    round: z.number().int().min(0),
    annotator: z.string().min(1),
    reason: z.string().min(1),
  })
  .strict();
export type FailedItem = z.infer<typeof FailedItemSchema>;
