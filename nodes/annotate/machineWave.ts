import type { Update } from "../../graphs/activeLearning/state.js";
import type { HumanItem } from "../../tools/annotators/humanAnswer.js";
import type { ReviewConfig } from "../../tools/annotators/config.js";
import { type ReviewDecision, reviewDecision } from "../../tools/annotators/review.js";
import type { LedgerEntry } from "../../tools/cost/ledger.js";
import type { FailedItem, LabelRecord } from "../../tools/labels/labelRecord.js";

/** A label a machine annotator (an LLM, a cascade, a committee) proposes for an item. */
export interface MachineAnswer {
  readonly id: string;
  readonly label: string;
  readonly confidence: number | null;
  readonly confidenceMethod?: LabelRecord["confidenceMethod"];
  /** The LLM, or "committee". */
  readonly model: string;
  readonly costUsd: number;
  /** Why the item was queried and how the machine reasoned (chain of thought), kept with the label. */
  readonly rationales: readonly string[];
  /** Under the value route split by agreement: whether the target model predicts the same label. */
  readonly targetAgrees?: boolean;
}

/**
 * Hybrid annotation (the survey's LLM–human collaboration): machine labels are accepted, or sent
 * to people by `reviewDecision` (unsure, spot-checked, or vetoed by a verifier), with the
 * machine's label as the suggestion unless it was too unsure to show. Without review every label
 * is accepted.
 */
export function routeMachineAnswers(
  answers: readonly MachineAnswer[],
  {
    review,
    seed,
    round,
    textOf,
    verifierAgrees,
    decisions,
  }: {
    review: ReviewConfig | undefined;
    /** Decisions made elsewhere (the value route), in place of review's thresholds. */
    decisions?: ReadonlyMap<string, ReviewDecision>;
    seed: number;
    round: number;
    textOf: (id: string) => string;
    verifierAgrees?: ReadonlyMap<string, boolean | null>;
  },
): { labels: LabelRecord[]; toHumans: HumanItem[] } {
  const labels: LabelRecord[] = [];
  const toHumans: HumanItem[] = [];
  for (const answer of answers) {
    const rationales = answer.rationales.length > 0 ? { rationales: [...answer.rationales] } : {};
    const decision =
      decisions?.get(answer.id) ?? (review ? reviewDecision(review, answer, verifierAgrees?.get(answer.id) ?? null, seed) : ({ kind: "accept" } as const));
    if (decision.kind === "accept") {
      labels.push({
        id: answer.id,
        label: answer.label,
        source: "llm",
        confidence: answer.confidence,
        costUsd: answer.costUsd,
        round,
        model: answer.model,
        ...(answer.confidenceMethod ? { confidenceMethod: answer.confidenceMethod } : {}),
        ...rationales,
      });
    } else {
      toHumans.push({
        id: answer.id,
        text: textOf(answer.id),
        reason: decision.reason,
        ...(decision.showSuggestion
          ? {
              suggestion: {
                label: answer.label,
                confidence: answer.confidence,
                model: answer.model,
                ...(answer.targetAgrees === undefined ? {} : { targetAgrees: answer.targetAgrees }),
              },
            }
          : {}),
        ...rationales,
      });
    }
  }
  return { labels, toHumans };
}

/**
 * What a wave of machine annotation writes: its labels and failures, the items review sent to
 * people (and, when asked, the items it failed on), what it cost, and what is left of the batch.
 * Once the budget refuses a call, the rest of the batch goes back to the pool unasked.
 */
export function machineWaveUpdate(wave: {
  labels: LabelRecord[];
  failed: FailedItem[];
  toHumans: HumanItem[];
  unpaid: number;
  rest: string[];
  ledger: LedgerEntry[];
  startedMs: number;
}): Update {
  return {
    labels: wave.labels,
    failed: wave.failed,
    batch: wave.unpaid > 0 ? [] : wave.rest,
    ...(wave.toHumans.length > 0 ? { humanQueue: { add: wave.toHumans } } : {}),
    ledger: wave.ledger,
    stageMs: { annotate: performance.now() - wave.startedMs },
    counters: {
      llmLabels: wave.labels.length,
      llmFailures: wave.failed.length,
      ...(wave.toHumans.length > 0 ? { sentToHumans: wave.toHumans.length } : {}),
      ...(wave.unpaid > 0 ? { llmUnpaid: wave.unpaid } : {}),
    },
  };
}
