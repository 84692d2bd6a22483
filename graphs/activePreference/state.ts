import { ReducedValue, StateSchema } from "@langchain/langgraph";
import { z } from "zod";
import { applyLedgerEntries, emptyLedger, LedgerEntrySchema, LedgerSchema } from "../../tools/cost/ledger.js";
import { FailedItemSchema } from "../../tools/labels/labelRecord.js";
import { PreferenceHumanItemSchema } from "../../tools/preference/humanPreference.js";
import { CandidatePairSchema, HeldOutPairSchema, PreferenceRecordSchema, PreferenceRoundSchema } from "../../tools/preference/preferenceRecords.js";
import { StopReasonSchema } from "../../tools/stopping/types.js";
import { PreferenceConfigSchema } from "../../runtime/config/preferenceConfig.js";

const append = <T>(current: T[], update: T[]): T[] => current.concat(update);

/**
 * The checkpointed state of an active-preference run: the candidate pairs (their responses were
 * written by LLMs and exist nowhere else), the held-out pairs, every preference label, the queue of
 * questions for people, the ledger and the reward model's curve. The reward model itself is refitted
 * from the labels, never stored.
 */
export const ActivePreferenceState = new StateSchema({
  config: PreferenceConfigSchema.optional(),
  classes: z.array(z.string()).default(() => []),
  round: z.number().int().min(0).default(0),
  /** Prompts whose candidate responses are still to be written: pool prompts, then held-out ones. */
  toGenerate: z.array(z.string()).default(() => []),
  pairs: new ReducedValue(
    z.array(CandidatePairSchema).default(() => []),
    { inputSchema: z.array(CandidatePairSchema), reducer: append },
  ),
  heldOut: new ReducedValue(
    z.array(HeldOutPairSchema).default(() => []),
    { inputSchema: z.array(HeldOutPairSchema), reducer: append },
  ),
  preferences: new ReducedValue(
    z.array(PreferenceRecordSchema).default(() => []),
    { inputSchema: z.array(PreferenceRecordSchema), reducer: append },
  ),
  /** Pairs chosen this round for the oracle or the LLM judge. */
  batch: z.array(z.string()).default(() => []),
  humanQueue: new ReducedValue(
    z.array(PreferenceHumanItemSchema).default(() => []),
    {
      inputSchema: z.object({ add: z.array(PreferenceHumanItemSchema).optional(), remove: z.array(z.string()).optional() }).strict(),
      reducer: (current, { add = [], remove = [] }) => {
        const gone = new Set(remove);
        const kept = current.filter((item) => !gone.has(item.id));
        const present = new Set(kept.map((item) => item.id));
        return kept.concat(add.filter((item) => !present.has(item.id)));
      },
    },
  ),
  failed: new ReducedValue(
    z.array(FailedItemSchema).default(() => []),
    { inputSchema: z.array(FailedItemSchema), reducer: append },
  ),
  ledger: new ReducedValue(LedgerSchema.default(emptyLedger), { inputSchema: z.array(LedgerEntrySchema), reducer: applyLedgerEntries }),
  history: new ReducedValue(
    z.array(PreferenceRoundSchema).default(() => []),
    { inputSchema: z.array(PreferenceRoundSchema), reducer: append },
  ),
  roundStartedAt: z.number().default(0),
  /** A call was refused because the budget could not pay for it: the run stops. */
  budgetRefused: z.boolean().default(false),
  stopReason: StopReasonSchema.nullable().default(null),
});

export type PreferenceState = typeof ActivePreferenceState.State;
export type PreferenceUpdate = typeof ActivePreferenceState.Update;
