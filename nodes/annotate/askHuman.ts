import { askUntilAnswered, skippedItems } from "../people/askUntilAnswered.js";
import { z } from "zod";
import { type CalibrationObservation, calibrationKey } from "../../tools/annotators/calibration.js";
import { ANSWER_HELP, checkHumanAnswer, type HumanItem, HumanItemSchema, type HumanRequest } from "../../tools/annotators/humanAnswer.js";
import type { LabelRecord, Vote } from "../../tools/labels/labelRecord.js";
import type { Update } from "../../graphs/activeLearning/state.js";

/** What one askHuman task is given (through Send): the items, the label set and the fee. */
export const HumanTaskSchema = z
  .object({
    round: z.number().int().min(0),
    classes: z.array(z.string()),
    feeUsd: z.number().min(0),
    items: z.array(HumanItemSchema).min(1),
  })
  .strict();
export type HumanTask = z.infer<typeof HumanTaskSchema>;

/**
 * Ask people: interrupt() first thing (a node re-runs from its top on resume, so nothing paid may
 * come before it), with the items, their suggestions and the label set. The answer is checked; a
 * wrong one is refused with every fault named, nothing applied, and asked again. Answered items
 * become labels (the fee booked with them), skipped ones go back to the pool, and items left out
 * stay in the queue for the next ask.
 */
export async function askHuman(task: HumanTask): Promise<Update> {
  const request: HumanRequest = { kind: "activegraph.label", round: task.round, classes: task.classes, items: task.items, answer: ANSWER_HELP };
  const answer = askUntilAnswered(request, (raw) => checkHumanAnswer(raw, task.items, task.classes));
  const byId = new Map(task.items.map((item) => [item.id, item]));
  const labels: LabelRecord[] = answer.labels.map(({ id, label, comment, annotator, votes, settledBy }) => {
    const item = byId.get(id)!;
    return {
      id,
      label,
      source: "human",
      confidence: null,
      costUsd: task.feeUsd,
      round: task.round,
      reviewReason: item.reason,
      ...(item.suggestion ? { suggestion: item.suggestion.label } : {}),
      ...(comment ? { comment } : {}),
      ...(item.rationales?.length ? { rationales: item.rationales } : {}),
      ...(annotator ? { annotator } : {}),
      ...(votes ? { votes, settledBy } : {}),
    };
  });
  const failed = skippedItems(answer.skipped, task.round, ({ annotator, votes }: { annotator?: string; votes?: readonly Vote[] }) =>
    votes ? `${votes.length} people (${votes.map(describeVote).join(", ")})` : (annotator ?? "a person"),
  );
  const calibration = calibrationChecks(labels, byId);
  const answered = [...labels.map((label) => label.id), ...failed.map((item) => item.id)];
  const agreed = labels.filter((label) => label.suggestion !== undefined && label.suggestion === label.label).length;
  const suggested = labels.filter((label) => label.suggestion !== undefined).length;
  return {
    labels,
    failed,
    humanQueue: { remove: answered },
    ...(calibration.length > 0 ? { calibration } : {}),
    ledger: labels.length > 0 ? [{ kind: "human", labels: labels.length, usd: labels.length * task.feeUsd }] : [],
    counters: {
      humanLabels: labels.length,
      humanSkips: failed.length,
      ...(suggested > 0 ? { humanSawSuggestion: suggested, humanAgreed: agreed } : {}),
      ...spotCheckCounts(labels),
    },
  };
}

/** LLM–human agreement on spot-checks, the unbiased sample of accepted LLM labels. */
function spotCheckCounts(labels: readonly LabelRecord[]): Record<string, number> {
  const spot = labels.filter((label) => label.reviewReason === "spot-check");
  if (spot.length === 0) return {};
  return { spotChecks: spot.length, spotCheckAgreed: spot.filter((label) => label.suggestion === label.label).length };
}

/**
 * What the answers say about the machine that suggested them: right or wrong at the confidence it
 * stated, for the value router's calibration. Items a verifier picked out (disagreement) are left
 * out: they are not a fair sample of any confidence.
 */
function calibrationChecks(labels: readonly LabelRecord[], items: ReadonlyMap<string, HumanItem>): CalibrationObservation[] {
  return labels.flatMap((label) => {
    const suggestion = items.get(label.id)?.suggestion;
    if (!suggestion || suggestion.confidence === null || label.reviewReason === "disagreement") return [];
    return [
      { annotator: calibrationKey(suggestion.model, suggestion.targetAgrees), confidence: suggestion.confidence, right: suggestion.label === label.label },
    ];
  });
}

/** Where the answers of parallel askHuman tasks meet, so the loop goes on once, not once per task. */
export async function collectAnswers(): Promise<Update> {
  return {};
}

function describeVote(vote: Vote): string {
  return `${vote.annotator}: ${vote.label ?? "skip"}`;
}
