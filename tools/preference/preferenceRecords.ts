import { z } from "zod";
import { AnnotatorNameSchema } from "../labels/labelRecord.js";

/** Two candidate responses to one prompt, a question for a preference label. Their text exists nowhere else. */
export const CandidatePairSchema = z
  .object({
    id: z.string().min(1),
    promptId: z.string().min(1),
    prompt: z.string().min(1),
    a: z.string().min(1),
    b: z.string().min(1),
    /** Who wrote each response (simulated models are named "simulated:…"; "file" for a prompt file's). */
    modelA: z.string().min(1),
    modelB: z.string().min(1),
  })
  .strict();
export type CandidatePair = z.infer<typeof CandidatePairSchema>;

/** A held-out pair with a known preference, for measuring the reward model. */
export const HeldOutPairSchema = z
  .object({ id: z.string().min(1), prompt: z.string().min(1), chosen: z.string().min(1), rejected: z.string().min(1) })
  .strict();
export type HeldOutPair = z.infer<typeof HeldOutPairSchema>;

/** "A" or "B": which response is better; "tie": neither (no preference pair comes of it). */
export const ChoiceSchema = z.enum(["A", "B", "tie"]);
export type Choice = z.infer<typeof ChoiceSchema>;

/** One preference label, as checkpointed. */
export const PreferenceRecordSchema = z
  .object({
    /** The pair's id. */
    id: z.string().min(1),
    choice: ChoiceSchema,
    /** The simulated person of benchmarks, a person, or an LLM judge. */
    source: z.enum(["oracle", "human", "llm"]),
    costUsd: z.number().min(0),
    round: z.number().int().min(0),
    /** The judge's P(its choice), for an LLM's answer. */
    confidence: z.number().min(0).max(1).nullable(),
    model: z.string().min(1).optional(),
    comment: z.string().optional(),
    annotator: AnnotatorNameSchema.optional(),
  })
  .strict();
export type PreferenceRecord = z.infer<typeof PreferenceRecordSchema>;

/** One round of active preference: the reward model against the labels so far. */
export const PreferenceRoundSchema = z
  .object({
    round: z.number().int().min(0),
    labels: z.number().int().min(0),
    ties: z.number().int().min(0),
    /** Reward-model accuracy on the held-out pairs (null without them). */
    accuracy: z.number().min(0).max(1).nullable(),
    heldOut: z.number().int().min(0),
    usd: z.number().min(0),
    ms: z.number().min(0),
  })
  .strict();
export type PreferenceRound = z.infer<typeof PreferenceRoundSchema>;
