import { z } from "zod";

/**
 * An item an LLM wrote (out-of-pool synthesis). Its text is checkpointed, since it exists nowhere
 * else, with where it came from.
 */
export const GeneratedItemSchema = z
  .object({
    id: z.string().min(1),
    text: z.string().min(1),
    /** The label it was written for, and kept with after rejection sampling. */
    label: z.string().min(1),
    model: z.string().min(1),
    /** sha256 of the prompt, to trace the item to the exact request. */
    promptHash: z.string().min(1),
    round: z.number().int().min(0),
  })
  .strict();
export type GeneratedItem = z.infer<typeof GeneratedItemSchema>;
