import { maxLabels, maxRounds, maxUsd, noProgress, poolExhausted } from "./budget.js";
import type { StoppingConfig } from "./config.js";
import type { CriterionDefinition } from "./criterion.js";
import { LEARNING_CRITERIA } from "./registry.js";
import type { StopContext, StopReason, StoppingCriterion } from "./types.js";

/** Any part of a stopping config: `combine` is "any" when left out. */
export type StoppingRules = Partial<StoppingConfig>;

/** The stops that always apply, whatever the learning criteria say: the budget, then the pool. */
export function hardCriteriaFor(config: StoppingRules): StoppingCriterion[] {
  const criteria: StoppingCriterion[] = [];
  if (config.maxLabels !== undefined) criteria.push(maxLabels(config.maxLabels));
  if (config.maxUsd !== undefined) criteria.push(maxUsd(config.maxUsd));
  if (config.maxRounds !== undefined) criteria.push(maxRounds(config.maxRounds));
  criteria.push(poolExhausted, noProgress);
  return criteria;
}

/** The learning criteria a config sets, in registry order. */
export function learningCriteriaFor(config: StoppingRules): StoppingCriterion[] {
  return (LEARNING_CRITERIA as readonly CriterionDefinition[]).flatMap((criterion) => {
    const settings = (config as Record<string, unknown>)[criterion.name];
    return settings === undefined ? [] : [criterion.build(settings)];
  });
}

/**
 * The learning criteria as one: with "any", the first that fires; with "all", only when every one
 * fires in the same round, its reason naming them all (criterion "kappa+plateau").
 */
export function combineCriteria(criteria: readonly StoppingCriterion[], mode: "any" | "all"): StoppingCriterion {
  return (context) => {
    if (mode === "any") {
      for (const criterion of criteria) {
        const reason = criterion(context);
        if (reason) return reason;
      }
      return null;
    }
    const reasons = [];
    for (const criterion of criteria) {
      const reason = criterion(context);
      if (!reason) return null;
      reasons.push(reason);
    }
    if (reasons.length === 0) return null;
    return { criterion: reasons.map((r) => r.criterion).join("+"), message: reasons.map((r) => r.message).join("; and ") };
  };
}

/** The learning decision alone (no budget, no pool): what the benchmark replays against finished runs. */
export function learningStop(config: StoppingRules, context: StopContext): Omit<StopReason, "round"> | null {
  return combineCriteria(learningCriteriaFor(config), config.combine ?? "any")(context);
}

/** The hard stops first, then the combined learning criteria; stamped with the round, null to go on. */
export function decideStop(config: StoppingRules, context: StopContext): StopReason | null {
  const round = context.history.at(-1)?.round ?? 0;
  for (const criterion of hardCriteriaFor(config)) {
    const reason = criterion(context);
    if (reason) return { ...reason, round };
  }
  const reason = learningStop(config, context);
  return reason ? { ...reason, round } : null;
}
