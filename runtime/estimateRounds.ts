import { initialBatchSize, type RunConfig } from "./config/runConfig.js";

/**
 * How many rounds (the initial batch included) a run will take at most, from its budget, the cost
 * of a label and the pool size; a learning criterion may end it sooner. For progress bars and plans.
 */
export function estimateRounds(config: RunConfig, poolSize: number, labelCostUsd: number): number {
  const { stopping, batchSize } = config;
  let maxLabels = poolSize;
  if (stopping.maxLabels !== undefined) maxLabels = Math.min(maxLabels, stopping.maxLabels);
  if (stopping.maxUsd !== undefined && labelCostUsd > 0) maxLabels = Math.min(maxLabels, Math.floor(stopping.maxUsd / labelCostUsd + 1e-9));
  const first = Math.min(initialBatchSize(config), maxLabels);
  let rounds = 1 + Math.ceil(Math.max(0, maxLabels - first) / batchSize);
  if (stopping.maxRounds !== undefined) rounds = Math.min(rounds, stopping.maxRounds + 1);
  return rounds;
}
