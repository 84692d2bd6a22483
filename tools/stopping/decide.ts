import { maxLabels, maxRounds, maxUsd, noProgress, poolExhausted } from "./budget.js";
import type { StoppingConfig } from "./config.js";
import { plateau } from "./plateau.js";
import type { StopContext, StopReason, StoppingCriterion } from "./types.js";

/** The criteria a config asks for, budget first, then the pool, then the learning curve. */
export function criteriaFor(config: StoppingConfig): StoppingCriterion[] {
  const criteria: StoppingCriterion[] = [];
  if (config.maxLabels !== undefined) criteria.push(maxLabels(config.maxLabels));
  if (config.maxUsd !== undefined) criteria.push(maxUsd(config.maxUsd));
  if (config.maxRounds !== undefined) criteria.push(maxRounds(config.maxRounds));
  criteria.push(poolExhausted, noProgress);
  if (config.plateau !== undefined) criteria.push(plateau(config.plateau));
  return criteria;
}

/** The first criterion that fires, stamped with the round; null to go on. */
export function decideStop(config: StoppingConfig, context: StopContext): StopReason | null {
  for (const criterion of criteriaFor(config)) {
    const reason = criterion(context);
    if (reason) return { ...reason, round: context.history.at(-1)?.round ?? 0 };
  }
  return null;
}
