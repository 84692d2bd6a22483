import { StateSchema } from "@langchain/langgraph";
import { z } from "zod";
import { appendOnly, failedItems, ledger, peopleQueue } from "../shared/channels.js";
import { PreferenceHumanItemSchema } from "../../tools/preference/humanPreference.js";
import { CandidatePairSchema, HeldOutPairSchema, PreferenceRecordSchema, PreferenceRoundSchema } from "../../tools/preference/preferenceRecords.js";
import { StopReasonSchema } from "../../tools/stopping/types.js";
import { PreferenceConfigSchema } from "../../runtime/config/preferenceConfig.js";

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
  pairs: appendOnly(CandidatePairSchema),
  heldOut: appendOnly(HeldOutPairSchema),
  preferences: appendOnly(PreferenceRecordSchema),
  /** Pairs chosen this round for the oracle or the LLM judge. */
  batch: z.array(z.string()).default(() => []),
  humanQueue: peopleQueue(PreferenceHumanItemSchema),
  failed: failedItems(),
  ledger: ledger(),
  history: appendOnly(PreferenceRoundSchema),
  roundStartedAt: z.number().default(0),
  /** A call was refused because the budget could not pay for it: the run stops. */
  budgetRefused: z.boolean().default(false),
  stopReason: StopReasonSchema.nullable().default(null),
});

export type PreferenceState = typeof ActivePreferenceState.State;
export type PreferenceUpdate = typeof ActivePreferenceState.Update;
