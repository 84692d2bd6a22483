import { z } from "zod";
import { addSpend, emptySpend, SpendSchema } from "./spend.js";

/** All money a run has spent: human fees and LLM tokens in one place, in USD. */
export const LedgerSchema = z
  .object({
    totalUsd: z.number().min(0),
    human: z.object({ labels: z.number().int().min(0), usd: z.number().min(0) }).strict(),
    /** Per model name. */
    llm: z.record(z.string(), SpendSchema),
  })
  .strict();
export type Ledger = z.infer<typeof LedgerSchema>;

export const LedgerEntrySchema = z.discriminatedUnion("kind", [
  z.object({ kind: z.literal("human"), labels: z.number().int().min(0), usd: z.number().min(0) }).strict(),
  SpendSchema.extend({ kind: z.literal("llm"), model: z.string().min(1) }).strict(),
]);
export type LedgerEntry = z.infer<typeof LedgerEntrySchema>;

export function emptyLedger(): Ledger {
  return { totalUsd: 0, human: { labels: 0, usd: 0 }, llm: {} };
}

/** The ledger after `entries`; the input is not modified. */
export function applyLedgerEntries(ledger: Ledger, entries: readonly LedgerEntry[]): Ledger {
  const next: Ledger = { totalUsd: ledger.totalUsd, human: { ...ledger.human }, llm: { ...ledger.llm } };
  for (const entry of entries) {
    next.totalUsd += entry.usd;
    if (entry.kind === "human") {
      next.human.labels += entry.labels;
      next.human.usd += entry.usd;
    } else {
      const { kind: _, model, ...spend } = entry;
      next.llm[model] = addSpend(addSpend(emptySpend(), next.llm[model] ?? emptySpend()), spend);
    }
  }
  return next;
}

/** Money comparisons tolerate float rounding: 0.1 × 3 must not exceed a $0.30 budget. */
export const USD_EPSILON = 1e-9;

/** A model's spend as a ledger entry, or none when nothing was called (not even from the cache). */
export function llmEntries(model: string, spend: z.infer<typeof SpendSchema>): LedgerEntry[] {
  return spend.calls + spend.cachedCalls > 0 ? [{ kind: "llm", model, ...spend }] : [];
}
