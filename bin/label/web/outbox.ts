/** One answer given on the page and not yet sent: `u` takes it back. */
export interface OutboxEntry {
  readonly interruptId: string;
  readonly itemId: string;
  /** As the graph takes it: a label, `{ label, comment }` or `{ skip: true, comment? }`. */
  readonly value: string | { label: string; comment: string } | { skip: true; comment?: string };
  /** Shown in the outbox list. */
  readonly shown: string;
}

export function answerValue(label: string | null, comment: string): OutboxEntry["value"] {
  const note = comment.trim();
  if (label === null) return note ? { skip: true, comment: note } : { skip: true };
  return note ? { label, comment: note } : label;
}

/** The request body's answers: `{ [interruptId]: { [itemId]: value } }`. */
export function groupAnswers(entries: readonly OutboxEntry[]): Record<string, Record<string, unknown>> {
  const answers: Record<string, Record<string, unknown>> = {};
  for (const entry of entries) (answers[entry.interruptId] ??= {})[entry.itemId] = entry.value;
  return answers;
}
