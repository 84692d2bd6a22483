import type { CostAwareConfig } from "./config.js";
import { nextRoundGain } from "./learningCurve.js";
import { plateau } from "./plateau.js";
import type { StoppingCriterion } from "./types.js";

/**
 * The cost-aware hybrid, in the spirit of Pullar-Strecker, Dost, Frank & Wicker ("Hitting the
 * target: stopping active learning at the cost-based optimum", Machine Learning 2024) and Akins et
 * al.: the right moment to stop depends on what a point of accuracy is worth to the user, not on
 * the curve alone. Stop when the next round's expected gain per USD, extrapolated from the last
 * `window` rounds of the curve against money, falls below `minGainPerUsd`, and the plateau signal
 * (less than `minGain` over `patience` rounds) agrees: the extrapolation alone is fooled by one
 * lucky or unlucky round, the plateau alone ignores the price.
 */
export const costAware = (config: CostAwareConfig): StoppingCriterion => {
  const flat = plateau({ metric: config.metric, patience: config.patience, minGain: config.minGain });
  return (context) => {
    const { history } = context;
    if (history.length < config.window + 1) return null;
    const points = history.slice(-(config.window + 1)).map((round) => ({ usd: round.usd, value: round[config.metric] ?? Number.NaN }));
    const next = nextRoundGain(points);
    if (!next) return null;
    const perUsd = next.gain / next.costUsd;
    if (perUsd >= config.minGainPerUsd) return null;
    const plateaued = flat(context);
    if (!plateaued) return null;
    return {
      criterion: "costAware",
      message: `the next round would buy ${(100 * perUsd).toFixed(3)} ${config.metric} points per USD (${(100 * next.gain).toFixed(2)} for $${next.costUsd.toFixed(2)}), less than ${(100 * config.minGainPerUsd).toFixed(3)}; and ${plateaued.message}`,
    };
  };
};
