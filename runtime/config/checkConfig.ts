import type { AnnotatorConfig } from "../../tools/annotators/config.js";
import type { FieldIssue } from "../../tools/errors.js";
import type { StoppingConfig } from "../../tools/stopping/config.js";
import { historyShortfalls } from "../../tools/stopping/historyNeeded.js";
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
  if (stopping.costAware && feeUsd === 0) {
    issues.push({ path: ["stopping", "costAware"], message: "labels are free here (annotator.feeUsd is 0): there is no gain per USD to weigh" });
  }
  if (stopping.llmAgreement && !((annotator.kind === "llm" || annotator.kind === "committee") && (annotator.review?.spotCheckRate ?? 0) > 0)) {
    issues.push({
      path: ["stopping", "llmAgreement"],
      message: 'needs LLM labels with spot checks by people (annotator.kind "llm" and annotator.review.spotCheckRate above 0)',
    });
  }
  issues.push(...historyShortfalls(stopping, budgetRounds(config, feeUsd)));
  return issues;
}
