import { z } from "zod";
import { EVAL_METRICS } from "../metrics/roundMetrics.js";
import { defineCriterion } from "./criterion.js";
import { windowSetting } from "./window.js";
import { nextRoundGain } from "./learningCurve.js";
import { plateau } from "./plateau.js";
import type { StoppingCriterion } from "./types.js";

/**
 * The cost-aware hybrid: the next round must be worth its price, and the curve must have flattened.
 * `minGainPerUsd` is the user's price of progress: 0.002 stops once a dollar buys less than a fifth
 * of a point (a point is worth less than $5 to you).
 */
export const CostAwareConfigSchema = z
  .object({
    minGainPerUsd: z.number().positive("must be above 0 (metric gain per USD, e.g. 0.002 = 0.2 points per dollar)"),
    metric: z.enum(EVAL_METRICS).default("accuracy"),
    /**
     * Recent rounds the learning curve is extrapolated from: 10, because accuracy on a test split
     * moves by a point from round to round, and a fit through 3 rounds follows that noise.
     */
    window: windowSetting(10),
    /** The plateau signal that must agree: less than `minGain` over the last `patience` rounds. */
    patience: z.number().int().min(1, "must be at least 1 round").default(2),
    minGain: z.number().min(0).max(1).default(0.005),
  })
  .strict();
export type CostAwareConfig = z.infer<typeof CostAwareConfigSchema>;

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

export const costAwareCriterion = defineCriterion({
  name: "costAware",
  settings: CostAwareConfigSchema,
  build: costAware,
  history: ({ window, patience }) => (window >= patience ? { setting: "window", rounds: window } : { setting: "patience", rounds: patience }),
  needs: { testSplit: true, paidLabels: true },
  flags: [
    {
      flags: "--stop-gain-per-usd <g>",
      setting: "minGainPerUsd",
      description: "stop when the next round would buy less than g accuracy per USD (0.002 = 0.2 points per $) and the curve has flattened",
      parse: "decimal",
      turnsOn: true,
    },
  ],
});
