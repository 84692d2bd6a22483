import { USD_EPSILON, type Ledger } from "../tools/cost/ledger.js";
import type { StoppingConfig } from "../tools/stopping/config.js";
import type { RoundBound } from "../tools/stopping/historyNeeded.js";
import { DEFAULT_BANDIT } from "../tools/bandit/config.js";

/**
 * The one place where dollars become labels and rounds. Budgets are checked before every call;
 * these figures cut batches to fit, bound a run's history and size progress bars and plans.
 */

/** The parts of a run config a budget reads. */
export interface BudgetedRun {
  readonly stopping: Pick<StoppingConfig, "maxLabels" | "maxUsd" | "maxRounds">;
  readonly batchSize: number;
  readonly initial: { readonly size: number; readonly ids?: readonly string[] };
  /** Strategy "auto" labels the bandit's validation slice with the initial batch (unless generation starts the run). */
  readonly strategy?: string;
  readonly bandit?: { readonly validationSize: number };
  readonly generation?: { readonly coldStart?: boolean };
}

/** The strategy bandit's validation slice, labeled with the initial batch and paid from the same budget; 0 without strategy "auto". */
export function validationSliceSize(run: Pick<BudgetedRun, "strategy" | "bandit" | "generation">): number {
  if (run.strategy !== "auto" || run.generation?.coldStart) return 0;
  return (run.bandit ?? DEFAULT_BANDIT).validationSize;
}

/** How many items the initial batch asks for at most: the seed set or the cold-start size, and the bandit's validation slice. */
export function initialBatchSize(run: Pick<BudgetedRun, "initial" | "strategy" | "bandit" | "generation">): number {
  return (run.initial.ids?.length ?? run.initial.size) + validationSliceSize(run);
}

/** Whole labels `usd` pays for at `perLabelUsd` each; float rounding never costs a label ($0.30 buys three $0.10 labels). */
export function labelsAffordable(usd: number, perLabelUsd: number): number {
  if (perLabelUsd <= 0) return Number.POSITIVE_INFINITY;
  return Math.max(0, Math.floor(usd / perLabelUsd + USD_EPSILON));
}

/** Money the run may still spend: the USD budget minus the ledger, or unlimited without one. */
export function remainingUsd(run: Pick<BudgetedRun, "stopping">, ledger: Ledger): number {
  return run.stopping.maxUsd === undefined ? Number.POSITIVE_INFINITY : Math.max(0, run.stopping.maxUsd - ledger.totalUsd);
}

/**
 * How many labels the budget still allows, so that a batch is cut to fit before anyone is paid:
 * the budget is never exceeded, not merely noticed after the fact.
 */
export function labelCapacity(
  run: Pick<BudgetedRun, "stopping">,
  spent: { readonly labels: number; readonly ledger: Ledger; readonly labelCostUsd: number },
): number {
  let capacity = Number.POSITIVE_INFINITY;
  if (run.stopping.maxLabels !== undefined) capacity = Math.min(capacity, run.stopping.maxLabels - spent.labels);
  if (run.stopping.maxUsd !== undefined) capacity = Math.min(capacity, labelsAffordable(run.stopping.maxUsd - spent.ledger.totalUsd, spent.labelCostUsd));
  return Math.max(0, capacity);
}

/** The query rounds `labels` labels make after the initial batch; `what` says where the number comes from. */
export function roundsForLabels(labels: number, initialSize: number, batchSize: number, what: string): RoundBound {
  return {
    rounds: Math.max(0, Math.ceil((labels - initialSize) / batchSize)),
    because: `${what} leaves room for ${Math.max(0, labels - initialSize)} labels after the initial ${initialSize}, in batches of ${batchSize}`,
  };
}

/**
 * The query rounds the budget allows, when the config alone says: `maxRounds`, or the labels that
 * `maxLabels` (or `maxUsd` at a known fee per label) leaves after the initial batch.
 */
export function budgetRounds(run: BudgetedRun, feeUsd: number | null): RoundBound | null {
  const { stopping, batchSize } = run;
  const initialSize = initialBatchSize(run);
  const bounds: RoundBound[] = [];
  if (stopping.maxRounds !== undefined) bounds.push({ rounds: stopping.maxRounds, because: `stopping.maxRounds is ${stopping.maxRounds}` });
  const byLabels = (labels: number, what: string) => roundsForLabels(labels, initialSize, batchSize, what);
  if (stopping.maxLabels !== undefined) bounds.push(byLabels(stopping.maxLabels, `stopping.maxLabels ${stopping.maxLabels}`));
  if (stopping.maxUsd !== undefined && feeUsd !== null && feeUsd > 0) {
    bounds.push(byLabels(labelsAffordable(stopping.maxUsd, feeUsd), `stopping.maxUsd $${stopping.maxUsd} at $${feeUsd} a label`));
  }
  return bounds.length === 0 ? null : bounds.reduce((a, b) => (b.rounds < a.rounds ? b : a));
}

/** The most labels a run can buy: the pool, maxLabels, and maxUsd at `labelCostUsd` a label. */
export function labelBudget(run: Pick<BudgetedRun, "stopping">, poolSize: number, labelCostUsd: number): number {
  let labels = poolSize;
  if (run.stopping.maxLabels !== undefined) labels = Math.min(labels, run.stopping.maxLabels);
  if (run.stopping.maxUsd !== undefined) labels = Math.min(labels, labelsAffordable(run.stopping.maxUsd, labelCostUsd));
  return labels;
}

/**
 * How many rounds (the initial batch included) a run will take at most, from its budget, the cost
 * of a label and the pool size; a learning criterion may end it sooner. For progress bars and plans.
 */
export function estimateRounds(run: BudgetedRun, poolSize: number, labelCostUsd: number): number {
  const labels = labelBudget(run, poolSize, labelCostUsd);
  const first = Math.min(initialBatchSize(run), labels);
  let rounds = 1 + Math.ceil(Math.max(0, labels - first) / run.batchSize);
  if (run.stopping.maxRounds !== undefined) rounds = Math.min(rounds, run.stopping.maxRounds + 1);
  return rounds;
}

/**
 * The bias audits a run of `rounds` rounds (the initial batch included, as estimateRounds counts
 * them) makes, its rounds with them, and the query rounds left to buy labels: an audit takes the
 * query step after every `every` query rounds. When maxRounds bounds the run, audits take query
 * steps from those rounds; else the query rounds buy the labels, and each audit is a round more
 * between them (never after the last: the labels are bought by then and the run stops).
 */
export function biasAuditRounds(run: Pick<BudgetedRun, "stopping">, rounds: number, every: number): { audits: number; rounds: number; queryRounds: number } {
  const querySteps = Math.max(0, rounds - 1);
  if (run.stopping.maxRounds !== undefined && querySteps >= run.stopping.maxRounds) {
    const audits = Math.floor(querySteps / (every + 1));
    return { audits, rounds, queryRounds: querySteps - audits };
  }
  const audits = querySteps > 0 ? Math.floor((querySteps - 1) / every) : 0;
  return { audits, rounds: rounds + audits, queryRounds: querySteps };
}
