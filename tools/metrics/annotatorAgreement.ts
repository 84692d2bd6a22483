import type { LabelRecord } from "../labels/labelRecord.js";
import { cohenKappa } from "./agreement.js";

/** How far people agreed on the items put to two (or more) of them, read from the label records. */
export interface AnnotatorAgreement {
  /** Labels whose first two votes are both labels (a skip is no label to agree on). */
  readonly items: number;
  /** Of those, the ones whose first two votes agree. */
  readonly agreed: number;
  /** Cohen's kappa between first and second votes over those items; null with none. */
  readonly kappa: number | null;
  /** Labels settled by a third person's answer, or by the majority rule. */
  readonly settledByThird: number;
  readonly settledByMajority: number;
}

/**
 * Inter-annotator agreement from the votes kept in the label records, so it can be recomputed from
 * any checkpoint. Items go to different pairs of people, so the kappa pools them: the first answer
 * of each item against its second, Cohen's kappa over the label set.
 */
export function annotatorAgreement(labels: readonly LabelRecord[], classes: readonly string[]): AnnotatorAgreement {
  const index = new Map(classes.map((label, i) => [label, i]));
  const first: number[] = [];
  const second: number[] = [];
  let settledByThird = 0;
  let settledByMajority = 0;
  for (const record of labels) {
    if (!record.votes) continue;
    if (record.settledBy === "third") settledByThird++;
    if (record.settledBy === "majority") settledByMajority++;
    const [a, b] = record.votes;
    const ia = a.label === null ? undefined : index.get(a.label);
    const ib = b.label === null ? undefined : index.get(b.label);
    if (ia === undefined || ib === undefined) continue;
    first.push(ia);
    second.push(ib);
  }
  const agreed = first.filter((label, i) => label === second[i]).length;
  return {
    items: first.length,
    agreed,
    kappa: first.length === 0 ? null : cohenKappa(first, second, classes.length),
    settledByThird,
    settledByMajority,
  };
}
