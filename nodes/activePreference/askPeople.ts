import { z } from "zod";
import type { PreferenceUpdate } from "../../graphs/activePreference/state.js";
import { askUntilAnswered, skippedItems } from "../people/askUntilAnswered.js";
import { checkPreferenceAnswer, PREFERENCE_ANSWER_HELP, PreferenceHumanItemSchema, type PreferenceRequest } from "../../tools/preference/humanPreference.js";
import type { PreferenceRecord } from "../../tools/preference/preferenceRecords.js";

/** What one askPeople task is given (through Send): the comparisons and the fee. */
export const PreferencePeopleTaskSchema = z
  .object({ round: z.number().int().min(0), feeUsd: z.number().min(0), items: z.array(PreferenceHumanItemSchema).min(1) })
  .strict();
export type PreferencePeopleTask = z.infer<typeof PreferencePeopleTaskSchema>;

/**
 * Ask people which of two responses is better, as askHuman asks for labels: interrupt() first
 * thing (a node re-runs from its top on resume), the answer checked, a wrong one refused with
 * every fault named and nothing applied, and asked again. Choices become preference labels (the
 * fee booked with them), skipped comparisons are recorded as failed, and those left out stay queued.
 */
export async function askPeople(task: PreferencePeopleTask): Promise<PreferenceUpdate> {
  const request: PreferenceRequest = { kind: "activegraph.preference", round: task.round, items: task.items, answer: PREFERENCE_ANSWER_HELP };
  const answer = askUntilAnswered(request, (raw) => checkPreferenceAnswer(raw, task.items));
  const preferences: PreferenceRecord[] = answer.choices.map(({ id, choice, comment, annotator }) => ({
    id,
    choice,
    source: "human",
    costUsd: task.feeUsd,
    round: task.round,
    confidence: null,
    ...(comment ? { comment } : {}),
    ...(annotator ? { annotator } : {}),
  }));
  const failed = skippedItems(answer.skipped, task.round);
  return {
    preferences,
    failed,
    humanQueue: { remove: [...preferences.map((record) => record.id), ...failed.map((item) => item.id)] },
    ledger: preferences.length > 0 ? [{ kind: "human", labels: preferences.length, usd: preferences.length * task.feeUsd }] : [],
  };
}

/** Where the answers of parallel askPeople tasks meet, so the run goes on once. */
export async function collectAnswers(): Promise<PreferenceUpdate> {
  return {};
}
