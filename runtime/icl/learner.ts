import type { Spend } from "../../tools/cost/spend.js";
import type { BudgetGuard } from "../../tools/llm/budgetGuard.js";
import { InContextLearner } from "../../tools/llm/inContextLearner.js";
import type { IclConfig } from "../config/iclConfig.js";
import { type RunConfig, taskInstructions } from "../config/runConfig.js";
import type { Services } from "../services.js";
import type { Workspace } from "../workspace/workspace.js";

/** The run's in-context learner (its `learner` LLM, through the services' client and cache), paying through `guard` into `spend`. */
export function inContextLearner(
  services: Services,
  config: IclConfig,
  loop: RunConfig,
  workspace: Workspace,
  guard: BudgetGuard,
  spend: Spend,
): InContextLearner {
  return new InContextLearner(
    services.llm(loop, config.learner, workspace),
    { instructions: taskInstructions(loop), labels: workspace.classes, labelDescriptions: config.task.labelDescriptions, inference: config.inference },
    guard,
    spend,
  );
}
