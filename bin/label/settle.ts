import type { SettledBy, Vote } from "../../tools/labels/labelRecord.js";

/** How disagreements between two people are settled: by a third person's answer, or by the majority of the answers given. */
export type SettleMode = "third" | "majority";

export type Settlement =
  | { readonly done: false; readonly votesNeeded: number }
  | { readonly done: true; readonly label: string | null; readonly settledBy: SettledBy };

/**
 * Settles the votes on one item asked of two people, in the order they came (a label, or null for
 * a skip). Two that agree settle it. Two that differ: with "third", a third person answers, and the
 * third answer wins (it is the majority of the three, or breaks a three-way split); with "majority", the
 * majority of the two, the tie broken by the LLM's suggestion when it is one of them, else by the
 * first answer.
 */
export function settle(votes: readonly Vote[], mode: SettleMode, suggestion?: string): Settlement {
  if (votes.length < 2) return { done: false, votesNeeded: 2 };
  const [a, b] = votes;
  if (a.label === b.label) return { done: true, label: a.label, settledBy: "agreement" };
  if (mode === "majority") {
    const tieBreak = votes.slice(0, 2).find((vote) => vote.label !== null && vote.label === suggestion) ?? a;
    return { done: true, label: tieBreak.label, settledBy: "majority" };
  }
  if (votes.length < 3) return { done: false, votesNeeded: 3 };
  // The first two differ, so the third answer is the majority of the three, or breaks a three-way split.
  return { done: true, label: votes[2].label, settledBy: "third" };
}
