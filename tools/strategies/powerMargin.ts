import { topK } from "./topK.js";
import type { QueryInput } from "./types.js";
import { rowMargin } from "./uncertainty.js";

/** The paper's β: sampling in proportion to the score itself. */
const BETA = 1;

/**
 * Power margin sampling (Kirsch, Farquhar, Atighehchian, Jesson, Branchaud-Charron & Gal,
 * "Stochastic Batch Acquisition: A Simple Baseline for Deep Active Learning", TMLR 2023): draw the
 * batch without replacement with probability ∝ (1 − margin)^β instead of taking the top k. The
 * top-k batch piles onto one stretch of the boundary, because neighbours of an uncertain item are
 * uncertain too and one round's scores ignore what the batch already holds; sampling spreads the
 * batch at the cost of one pass, with no vectors. The draw is the Gumbel-top-k trick: the k largest
 * of β·log(score) + Gumbel noise are a sample without replacement from the powered scores.
 */
export async function powerMargin(input: QueryInput, k: number): Promise<Uint32Array> {
  const { probs, candidates, numClasses, rng } = input;
  const keys = new Float64Array(candidates.length);
  for (let i = 0; i < candidates.length; i++) {
    const score = 1 - rowMargin(probs!, candidates[i] * numClasses, numClasses);
    const gumbel = -Math.log(-Math.log(rng.next() || Number.MIN_VALUE));
    keys[i] = BETA * Math.log(Math.max(score, Number.MIN_VALUE)) + gumbel;
  }
  return topK(keys, candidates, k, rng);
}
