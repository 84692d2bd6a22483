import { z } from "zod";
import { AnnotatorNameSchema } from "../labels/labelRecord.js";

/** What the model's sampled responses to one prompt said, and the Ask-LLM judge of its pair. */
export const ScoredPromptSchema = z
  .object({
    /** The answer most samples give, and the first sample giving it. */
    answer: z.string().nullable(),
    response: z.string().min(1),
    samples: z.number().int().min(1),
    agreement: z.number().min(0).max(1),
    spread: z.number().min(0).max(1),
    /** The measure the strategy ranks by: 1 − agreement, or the spread. */
    uncertainty: z.number().min(0).max(1),
    /** Ask-LLM P("yes") of (prompt, response); absent when not asked, null when the judge gave no answer. */
    quality: z.number().min(0).max(1).nullable().optional(),
  })
  .strict();
export type ScoredPrompt = z.infer<typeof ScoredPromptSchema>;

/**
 * Who wrote an example's response: the model itself (`self-training`: its samples agreed, no
 * person), the simulated person of benchmarks (`oracle`), a person (`human`), a stronger LLM
 * (`llm`), or the prompt file (`file`).
 */
export const SftSourceSchema = z.enum(["self-training", "oracle", "human", "llm", "file"]);

/** One chosen fine-tuning example, as checkpointed: its response exists nowhere else. */
export const SftExampleSchema = z
  .object({
    id: z.string().min(1),
    /** The prompt as the fine-tuned model sees it (instruction, then input). */
    prompt: z.string().min(1),
    response: z.string().min(1),
    source: SftSourceSchema,
    costUsd: z.number().min(0),
    round: z.number().int().min(0),
    /** The LLM that wrote the response (simulated ones are named "simulated:…"). */
    model: z.string().min(1).optional(),
    agreement: z.number().min(0).max(1).optional(),
    quality: z.number().min(0).max(1).nullable().optional(),
    /** The model's response a person was shown. */
    suggestion: z.string().optional(),
    comment: z.string().optional(),
    annotator: AnnotatorNameSchema.optional(),
  })
  .strict();
export type SftExample = z.infer<typeof SftExampleSchema>;

/** A prompt put to a person: write its response, or accept the model's. */
export const SftHumanItemSchema = z
  .object({
    id: z.string().min(1),
    prompt: z.string().min(1),
    suggestion: z
      .object({ response: z.string().min(1), agreement: z.number().min(0).max(1), model: z.string().min(1) })
      .strict()
      .optional(),
  })
  .strict();
export type SftHumanItem = z.infer<typeof SftHumanItemSchema>;

/** One round of active SFT: what the selection so far is worth, and what it cost. */
export const SftRoundSchema = z
  .object({
    round: z.number().int().min(0),
    examples: z.number().int().min(0),
    bySource: z.record(z.string(), z.number().int().min(0)),
    clustersCovered: z.number().int().min(0),
    clusters: z.number().int().min(1),
    quality: z.number().min(0).max(1).nullable(),
    duplicates: z.number().int().min(0),
    usd: z.number().min(0),
    ms: z.number().min(0),
  })
  .strict();
export type SftRound = z.infer<typeof SftRoundSchema>;
