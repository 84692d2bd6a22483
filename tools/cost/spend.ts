import { z } from "zod";

/** What LLM calls cost: the shape the ledger keeps per model and every caller adds up. */
export const SpendSchema = z
  .object({
    calls: z.number().int().min(0),
    /** Calls answered from the response cache, at no cost. */
    cachedCalls: z.number().int().min(0),
    inputTokens: z.number().int().min(0),
    outputTokens: z.number().int().min(0),
    usd: z.number().min(0),
    /** Seconds of this machine's compute: a local model's generation time (0 for remote models). Absent in ledgers written before. */
    seconds: z.number().min(0).default(0),
  })
  .strict();
export type Spend = z.infer<typeof SpendSchema>;

export function emptySpend(): Spend {
  return { calls: 0, cachedCalls: 0, inputTokens: 0, outputTokens: 0, usd: 0, seconds: 0 };
}

/** Adds `more` into `into` (mutating it) and returns it. */
export function addSpend(into: Spend, more: z.input<typeof SpendSchema>): Spend {
  into.calls += more.calls;
  into.cachedCalls += more.cachedCalls;
  into.inputTokens += more.inputTokens;
  into.outputTokens += more.outputTokens;
  into.usd += more.usd;
  into.seconds += more.seconds ?? 0;
  return into;
}
