import { estimateRounds, initialBatchSize, labelBudget, validationSliceSize } from "../../runtime/budget.js";
import { usesSimulatedLlm, type RunConfig } from "../../runtime/config/runConfig.js";
import { generationRoundCost, labelCost, type CostRange } from "../../runtime/costEstimate.js";
import { createServices, type Services } from "../../runtime/services.js";
import { estimateLocalSeconds, type TimeEstimate } from "../../runtime/timeEstimate.js";

export interface RunPlan {
  readonly dataset: string;
  readonly poolSize: number;
  readonly classes: readonly string[];
  readonly hasTest: boolean;
  /** Rounds and labels the budget allows, the initial batch included (a learning criterion may stop sooner). */
  readonly rounds: number;
  readonly labels: number;
  /** Of those labels, the strategy bandit's validation slice (strategy "auto"): bought with the initial batch, never queried. */
  readonly validationLabels: number;
  readonly perLabel: CostRange;
  readonly generationRounds: number;
  readonly perGenerationRound: CostRange | null;
  readonly total: CostRange;
  readonly simulated: boolean;
  /** Local models' compute time, from a calibration call on this machine; null when every model is remote (or simulated). */
  readonly time: (TimeEstimate & { readonly totalSeconds: number }) | null;
}

/**
 * What a run will cost before it starts: labels and rounds from the budget, the cost of a label
 * (human fee, or LLM tokens priced from the pool's average text), generation rounds, and the total
 * expected and at most, and for local models the seconds they will compute (measured by one call
 * each on this machine). Loads the data, so it also checks the config against it.
 */
export async function planRun(config: RunConfig, services: Services = createServices()): Promise<RunPlan> {
  const workspace = await services.workspace(config);
  const perLabel = labelCost(config, workspace);
  const rounds = estimateRounds(config, workspace.pool.size, perLabel.atMostUsd);
  const labels = Math.min(labelBudget(config, workspace.pool.size, perLabel.atMostUsd), initialBatchSize(config) + (rounds - 1) * config.batchSize);
  const perGenerationRound = generationRoundCost(config, workspace);
  const generationRounds = config.generation ? Math.floor((rounds - 1) * config.generation.ratio) + (config.generation.coldStart ? 1 : 0) : 0;
  const generationUsd = (pick: keyof CostRange) => (perGenerationRound ? generationRounds * perGenerationRound[pick] : 0);
  const cap = config.stopping.maxUsd ?? Number.POSITIVE_INFINITY;
  const time = await estimateLocalSeconds(config, workspace, (llm) => services.llm(config, llm, workspace));
  return {
    dataset: workspace.name,
    poolSize: workspace.pool.size,
    classes: workspace.classes,
    hasTest: workspace.test !== null,
    rounds,
    labels,
    validationLabels: Math.min(labels, validationSliceSize(config)),
    perLabel,
    generationRounds,
    perGenerationRound,
    total: {
      expectedUsd: Math.min(cap, labels * perLabel.expectedUsd + generationUsd("expectedUsd")),
      atMostUsd: Math.min(cap, labels * perLabel.atMostUsd + generationUsd("atMostUsd")),
    },
    simulated: usesSimulatedLlm(config),
    time: time && { ...time, totalSeconds: labels * time.perLabelSeconds + generationRounds * (time.perGenerationRoundSeconds ?? 0) },
  };
}
