import { z } from "zod";
import type { QueryMethod, StrategyNeed } from "./types.js";

/**
 * The class-coverage guard of the methods that pick without looking at the model. A cold-start or
 * diversity method (ProbCover, TypiClust, CoreSet, k-means centroids) covers the pool's dense
 * regions, which need not hold every class: on a long-text sentiment set ProbCover labeled 129
 * positive and 21 negative reviews in its first 150 labels, the model predicted one class for
 * eight rounds, and the run learned nothing (AUC 52.9 against random sampling's 75.8). The guard
 * watches for that collapse (the model predicting one class for nearly every unlabeled item) and
 * gives the round to the model's uncertainty (`fallback`, margin sampling by default): its picks
 * sit on the boundary the model lacks, where the missing class is, and once the model separates
 * the classes again the method has its rounds back.
 */
export const ClassCoverageSchema = z
  .object({
    enabled: z.boolean().default(true),
    /** The model has collapsed when it predicts one class for at least this share of the unlabeled items. */
    maxPredictedShare: z.number().min(0.5).max(1).default(0.9),
  })
  .strict()
  .prefault({});
export type ClassCoverage = z.infer<typeof ClassCoverageSchema>;

/** The method a collapsed round runs instead: uncertainty, the one that reads the model. */
export const COVERAGE_FALLBACK = "margin";

const MODEL_NEEDS: readonly StrategyNeed[] = ["probs", "memberProbs", "llm", "votes"];

/** Whether the guard watches a method: one that picks by the pool alone (random sampling excepted, the baseline). */
export function isGuarded(method: QueryMethod): boolean {
  return method.name !== "random" && method.needs.every((need) => !MODEL_NEEDS.includes(need));
}

/** The share of `candidates` the model assigns to each class (by its most probable class). */
export function predictedShares(probs: Float32Array, numClasses: number, candidates: Uint32Array): Float64Array {
  const shares = new Float64Array(numClasses);
  for (const i of candidates) {
    let best = 0;
    for (let k = 1; k < numClasses; k++) if (probs[i * numClasses + k] > probs[i * numClasses + best]) best = k;
    shares[best]++;
  }
  for (let k = 0; k < numClasses; k++) shares[k] /= Math.max(1, candidates.length);
  return shares;
}

/** Whether the model predicts one class for at least `maxPredictedShare` of the candidates. */
export function coverageCollapsed(probs: Float32Array, numClasses: number, candidates: Uint32Array, settings: ClassCoverage): boolean {
  return Math.max(...predictedShares(probs, numClasses, candidates)) >= settings.maxPredictedShare;
}
