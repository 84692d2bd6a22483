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
    /** Seconds of this machine's compute a local model spent (absent for remote models and in older ledgers). */
    seconds: z.number().min(0).optional(),
  })
  .strict();
export type Spend = z.infer<typeof SpendSchema>;

export function emptySpend(): Spend {
  return { calls: 0, cachedCalls: 0, inputTokens: 0, outputTokens: 0, usd: 0 };
}

/** Adds `more` into `into` (mutating it) and returns it. */
export function addSpend(into: Spend, more: Spend): Spend {
  into.calls += more.calls;
  into.cachedCalls += more.cachedCalls;
  into.inputTokens += more.inputTokens;
  into.outputTokens += more.outputTokens;
  into.usd += more.usd;
  if (more.seconds) into.seconds = (into.seconds ?? 0) + more.seconds;
  return into;
}
