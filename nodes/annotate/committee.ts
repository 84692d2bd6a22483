import type { LangGraphRunnableConfig } from "@langchain/langgraph";
import type { State, Update } from "../../graphs/activeLearning/state.js";
import type { CommitteeRunner } from "../../graphs/committee/graph.js";
import { remainingUsd } from "../../runtime/budget.js";
import { runConfigOf } from "../../runtime/config/configOf.js";
import { bookedSpend, cachedCallsOf } from "../../runtime/llm/taskSpend.js";
import type { Services } from "../../runtime/services.js";
import type { FailedItem } from "../../tools/labels/labelRecord.js";
import { machineWaveUpdate, routeMachineAnswers } from "./machineWave.js";

/**
 * Annotate with a committee, a wave at a time: the committee subgraph fans the wave out to its
 * members (Send) and reduces their votes; the majority label is kept with the members' agreement
 * as its confidence and their rationales. With review set, items the committee splits on go to
 * people with its majority as the suggestion.
 */
export const annotateCommittee =
  (services: Services, runCommittee: CommitteeRunner) =>
  async (state: State, nodeConfig?: LangGraphRunnableConfig): Promise<Update> => {
    const started = performance.now();
    const config = runConfigOf(state);
    const annotator = config.annotator;
    if (annotator.kind !== "committee") throw new Error(`annotateCommittee ran for a ${annotator.kind} annotator`);
    const workspace = await services.workspace(config);
    const wave = state.batch.slice(0, annotator.itemsPerWave);
    const left = remainingUsd(config, state.ledger);
    const committee = await runCommittee(
      {
        config,
        round: state.round,
        items: wave.map((id) => ({ id, text: workspace.textOf(id) })),
        labels: config.committee.members.some((member) => member.kind === "model") ? state.labels : [],
        generated: state.generated,
        itemsPerCall: annotator.itemsPerCall,
        budgetUsd: Number.isFinite(left) ? left : null,
      },
      nodeConfig,
    );
    // What the wave cost, as the spend journal has it: every member's calls, kills included.
    const ledger = bookedSpend(services, config, nodeConfig, cachedCallsOf(committee.spend));
    const costUsd = ledger.reduce((sum, entry) => sum + entry.usd, 0) / Math.max(1, wave.length);
    const review = annotator.review;
    const routed = routeMachineAnswers(
      committee.verdicts.map((verdict) => ({
        id: verdict.id,
        label: verdict.label,
        confidence: verdict.agreement,
        confidenceMethod: "committee" as const,
        model: "committee",
        costUsd,
        rationales: [...(state.queryNotes[verdict.id] ?? []), ...verdict.rationales],
      })),
      { review, seed: config.seed, round: state.round, textOf: (id) => workspace.textOf(id) },
    );
    const decided = new Set(committee.verdicts.map((verdict) => verdict.id));
    const unvoted = wave.filter((id) => !decided.has(id));
    const failed: FailedItem[] = unvoted.map((id) => ({
      id,
      round: state.round,
      annotator: "committee",
      reason:
        committee.failures
          .filter((failure) => failure.id === id)
          .map((failure) => `${failure.member}: ${failure.reason}`)
          .join("; ") || "no member voted",
    }));
    if (review?.onFailure === "human") for (const id of unvoted) routed.toHumans.push({ id, text: workspace.textOf(id), reason: "llm-failed" });
    const unpaid = committee.failures.filter((failure) => failure.reason === "over the committee's budget").length;
    return machineWaveUpdate({ ...routed, failed, unpaid, rest: state.batch.slice(wave.length), ledger, startedMs: started });
  };
