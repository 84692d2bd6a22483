import { generationRoundCost, labelCost, type CostRange } from "../../runtime/costEstimate.js";
import { resolveRun } from "../../runtime/workspace/workspace.js";
import { initialBatchSize, usesSimulatedLlm, type RunConfig } from "../../runtime/config/runConfig.js";
import { estimateRounds } from "../../runtime/estimateRounds.js";

export interface RunPlan {
  readonly dataset: string;
  readonly poolSize: number;
  readonly classes: readonly string[];
  readonly hasTest: boolean;
  /** Rounds and labels the budget allows, the initial batch included (a learning criterion may stop sooner). */
  readonly rounds: number;
  readonly labels: number;
  readonly perLabel: CostRange;
  readonly generationRounds: number;
  readonly perGenerationRound: CostRange | null;
  readonly total: CostRange;
  readonly simulated: boolean;
}

/**
 * What a run will cost before it starts: labels and rounds from the budget, the cost of a label
 * (human fee, or LLM tokens priced from the pool's average text), generation rounds, and the total
 * expected and at most. Loads the data, so it also checks the config against it.
 */
export async function planRun(config: RunConfig): Promise<RunPlan> {
  const run = await resolveRun(config);
  const perLabel = labelCost(config, run);
  const rounds = estimateRounds(config, run.pool.size, perLabel.atMostUsd);
  const labels = Math.min(
    run.pool.size,
    initialBatchSize(config) + (rounds - 1) * config.batchSize,
    config.stopping.maxLabels ?? Number.POSITIVE_INFINITY,
    config.stopping.maxUsd !== undefined && perLabel.atMostUsd > 0 ? Math.floor(config.stopping.maxUsd / perLabel.atMostUsd) : Number.POSITIVE_INFINITY,
  );
  const perGenerationRound = generationRoundCost(config, run);
  const generationRounds = config.generation ? Math.floor((rounds - 1) * config.generation.ratio) + (config.generation.coldStart ? 1 : 0) : 0;
  const generationUsd = (pick: keyof CostRange) => (perGenerationRound ? generationRounds * perGenerationRound[pick] : 0);
  const cap = config.stopping.maxUsd ?? Number.POSITIVE_INFINITY;
  return {
    dataset: run.datasetName,
    poolSize: run.pool.size,
    classes: run.labels,
    hasTest: run.test !== null,
    rounds,
    labels,
    perLabel,
    generationRounds,
    perGenerationRound,
    total: {
      expectedUsd: Math.min(cap, labels * perLabel.expectedUsd + generationUsd("expectedUsd")),
      atMostUsd: Math.min(cap, labels * perLabel.atMostUsd + generationUsd("atMostUsd")),
    },
    simulated: usesSimulatedLlm(config),
  };
}
