import type { FailedItem } from "./labelRecord.js";

/** An item an annotator kept failing on: it is never picked again. */
export interface QuarantinedItem {
  readonly id: string;
  readonly failures: number;
  /** Why each attempt failed, oldest first. */
  readonly reasons: string[];
}

/**
 * The items that failed `after` times or more (a reply out of schema, a refused call…), so that a
 * pool text a model cannot label is not picked round after round until the run stalls below its
 * budget. A person skipping an item is a choice, not a failure, and does not count.
 */
export function quarantined(failed: readonly FailedItem[], after: number): QuarantinedItem[] {
  const byId = new Map<string, string[]>();
  for (const item of failed) {
    if (item.annotator === "human") continue;
    byId.set(item.id, [...(byId.get(item.id) ?? []), item.reason]);
  }
  return [...byId.entries()].filter(([, reasons]) => reasons.length >= after).map(([id, reasons]) => ({ id, failures: reasons.length, reasons }));
}

/** Pool ids a query must not pick: the labeled ones, and those quarantined after failing `after` times. */
export function notToQuery(labels: ReadonlyArray<{ id: string }>, failed: readonly FailedItem[], after: number): string[] {
  return [...labels.map((record) => record.id), ...quarantined(failed, after).map((item) => item.id)];
}
