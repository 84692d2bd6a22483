import type { AnnotatorConfig } from "../../tools/annotators/config.js";
import type { FieldIssue } from "../../tools/errors.js";
import type { StoppingConfig } from "../../tools/stopping/config.js";
import type { CriterionDefinition } from "../../tools/stopping/criterion.js";
import { historyShortfalls } from "../../tools/stopping/historyNeeded.js";
import { LEARNING_CRITERIA } from "../../tools/stopping/registry.js";
import { budgetRounds } from "../budget.js";

/** The parts of a run config the stopping rules depend on. */
export interface StoppingContextConfig {
  readonly stopping: StoppingConfig;
  readonly annotator: AnnotatorConfig;
  readonly batchSize: number;
  readonly initial: { readonly size: number; readonly ids?: readonly string[] };
}

/**
 * Stopping rules that cannot work with the rest of the config, refused before any round runs: a
 * window longer than the budget's history, a cost-aware stop on free labels, an LLM-agreement stop
 * without LLM labels and spot checks.
 */
export function stoppingIssues(config: StoppingContextConfig): FieldIssue[] {
  const { stopping, annotator } = config;
  const issues: FieldIssue[] = [];
  // LLM and committee labels cost what their tokens cost, known only once the data is loaded.
  const feeUsd = annotator.kind === "oracle" || annotator.kind === "human" ? annotator.feeUsd : null;
  for (const criterion of LEARNING_CRITERIA as readonly CriterionDefinition[]) {
    if ((stopping as Record<string, unknown>)[criterion.name] === undefined) continue;
    const path = ["stopping", criterion.name];
    if (criterion.needs?.paidLabels && feeUsd === 0)
      issues.push({ path, message: "labels are free here (annotator.feeUsd is 0): there is no gain per USD to weigh" });
    const problem = criterion.check?.(config);
    if (problem) issues.push({ path, message: problem });
  }
  issues.push(...historyShortfalls(stopping, budgetRounds(config, feeUsd)));
  return issues;
}
