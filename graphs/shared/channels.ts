import { ReducedValue } from "@langchain/langgraph";
import { z } from "zod";
import { applyLedgerEntries, emptyLedger, LedgerEntrySchema, LedgerSchema } from "../../tools/cost/ledger.js";
import { FailedItemSchema } from "../../tools/labels/labelRecord.js";

/**
 * State channels every graph of activegraph keeps alike: written once here so that the loop and the
 * paradigm graphs reduce their records, people's queues, failures and money the same way.
 */

/** A list that updates append to (records are never rewritten: a relabel is a new record). */
export function appendOnly<T extends z.ZodType>(item: T) {
  return new ReducedValue(
    z.array(item).default(() => []),
    {
      inputSchema: z.array(item),
      reducer: (current: z.infer<T>[], update: z.infer<T>[]) => current.concat(update),
    },
  );
}

/** What waits for people: items added once each (by id), answered or skipped ones removed. */
export function peopleQueue<T extends z.ZodType<{ id: string }>>(item: T) {
  return new ReducedValue(
    z.array(item).default(() => []),
    {
      inputSchema: z.object({ add: z.array(item).optional(), remove: z.array(z.string()).optional() }).strict(),
      reducer: (current: z.infer<T>[], { add = [], remove = [] }: { add?: z.infer<T>[]; remove?: string[] }) => {
        const gone = new Set(remove);
        const kept = current.filter((entry) => !gone.has(entry.id));
        const present = new Set(kept.map((entry) => entry.id));
        return kept.concat(add.filter((entry) => !present.has(entry.id)));
      },
    },
  );
}

/** Items nobody could label, kept with the reason. */
export const failedItems = () => appendOnly(FailedItemSchema);

/** The run's money: every paid call and human label, booked by the entries nodes return. */
export const ledger = () => new ReducedValue(LedgerSchema.default(emptyLedger), { inputSchema: z.array(LedgerEntrySchema), reducer: applyLedgerEntries });
