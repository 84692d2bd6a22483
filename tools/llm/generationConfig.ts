import { z } from "zod";
import { LlmSchema } from "./config.js";

/**
 * Query by generation: when a round writes new items instead of selecting from the pool, and how
 * they are kept (rejection sampling).
 */
export const GenerationSchema = z
  .object({
    llm: LlmSchema.prefault({}),
    /** Share of query rounds that generate (0.25: every fourth). */
    ratio: z.number().min(0).max(1).default(0),
    /** Generate when every pool item is labeled, instead of stopping. */
    whenPoolExhausted: z.boolean().default(true),
    /** Generate when some class has less than this fraction of its even share (1/K) of the labels; 0 turns it off. */
    minClassShare: z.number().min(0).max(1).default(0),
    /** Generate the initial set instead of drawing it from the pool. */
    coldStart: z.boolean().default(false),
    /** Items sought per generation round. */
    perRound: z.number().int().positive().default(10),
    perCall: z.number().int().min(1).max(20).default(5),
    /** Labeled examples of the class shown in the prompt. */
    examples: z.number().int().min(0).max(10).default(3),
    /**
     * Keep an item only if the target model predicts its intended label, with at least this
     * probability (0: agreement is enough; early, with few labels, probabilities are low).
     */
    acceptThreshold: z.number().min(0).max(1).default(0),
    /** Drop an item whose cosine similarity to any pool or labeled item reaches this. */
    duplicateThreshold: z.number().min(0).max(1).default(0.9),
  })
  .strict();
export type GenerationConfig = z.infer<typeof GenerationSchema>;
