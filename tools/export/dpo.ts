import { z } from "zod";
import { toJsonl } from "./jsonl.js";

/**
 * A preference pair in the "standard" format of TRL's DPOTrainer (and most DPO tooling): the
 * prompt, the answer preferred, and the answer rejected. Any graph that collects preferences
 * (people or LLMs choosing between two answers) produces these, and `dpoJsonl` writes them.
 */
export const PreferencePairSchema = z
  .object({
    prompt: z.string().min(1),
    chosen: z.string().min(1),
    rejected: z.string().min(1),
  })
  .strict()
  .refine((pair) => pair.chosen !== pair.rejected, { message: "chosen and rejected are the same answer", path: ["rejected"] });
export type PreferencePair = z.infer<typeof PreferencePairSchema>;

/** The pairs as JSON Lines, each checked first: a pair that prefers nothing is refused, not written. */
export function dpoJsonl(pairs: readonly PreferencePair[]): string {
  pairs.forEach((pair, i) => {
    const parsed = PreferencePairSchema.safeParse(pair);
    if (!parsed.success)
      throw new Error(`preference pair ${i + 1}: ${parsed.error.issues.map((issue) => `${issue.path.join(".") || "pair"}: ${issue.message}`).join("; ")}`);
  });
  return toJsonl(pairs.map(({ prompt, chosen, rejected }) => ({ prompt, chosen, rejected })));
}
