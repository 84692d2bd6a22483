import { ConfigError } from "../errors.js";
import { gatherRows } from "../linalg/dense.js";
import { topSimilar } from "../linalg/nearest.js";
import { topK } from "./topK.js";
import type { QueryInput } from "./types.js";

/** Labeled neighbours compared with each candidate (the paper's k). */
export const CONTRASTIVE_NEIGHBORS = 10;

/**
 * Contrastive active learning (Margatina et al., EMNLP 2021, who call it CAL; here `contrastive`,
 * since the survey's CAL is another method, bias discovery): ask about the items whose
 * prediction differs most from the predictions for their nearest labeled neighbours, the mean of
 * KL(p(neighbour) ‖ p(item)). Such items sit next to labeled examples in the vector space yet on
 * the other side of the model's boundary: contrastive examples, which uncertainty alone misses when
 * the model is confidently wrong.
 *
 * The neighbours are found exactly, by brute force over the labeled set (|unlabeled| × |labeled|
 * inner products on the SIMD kernel), as the paper does with a k-NN classifier fitted on the
 * labeled embeddings: an index over the whole pool cannot be asked for the nearest *labeled* items.
 */
export function contrastiveScores({ candidates, labeled, probs, vectors, numClasses }: QueryInput): Float64Array {
  if (!probs) throw new ConfigError("contrastive needs the model's probabilities");
  if (!vectors) throw new ConfigError("contrastive needs pool vectors");
  if (!labeled || labeled.length === 0)
    throw new ConfigError("contrastive compares items with labeled neighbours and there are none yet: use it after the initial batch");
  const k = Math.min(CONTRASTIVE_NEIGHBORS, labeled.length);
  const neighbors = topSimilar(vectors, candidates, gatherRows(vectors, labeled), k);
  const K = numClasses;
  const scores = new Float64Array(candidates.length);
  for (let i = 0; i < candidates.length; i++) {
    const item = candidates[i] * K;
    let sum = 0;
    for (let j = 0; j < k; j++) {
      const neighbor = labeled[neighbors.indices[i * k + j]] * K;
      for (let c = 0; c < K; c++) {
        const p = probs[neighbor + c];
        // The item's probability is floored so a class the item rules out weighs a lot, not infinitely.
        if (p > 0) sum += p * Math.log(p / Math.max(probs[item + c], 1e-12));
      }
    }
    scores[i] = sum / k;
  }
  return scores;
}

export async function contrastive(input: QueryInput, k: number): Promise<Uint32Array> {
  return topK(contrastiveScores(input), input.candidates, k, input.rng);
}
