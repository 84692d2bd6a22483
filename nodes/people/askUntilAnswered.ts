import { interrupt } from "@langchain/langgraph";
import type { FailedItem } from "../../tools/labels/labelRecord.js";

/** What an answer check gives: the answer as checked, or one line naming every fault. */
export type AnswerCheck<A> = { readonly ok: true; readonly answer: A } | { readonly ok: false; readonly error: string };

/**
 * The interrupt loop every people task runs: interrupt() first thing (a node re-runs from its top
 * on resume, so nothing paid may come before it), the answer checked, and a wrong one refused with
 * its faults named in the request, nothing applied, and asked again. Checked here rather than by
 * interrupt's responseSchema, which would throw instead of asking again.
 */
export function askUntilAnswered<R extends { readonly error?: string }, A>(request: R, check: (raw: unknown) => AnswerCheck<A>): A {
  let asked = request;
  for (;;) {
    const checked = check(interrupt(asked));
    if (checked.ok) return checked.answer;
    asked = { ...asked, error: checked.error };
  }
}

/** Items people skipped, recorded as failed with who skipped them and why. */
export function skippedItems(
  skipped: ReadonlyArray<{ readonly id: string; readonly comment?: string; readonly annotator?: string }>,
  round: number,
  who: (item: { readonly annotator?: string }) => string = (item) => item.annotator ?? "a person",
): FailedItem[] {
  return skipped.map((item) => ({
    id: item.id,
    round,
    annotator: "human",
    reason: `skipped by ${who(item)}${item.comment ? `: ${item.comment}` : ""}`,
  }));
}
