import type { RunConfig } from "./config/runConfig.js";
import { labelCost } from "./costEstimate.js";
import type { RunResources } from "./workspace/workspace.js";

/**
 * What the next label may cost, at most: the human fee, or an LLM call's worst case shared by the
 * items of the call. Batches are cut and stops decided on this figure, so it errs high; the budget
 * itself is enforced per call.
 */
export function nextLabelCostUsd(config: RunConfig, run: RunResources): number {
  return labelCost(config, run).atMostUsd;
}
