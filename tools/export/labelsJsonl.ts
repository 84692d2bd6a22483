import { toJsonl } from "./jsonl.js";
import type { LabelRow } from "./labelRows.js";

/** The labels as JSON Lines: each label record as checkpointed, with its text (the file `run` writes). */
export function labelsJsonl(rows: readonly LabelRow[]): string {
  return toJsonl(rows.map(({ text, ...record }) => ({ ...record, text })));
}
