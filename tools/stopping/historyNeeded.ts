import type { FieldIssue } from "../errors.js";
import type { StoppingConfig } from "./config.js";
import type { CriterionDefinition } from "./criterion.js";
import { LEARNING_CRITERIA } from "./registry.js";

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
  return (LEARNING_CRITERIA as readonly CriterionDefinition[]).flatMap((criterion) => {
    const settings = (stopping as Record<string, unknown>)[criterion.name];
    if (settings === undefined || !criterion.history) return [];
    const { setting, rounds } = criterion.history(settings);
    return [{ path: ["stopping", criterion.name, setting], rounds }];
  });
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
