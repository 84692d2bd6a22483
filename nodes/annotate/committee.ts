import type { LangGraphRunnableConfig } from "@langchain/langgraph";
import type { HumanItem } from "../../tools/annotators/humanAnswer.js";
import { reviewDecision } from "../../tools/annotators/review.js";
import type { FailedItem, LabelRecord } from "../../tools/labels/labelRecord.js";
import { annotationUpdate } from "./machineWave.js";
import { runCommittee } from "../../graphs/committee/graph.js";
import { remainingUsd } from "../../runtime/remainingUsd.js";
import { requireConfig } from "../../runtime/config/configOf.js";
import { resolveRun } from "../../runtime/workspace/workspace.js";
import type { State, Update } from "../../graphs/activeLearning/state.js";

/**
 * Annotate with a committee, a wave at a time: the committee subgraph fans the wave out to its
 * members (Send) and reduces their votes; the majority label is kept with the members' agreement
 * as its confidence and their rationales. With review set, items the committee splits on go to
 * people with its majority as the suggestion.
 */
export async function annotateCommittee(state: State, nodeConfig?: LangGraphRunnableConfig): Promise<Update> {
  const started = performance.now();
  const config = requireConfig(state);
  const annotator = config.annotator;
  if (annotator.kind !== "committee") throw new Error(`annotateCommittee ran for a ${annotator.kind} annotator`);
  const run = await resolveRun(config);
  const wave = state.batch.slice(0, annotator.itemsPerWave);
  const textOf = (id: string) => run.pool.texts[run.pool.indexOf(id)];
  const left = remainingUsd(config, state.ledger);
  const committee = await runCommittee(
    {
      config,
      round: state.round,
      items: wave.map((id) => ({ id, text: textOf(id) })),
      labels: config.committee.members.some((member) => member.kind === "model") ? state.labels : [],
      generated: state.generated,
      budgetUsd: Number.isFinite(left) ? left : null,
    },
    nodeConfig,
  );
  const cost = committee.spend.reduce((sum, entry) => sum + entry.usd, 0) / Math.max(1, wave.length);
  const labels: LabelRecord[] = [];
  const toHumans: HumanItem[] = [];
  const review = annotator.review;
  for (const verdict of committee.verdicts) {
    const rationales = [...(state.queryNotes[verdict.id] ?? []), ...verdict.rationales];
    const decision = review ? reviewDecision(review, { id: verdict.id, confidence: verdict.agreement }, null, config.seed) : { kind: "accept" as const };
    if (decision.kind === "accept") {
      labels.push({
        id: verdict.id,
        label: verdict.label,
        source: "llm",
        confidence: verdict.agreement,
        costUsd: cost,
        round: state.round,
        model: "committee",
        confidenceMethod: "committee",
        ...(rationales.length > 0 ? { rationales } : {}),
      });
    } else {
      toHumans.push({
        id: verdict.id,
        text: textOf(verdict.id),
        reason: decision.reason,
        ...(decision.showSuggestion ? { suggestion: { label: verdict.label, confidence: verdict.agreement, model: "committee" } } : {}),
        ...(rationales.length > 0 ? { rationales } : {}),
      });
    }
  }
  const decided = new Set(committee.verdicts.map((verdict) => verdict.id));
  const unvoted = wave.filter((id) => !decided.has(id));
  const failed: FailedItem[] = unvoted.map((id) => ({
    id,
    round: state.round,
    annotator: "committee",
    reason: committee.failures.filter((failure) => failure.id === id).map((failure) => `${failure.member}: ${failure.reason}`).join("; ") || "no member voted",
  }));
  if (review?.onFailure === "human") for (const id of unvoted) toHumans.push({ id, text: textOf(id), reason: "llm-failed" });
  const unpaid = committee.failures.filter((failure) => failure.reason === "over the committee's budget").length;
  return annotationUpdate({ labels, failed, toHumans, unpaid, rest: state.batch.slice(wave.length), ledger: committee.spend, startedMs: started });
}
