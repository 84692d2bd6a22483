import type { UncertaintyConfig } from "./config.js";
import type { StoppingCriterion } from "./types.js";
import { lastSignals, percent } from "./window.js";

/**
 * Overall uncertainty (Zhu, Wang & Hovy, COLING 2008): stop when the model is sure enough about
 * what is left, the mean least-confidence uncertainty (1 − max p) over the unlabelled items of the
 * stop set below `threshold`. Uncertainty sampling picks the least certain items, so this falls
 * as the informative items get labelled. (small-text measures normalized entropy instead.)
 */
export const overallUncertainty =
  ({ threshold }: UncertaintyConfig): StoppingCriterion =>
  ({ history }) => {
    const [uncertainty] = lastSignals(history, "uncertainty", 1) ?? [];
    if (uncertainty === undefined || uncertainty >= threshold) return null;
    return {
      criterion: "uncertainty",
      message: `mean uncertainty over the unlabelled stop set is ${percent(uncertainty, 2)} (below ${percent(threshold, 2)})`,
    };
  };
