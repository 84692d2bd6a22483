import { ReviewSchema } from "../../tools/annotators/config.js";
import { reviewDecision } from "../../tools/annotators/review.js";
import type { LlmAnswer } from "../../tools/llm/annotator.js";

/** One routing policy's outcome on the sample: who labeled what, how right, at what price. */
export interface RoutingRow {
  readonly policy: string;
  readonly humanShare: number;
  readonly accuracy: number;
  readonly usdPerCorrect: number;
}

/** A label for each item, and whether a person (the simulated human, right by construction) gave it. */
export type Decision = (id: string) => { label: string | undefined; human: boolean };

/** Scores a policy: people answer from the gold labels at `feeUsd`; the machine's part cost `machineUsd`. */
export function routingRow(
  policy: string,
  ids: readonly string[],
  gold: ReadonlyMap<string, string>,
  decide: Decision,
  machineUsd: number,
  feeUsd: number,
): RoutingRow {
  const decided = ids.map(decide);
  const humans = decided.filter((d) => d.human).length;
  const correct = decided.filter((d, i) => d.label === gold.get(ids[i])).length;
  return {
    policy,
    humanShare: humans / ids.length,
    accuracy: correct / ids.length,
    usdPerCorrect: (machineUsd + humans * feeUsd) / Math.max(1, correct),
  };
}

/**
 * The policies every annotator gets: the LLM alone, people reviewing what it is less sure of than
 * a threshold, spot checks, and people alone. Items the LLM failed on go to people.
 */
export function confidencePolicies(answers: ReadonlyMap<string, LlmAnswer>, gold: ReadonlyMap<string, string>): Array<{ policy: string; decide: Decision }> {
  const llmOrHuman = (id: string, human: boolean) => ({ label: human ? gold.get(id) : answers.get(id)?.label, human: human || !answers.has(id) });
  const byReview = (review: ReturnType<typeof ReviewSchema.parse>) => (id: string) =>
    llmOrHuman(id, reviewDecision(review, answers.get(id) ?? { id, confidence: null }, null, 0).kind === "human");
  return [
    { policy: "LLM only", decide: (id) => llmOrHuman(id, false) },
    ...[0.6, 0.7, 0.8, 0.9, 0.95].map((acceptAbove) => ({
      policy: `accept ≥ ${acceptAbove}, people review the rest`,
      decide: byReview(ReviewSchema.parse({ acceptAbove })),
    })),
    { policy: "accept ≥ 0.9, 10% spot-checks", decide: byReview(ReviewSchema.parse({ acceptAbove: 0.9, spotCheckRate: 0.1 })) },
  ];
}

/** A cascade (NoiseAL): the first model's label when it is at least `below` sure, else the second's. */
export function cascade(
  first: ReadonlyMap<string, LlmAnswer>,
  second: ReadonlyMap<string, LlmAnswer>,
  below: number,
): Decision & { escalated: (ids: readonly string[]) => number } {
  const escalate = (id: string) => (first.get(id)?.confidence ?? 0) < below;
  return Object.assign((id: string) => ({ label: (escalate(id) ? second : first).get(id)?.label, human: false }), {
    escalated: (ids: readonly string[]) => ids.filter(escalate).length,
  });
}

/** Two models label every item; where they agree the label stands, where they differ (or one failed) people decide. */
export function agreement(a: ReadonlyMap<string, LlmAnswer>, b: ReadonlyMap<string, LlmAnswer>, gold: ReadonlyMap<string, string>): Decision {
  return (id) => {
    const agreed = a.get(id)?.label !== undefined && a.get(id)?.label === b.get(id)?.label;
    return agreed ? { label: a.get(id)!.label, human: false } : { label: gold.get(id), human: true };
  };
}
