import { biasAuditRounds, estimateRounds, initialBatchSize, labelBudget, validationSliceSize } from "../../runtime/budget.js";
import { usesSimulatedLlm, type RunConfig } from "../../runtime/config/runConfig.js";
import { biasAuditCost, generationRoundCost, labelCost, type CostRange } from "../../runtime/costEstimate.js";
import { createServices, type Services } from "../../runtime/services.js";
import { estimateLocalSeconds, type TimeEstimate } from "../../runtime/timeEstimate.js";

export interface RunPlan {
  readonly dataset: string;
  readonly poolSize: number;
  readonly classes: readonly string[];
  readonly hasTest: boolean;
  /** Rounds and labels the budget allows, the initial batch and bias audits included (a learning criterion may stop sooner). */
  readonly rounds: number;
  readonly labels: number;
  /** Of those labels, the strategy bandit's validation slice (strategy "auto"): bought with the initial batch, never queried. */
  readonly validationLabels: number;
  readonly perLabel: CostRange;
  readonly generationRounds: number;
  readonly perGenerationRound: CostRange | null;
  /** Bias discovery (CAL): the audits the rounds make, and all of them together (at most with every audit's `maxRelabel` relabels). */
  readonly biasAudits: number;
  readonly biasAudit: CostRange | null;
  readonly total: CostRange;
  readonly simulated: boolean;
  /** Local models' compute time, from a calibration call on this machine; null when every model is remote (or simulated). */
  readonly time: (TimeEstimate & { readonly totalSeconds: number }) | null;
}

/**
 * What a run will cost before it starts: labels and rounds from the budget, the cost of a label
 * (human fee, or LLM tokens priced from the pool's average text), generation rounds, bias audits, and the total
 * expected and at most, and for local models the seconds they will compute (measured by one call
 * each on this machine). Loads the data, so it also checks the config against it.
 */
export async function planRun(config: RunConfig, services: Services = createServices()): Promise<RunPlan> {
  const workspace = await services.workspace(config);
  const perLabel = labelCost(config, workspace);
  const rounds = estimateRounds(config, workspace.pool.size, perLabel.atMostUsd);
  // Bias audits (CAL) are rounds without new items: more rounds, or fewer query rounds under maxRounds.
  const audits = config.biasAudit ? biasAuditRounds(config, rounds, config.biasAudit.every) : { audits: 0, rounds, queryRounds: rounds - 1 };
  const labels = Math.min(labelBudget(config, workspace.pool.size, perLabel.atMostUsd), initialBatchSize(config) + audits.queryRounds * config.batchSize);
  const perGenerationRound = generationRoundCost(config, workspace);
  const generationRounds = config.generation ? Math.floor((rounds - 1) * config.generation.ratio) + (config.generation.coldStart ? 1 : 0) : 0;
  const generationUsd = (pick: keyof CostRange) => (perGenerationRound ? generationRounds * perGenerationRound[pick] : 0);
  const perAudit = biasAuditCost(config, workspace);
  const biasAudit = perAudit && { expectedUsd: audits.audits * perAudit.expectedUsd, atMostUsd: audits.audits * perAudit.atMostUsd };
  const cap = config.stopping.maxUsd ?? Number.POSITIVE_INFINITY;
  const time = await estimateLocalSeconds(config, workspace, (llm) => services.llm(config, llm, workspace));
  return {
    dataset: workspace.name,
    poolSize: workspace.pool.size,
    classes: workspace.classes,
    hasTest: workspace.test !== null,
    rounds: audits.rounds,
    labels,
    validationLabels: Math.min(labels, validationSliceSize(config)),
    perLabel,
    generationRounds,
    perGenerationRound,
    biasAudits: audits.audits,
    biasAudit,
    total: {
      expectedUsd: Math.min(cap, labels * perLabel.expectedUsd + generationUsd("expectedUsd") + (biasAudit?.expectedUsd ?? 0)),
      atMostUsd: Math.min(cap, labels * perLabel.atMostUsd + generationUsd("atMostUsd") + (biasAudit?.atMostUsd ?? 0)),
    },
    simulated: usesSimulatedLlm(config),
    time: time && { ...time, totalSeconds: labels * time.perLabelSeconds + generationRounds * (time.perGenerationRoundSeconds ?? 0) },
  };
}
