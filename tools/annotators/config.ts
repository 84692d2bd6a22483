import { z } from "zod";
import { ConfidenceSettingSchema } from "../llm/annotator.js";
import { LlmSchema } from "../llm/config.js";

/** The simulated human of benchmarks: answers from gold labels, with optional noise, for a fee. */
export const OracleAnnotatorSchema = z
  .object({
    kind: z.literal("oracle"),
    /** Share of answers that are wrong (uniform over the other labels). */
    noiseRate: z.number().min(0).max(1).default(0),
    /** What one label costs, in USD. */
    feeUsd: z.number().min(0).default(0.05),
  })
  .strict();

/** An LLM labels the batch (LLMaAA-style prompts, k-NN demonstrations, calibrated confidence). */
export const LlmAnnotatorSchema = z
  .object({
    kind: z.literal("llm"),
    llm: LlmSchema.prefault({}),
    itemsPerCall: z.number().int().min(1).max(50).default(1),
    /** Labelled examples nearest to the items, shown in the prompt. */
    demonstrations: z.number().int().min(0).max(32).default(4),
    confidence: ConfidenceSettingSchema.default("auto"),
    /** Samples per item for self-consistency confidence. */
    samples: z.number().int().min(2).max(20).default(5),
  })
  .strict();

export const AnnotatorSchema = z.discriminatedUnion("kind", [OracleAnnotatorSchema, LlmAnnotatorSchema]);
export type AnnotatorConfig = z.infer<typeof AnnotatorSchema>;
export type LlmAnnotatorConfig = z.infer<typeof LlmAnnotatorSchema>;
