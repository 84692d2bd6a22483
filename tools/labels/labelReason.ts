import { AUDIT_NOTE_PREFIX } from "../biasAudit/config.js";
import type { LabelRecord } from "./labelRecord.js";

/** A reason longer than this is cut (with "…"): a demonstration's reason explains, it does not replace the text. */
export const MAX_REASON_CHARS = 300;

/**
 * Why an item got its label, when whoever gave it said (Beyond-Labels): a person's comment, else
 * the last rationale of the LLM(s) behind it (a bias audit's note on why the item was sent back
 * is not a reason for its label, and is left out).
 */
export function reasonOf(record: Pick<LabelRecord, "comment" | "rationales">): string | undefined {
  const reason =
    record.comment?.trim() ||
    record.rationales
      ?.filter((rationale) => !rationale.startsWith(AUDIT_NOTE_PREFIX))
      .at(-1)
      ?.trim();
  if (!reason) return undefined;
  return reason.length > MAX_REASON_CHARS ? `${reason.slice(0, MAX_REASON_CHARS - 1)}…` : reason;
}
