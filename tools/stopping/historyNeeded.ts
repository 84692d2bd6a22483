import type { FieldIssue } from "../errors.js";
import type { StoppingConfig } from "./config.js";

/** How many query rounds a run can have at most, and what says so. */
export interface RoundBound {
  readonly rounds: number;
  readonly because: string;
}

/**
 * Query rounds of history each learning criterion set needs before it can fire: kappa, change and
 * ΔF compare a round with the one before (none in round 0), a plateau needs `patience` rounds after
 * the best, the cost-aware fit `window` steps of the curve. Overall uncertainty needs none.
 */
export function historyNeeded(stopping: Partial<StoppingConfig>): Array<{ path: string[]; rounds: number }> {
  const needs: Array<{ path: string[]; rounds: number }> = [];
  if (stopping.plateau) needs.push({ path: ["stopping", "plateau", "patience"], rounds: stopping.plateau.patience });
  if (stopping.costAware) {
    const { window, patience } = stopping.costAware;
    needs.push(window >= patience ? { path: ["stopping", "costAware", "window"], rounds: window } : { path: ["stopping", "costAware", "patience"], rounds: patience });
  }
  for (const name of ["kappa", "change", "deltaF", "llmAgreement"] as const) {
    const settings = stopping[name];
    if (settings) needs.push({ path: ["stopping", name, "window"], rounds: settings.window });
  }
  return needs;
}

/**
 * The query rounds the budget allows, when the config alone says: `maxRounds`, or the labels that
 * `maxLabels` (or `maxUsd` at a known fee per label) leaves after the initial batch.
 */
export function budgetRounds(stopping: Partial<StoppingConfig>, initialSize: number, batchSize: number, feeUsd: number | null): RoundBound | null {
  const bounds: RoundBound[] = [];
  if (stopping.maxRounds !== undefined) bounds.push({ rounds: stopping.maxRounds, because: `stopping.maxRounds is ${stopping.maxRounds}` });
  const byLabels = (labels: number, what: string) => roundsForLabels(labels, initialSize, batchSize, what);
  if (stopping.maxLabels !== undefined) bounds.push(byLabels(stopping.maxLabels, `stopping.maxLabels ${stopping.maxLabels}`));
  if (stopping.maxUsd !== undefined && feeUsd !== null && feeUsd > 0) {
    bounds.push(byLabels(Math.floor(stopping.maxUsd / feeUsd + 1e-9), `stopping.maxUsd $${stopping.maxUsd} at $${feeUsd} a label`));
  }
  return bounds.length === 0 ? null : bounds.reduce((a, b) => (b.rounds < a.rounds ? b : a));
}

/** The query rounds `labels` labels make after the initial batch; `what` says where the number comes from. */
export function roundsForLabels(labels: number, initialSize: number, batchSize: number, what: string): RoundBound {
  return {
    rounds: Math.max(0, Math.ceil((labels - initialSize) / batchSize)),
    because: `${what} leaves room for ${Math.max(0, labels - initialSize)} labels after the initial ${initialSize}, in batches of ${batchSize}`,
  };
}

/** A criterion whose window is longer than any history the run can have: it could never fire. */
export function historyShortfalls(stopping: Partial<StoppingConfig>, bound: RoundBound | null): FieldIssue[] {
  if (!bound) return [];
  return historyNeeded(stopping)
    .filter((need) => need.rounds > bound.rounds)
    .map((need) => ({
      path: need.path,
      message: `needs ${need.rounds} query rounds of history, but the run has at most ${bound.rounds} (${bound.because})`,
    }));
}
