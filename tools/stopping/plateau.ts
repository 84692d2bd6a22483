import type { PlateauConfig } from "./config.js";
import type { StoppingCriterion } from "./types.js";

/**
 * Stops when the evaluation metric has not improved by at least `minGain` over the best value seen
 * before the last `patience` rounds (early stopping on a validation curve).
 */
export const plateau =
  ({ metric, patience, minGain }: PlateauConfig): StoppingCriterion =>
  ({ history }) => {
    if (history.length <= patience) return null;
    const values = history.map((round) => round[metric]);
    if (values.some((value) => value === null)) return null;
    const before = Math.max(...(values.slice(0, -patience) as number[]));
    const recent = Math.max(...(values.slice(-patience) as number[]));
    const gain = recent - before;
    return gain < minGain
      ? {
          criterion: "plateau",
          message: `${metric} gained ${(100 * gain).toFixed(2)} points in the last ${patience} rounds (less than ${(100 * minGain).toFixed(2)})`,
        }
      : null;
  };
