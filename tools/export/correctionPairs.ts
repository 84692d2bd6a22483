import { classificationInstructions, type ClassificationTask } from "./classificationTask.js";
import type { PreferencePair } from "./dpo.js";
import type { LabelRow } from "./labelRows.js";

/**
 * The preference pairs a classification thread holds: every label a person gave against the LLM
 * suggestion they were shown (hybrid review). The person's label is chosen, the LLM's rejected,
 * under the prompt a fine-tuned model would get (the task, the label set, the text). A person who
 * agreed with the suggestion expressed no preference between two answers, so that label gives no pair.
 */
export function correctionPairs(rows: readonly LabelRow[], task: ClassificationTask): PreferencePair[] {
  const instructions = classificationInstructions(task);
  return rows
    .filter((row) => row.source === "human" && row.suggestion !== undefined && row.suggestion !== row.label)
    .map((row) => ({ prompt: `${instructions}\n\nText:\n${row.text}`, chosen: row.label, rejected: row.suggestion! }));
}

/** How many of a thread's labels were people reviewing an LLM's suggestion (to say why there are no pairs). */
export function reviewedCount(rows: readonly LabelRow[]): number {
  return rows.filter((row) => row.source === "human" && row.suggestion !== undefined).length;
}
