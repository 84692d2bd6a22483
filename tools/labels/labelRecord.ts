import { z } from "zod";

/**
 * Who gave a label: the simulated gold oracle of benchmarks, a person, an LLM annotating a pool
 * item, an LLM that wrote the item for that label (kept after rejection sampling), or a student
 * model distilled from an LLM's labels predicting it (activeDistillation's export).
 */
export const LabelSourceSchema = z.enum(["oracle", "human", "llm", "generated", "student"]);

/** Who answered: a name a labelling page or team tool gives its people (kept with the label). */
export const AnnotatorNameSchema = z.string().trim().min(1).max(80);

/** One person's answer to an item asked of several people: a label, or null when they skipped it. */
export const VoteSchema = z.object({ annotator: AnnotatorNameSchema, label: z.string().min(1).nullable() }).strict();
export type Vote = z.infer<typeof VoteSchema>;

/** How the answers of several people became one: they agreed, a third person settled it, or the majority did. */
export const SettledBySchema = z.enum(["agreement", "third", "majority"]);
export type SettledBy = z.infer<typeof SettledBySchema>;

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
    /** Why a person was asked (review, spot-check, disagreement, llm-failed), or why the item was labeled again (bias-audit: a person or the audit's LLM). */
    reviewReason: z.string().optional(),
    comment: z.string().optional(),
    /** Chain-of-thought rationales of the LLM(s) behind the label or the query. */
    rationales: z.array(z.string()).optional(),
    /** The person who gave the label, when the answer named them (one person's answer). */
    annotator: AnnotatorNameSchema.optional(),
    /** Every person's answer, when the item was put to several (their agreement is computed from these). */
    votes: z.array(VoteSchema).min(2).optional(),
    /** How several people's answers became this label. */
    settledBy: SettledBySchema.optional(),
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
