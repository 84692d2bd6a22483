import { USD_EPSILON } from "../cost/ledger.js";
import type { StoppingCriterion } from "./types.js";

/** Stops once the label budget is used up. */
export const maxLabels =
  (limit: number): StoppingCriterion =>
  ({ labels }) =>
    labels >= limit ? { criterion: "maxLabels", message: `reached ${labels} labels (limit ${limit})` } : null;

/** Stops once the money left cannot pay for one more label. */
export const maxUsd =
  (limit: number): StoppingCriterion =>
  ({ ledger, labelCostUsd, budgetRefusedCall }) =>
    budgetRefusedCall || ledger.totalUsd + labelCostUsd > limit + USD_EPSILON
      ? {
          criterion: "maxUsd",
          message: `spent $${ledger.totalUsd.toFixed(4)} of $${limit.toFixed(2)}; the next ${budgetRefusedCall ? "call" : "label"} could cost more than what is left`,
        }
      : null;

/** Stops after this many query rounds (the initial batch is round 0). */
export const maxRounds =
  (limit: number): StoppingCriterion =>
  ({ history }) => {
    const round = history.at(-1)?.round ?? 0;
    return round >= limit ? { criterion: "maxRounds", message: `completed ${round} query rounds (limit ${limit})` } : null;
  };

/**
 * Stops when two rounds in a row added no label (every call failed, or nothing could be kept):
 * going on would only spend money on the same failure.
 */
export const noProgress: StoppingCriterion = ({ history }) => {
  if (history.length < 3) return null;
  const [a, b, c] = history.slice(-3).map((round) => round.labels);
  return a === b && b === c ? { criterion: "noProgress", message: `no label was added in the last two rounds (stuck at ${c})` } : null;
};

/** Stops when nothing is left to label. */
export const poolExhausted: StoppingCriterion = ({ unlabeled, canGenerate }) =>
  unlabeled === 0 && !canGenerate ? { criterion: "poolExhausted", message: "every pool item is labeled" } : null;
