import { z } from "zod";
import { defineCriterion } from "./criterion.js";
import type { RoundMetrics } from "../metrics/roundMetrics.js";
import type { StoppingCriterion } from "./types.js";
import { percent, spread, windowSetting } from "./window.js";

/** With LLM annotation: spot-check agreement has converged and the model's agreement with the LLM labels has settled. */
export const LlmAgreementConfigSchema = z
  .object({
    window: windowSetting(3),
    /** Both agreements must stay within this band (absolute share) over the window. */
    tolerance: z.number().gt(0, "must be above 0 and at most 1").max(1, "must be above 0 and at most 1").default(0.02),
    /** Spot checks needed before the LLM–human agreement counts as measured. */
    minSpotChecks: z.number().int().min(1).default(30),
  })
  .strict();
export type LlmAgreementConfig = z.infer<typeof LlmAgreementConfigSchema>;

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

export const llmAgreementCriterion = defineCriterion({
  name: "llmAgreement",
  settings: LlmAgreementConfigSchema,
  build: llmAgreement,
  history: ({ window }) => ({ setting: "window", rounds: window }),
  check: ({ annotator }) =>
    (annotator.kind === "llm" || annotator.kind === "committee") && (annotator.review?.spotCheckRate ?? 0) > 0
      ? null
      : 'needs LLM labels with spot checks by people (annotator.kind "llm" and annotator.review.spotCheckRate above 0)',
  flags: [
    {
      flags: "--stop-llm-agreement <tol>",
      setting: "tolerance",
      description: "stop when LLM-human agreement on spot checks and the model's agreement with LLM labels settle within tol",
      parse: "decimal",
      turnsOn: true,
    },
  ],
  column: { head: "model–LLM %", cell: (s) => (s.llmAgreement === undefined ? "–" : (100 * s.llmAgreement).toFixed(1)) },
});
