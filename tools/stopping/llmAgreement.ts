import type { RoundMetrics } from "../metrics/roundMetrics.js";
import type { LlmAgreementConfig } from "./config.js";
import type { StoppingCriterion } from "./types.js";
import { percent, spread } from "./window.js";

/**
 * With LLM annotation, the labels are only as good as the LLM, so two things must have settled
 * before more labels are pointless: what people say about the LLM (agreement on the spot checks,
 * an unbiased sample of accepted LLM labels, over every check so far) and how well the model has
 * absorbed the LLM's labels (its agreement with them). Stop when at least `minSpotChecks` checks
 * were made and both stayed within `tolerance` over the last `window` rounds.
 */
export const llmAgreement =
  ({ window, tolerance, minSpotChecks }: LlmAgreementConfig): StoppingCriterion =>
  ({ history }) => {
    if (history.length < window + 1) return null;
    const spot = cumulativeSpotChecks(history);
    const checks = spot.at(-1)!.checks;
    if (checks < minSpotChecks) return null;
    const recent = spot.slice(-(window + 1));
    if (recent.some((point) => point.checks === 0)) return null;
    const humanRates = recent.map((point) => point.agreed / point.checks);
    const modelRates = history.slice(-(window + 1)).map((round) => round.stopSignals?.llmAgreement);
    if (modelRates.some((rate) => rate === undefined)) return null;
    const humanSpread = spread(humanRates);
    const modelSpread = spread(modelRates as number[]);
    if (humanSpread > tolerance || modelSpread > tolerance) return null;
    return {
      criterion: "llmAgreement",
      message: `LLM–human agreement on ${checks} spot checks has converged at ${percent(humanRates.at(-1)!)} (moved ${percent(humanSpread)} in ${window} round(s)) and the model agrees with ${percent(modelRates.at(-1)!)} of the LLM labels (moved ${percent(modelSpread)}); tolerance ${percent(tolerance)}`,
    };
  };

/** Spot checks and agreements so far, after each round. */
function cumulativeSpotChecks(history: readonly RoundMetrics[]): Array<{ checks: number; agreed: number }> {
  let checks = 0;
  let agreed = 0;
  return history.map((round) => {
    checks += round.counters?.spotChecks ?? 0;
    agreed += round.counters?.spotCheckAgreed ?? 0;
    return { checks, agreed };
  });
}
