import type { LedgerEntry } from "../../tools/cost/ledger.js";
import { addSpend, emptySpend } from "../../tools/cost/spend.js";
import { annotateWithLlm } from "../../tools/llm/annotator.js";
import { memberName } from "../../tools/llm/committeeConfig.js";
import { fitBootstrapCommittee } from "../../tools/models/bootstrapCommittee.js";
import { rngFor } from "../../tools/random.js";
import type { LangGraphRunnableConfig } from "@langchain/langgraph";
import { taskBudget } from "../../runtime/llm/taskSpend.js";
import type { Services } from "../../runtime/services.js";
import type { CommitteeUpdate, MemberTask, Vote } from "../../graphs/committee/state.js";
import { taskInstructions } from "../../runtime/config/runConfig.js";

/**
 * One member votes on every item: an LLM member labels them (with its own model, temperature,
 * instructions, and chain of thought), a target-model member is a bootstrap resample of the labels.
 * Each vote is a class distribution: an LLM's confidence c on its label, and 1 − c spread evenly.
 */
export const vote =
  (services: Services) =>
  async (task: MemberTask, nodeConfig?: LangGraphRunnableConfig): Promise<CommitteeUpdate> => {
    const { config } = task;
    const member = config.committee.members[task.member];
    const name = memberName(member, task.member);
    const workspace = await services.workspace(config);
    const K = workspace.classes.length;
    if (member.kind === "model") {
      if (task.labels.length === 0)
        return { failures: task.items.map((item) => ({ member: name, id: item.id, reason: "a target-model member needs labels" })) };
      const { models } = workspace;
      const [model] = await fitBootstrapCommittee(
        await models.trainingSet(config, task.labels, task.generated),
        1,
        () => rngFor(config.seed, "committee-member", task.round, task.member),
        models.fitter(config),
      );
      const probs = await models.probabilities(
        config,
        model,
        await models.poolRowsAt(
          config,
          task.items.map((item) => workspace.pool.indexOf(item.id)),
        ),
      );
      const votes: Vote[] = task.items.map((item, i) => {
        const row = Array.from(probs.subarray(i * K, (i + 1) * K));
        const best = row.indexOf(Math.max(...row));
        return { member: name, id: item.id, label: workspace.classes[best], confidence: row[best], probs: row };
      });
      return { votes };
    }

    const client = services.llm(config, member.llm, workspace);
    const share = task.budgetUsd === null ? Number.POSITIVE_INFINITY : task.budgetUsd / config.committee.members.length;
    // Each member pays from its own share, less what its killed attempts spent (the spend journal).
    const guard = taskBudget(services, config, share, nodeConfig, name);
    const settings = {
      instructions: member.instructions ?? taskInstructions(config),
      labels: workspace.classes,
      labelDescriptions: config.task.labelDescriptions,
      confidence: "auto" as const,
      samples: 2,
      chainOfThought: member.chainOfThought,
    };
    const calls: Array<typeof task.items> = [];
    for (let i = 0; i < task.items.length; i += task.itemsPerCall) calls.push(task.items.slice(i, i + task.itemsPerCall));
    const outcomes = await Promise.all(calls.map((items) => annotateWithLlm(client, items, [], settings, guard)));
    const spend = outcomes.reduce((sum, outcome) => addSpend(sum, outcome.spend), emptySpend());
    const votes: Vote[] = outcomes.flatMap((outcome) =>
      outcome.answers.map((answer) => {
        // c on the label, the rest spread evenly over every class: the voted label stays the mode
        // even when a sampled answer came with a low confidence.
        const c = answer.confidence ?? 1;
        const k = workspace.classes.indexOf(answer.label);
        const probs = Array.from({ length: K }, (_, j) => (j === k ? c : 0) + (1 - c) / K);
        return {
          member: name,
          id: answer.id,
          label: answer.label,
          confidence: answer.confidence,
          probs,
          ...(answer.rationale ? { rationale: answer.rationale } : {}),
        };
      }),
    );
    const failures = outcomes.flatMap((outcome) => [
      ...outcome.failures.map((failure) => ({ member: name, id: failure.id, reason: failure.reason })),
      ...outcome.unpaid.map((id) => ({ member: name, id, reason: "over the committee's budget" })),
    ]);
    const entry: LedgerEntry = { kind: "llm", model: client.key, ...spend };
    return { votes, failures, spend: [entry] };
  };
