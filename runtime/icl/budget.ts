import type { Ledger } from "../../tools/cost/ledger.js";
import type { LlmClient } from "../../tools/llm/llmClient.js";
import { FEW_SHOT_REPLY_PREFIX, fewShotContinuation, fewShotPrompt } from "../../tools/llm/prompts/fewShotPrompt.js";
import { labelsAffordable } from "../budget.js";
import { taskInstructions } from "../config/runConfig.js";
import type { IclConfig } from "../config/iclConfig.js";
import { nextLabelCostUsd } from "../costEstimate.js";
import type { RunConfig } from "../config/runConfig.js";
import type { Workspace } from "../workspace/workspace.js";

/**
 * The most one few-shot call of the evaluation can cost: a prompt of k demonstrations and an input
 * of the pool's mean length, at the worst case of two bytes a token, scored (every label read) or
 * generated (maxTokens written). Local models cost nothing.
 */
export function fewShotCallUsd(config: IclConfig, loop: RunConfig, workspace: Workspace, client: LlmClient, method: "scored" | "generated"): number {
  const text = "x".repeat(Math.ceil(workspace.meanTextBytes));
  const turns = fewShotPrompt({
    instructions: taskInstructions(loop),
    labels: workspace.classes,
    labelDescriptions: config.task.labelDescriptions,
    demonstrations: Array.from({ length: config.k }, () => ({ text, label: workspace.classes[0] })),
    text,
  });
  if (method === "generated") return client.worstCaseUsd(turns);
  return client.worstCaseScoreUsd({
    kind: "continuations",
    turns,
    replyPrefix: FEW_SHOT_REPLY_PREFIX,
    continuations: workspace.classes.map(fewShotContinuation),
  });
}

/** USD the run may still spend (unlimited without `budget.maxUsd`). */
export function iclRemainingUsd(config: IclConfig, ledger: Ledger): number {
  return config.budget.maxUsd === undefined ? Number.POSITIVE_INFINITY : Math.max(0, config.budget.maxUsd - ledger.totalUsd);
}

/**
 * Labels the budget still buys: within `budget.maxLabels` (or the strategy's own need) and, in USD,
 * what is left once `reserveUsd` (the evaluation still to run) is set aside, at the most a label
 * can cost. The evaluation is paid for before any label: a run never buys labels it then cannot
 * evaluate.
 */
export function iclLabelCapacity(
  labelBudget: number,
  spent: { readonly labels: number; readonly ledger: Ledger; readonly reserveUsd: number; readonly config: IclConfig },
  loop: RunConfig,
  workspace: Workspace,
): number {
  const byCount = Math.max(0, labelBudget - spent.labels);
  const usd = iclRemainingUsd(spent.config, spent.ledger) - spent.reserveUsd;
  if (usd === Number.POSITIVE_INFINITY) return byCount;
  return Math.min(byCount, labelsAffordable(Math.max(0, usd), nextLabelCostUsd(loop, workspace)));
}
