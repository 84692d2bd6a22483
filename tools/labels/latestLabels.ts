import type { LabelRecord } from "./labelRecord.js";

/**
 * The label each item has now: its last record. A thread keeps every label it was ever given
 * (a relabeled item has two records or more, nothing is overwritten); models train on this view,
 * in the order items were first labeled, so refitting after a relabel is deterministic.
 */
export function latestLabels(records: readonly LabelRecord[]): LabelRecord[] {
  const at = new Map<string, number>();
  const latest: LabelRecord[] = [];
  for (const record of records) {
    const index = at.get(record.id);
    if (index === undefined) {
      at.set(record.id, latest.length);
      latest.push(record);
    } else latest[index] = record;
  }
  return latest;
}
