import { topK } from "./topK.js";
import type { QueryInput, QueryStrategy } from "./types.js";

/** Scores every unlabelled item from its probability row; higher is more informative. */
function byRowScore(score: (probs: Float32Array, offset: number, numClasses: number) => number): QueryStrategy {
  return async (input: QueryInput, k: number) => {
    const { probs, unlabeled, numClasses, rng } = input;
    if (!probs) throw new Error("uncertainty sampling needs the model's probabilities");
    const scores = new Float64Array(unlabeled.length);
    for (let i = 0; i < unlabeled.length; i++) scores[i] = score(probs, unlabeled[i] * numClasses, numClasses);
    return topK(scores, unlabeled, k, rng);
  };
}

/** 1 − max p of the row at `offset`. */
export function rowLeastConfidence(probs: Float32Array, offset: number, numClasses: number): number {
  let max = 0;
  for (let c = 0; c < numClasses; c++) if (probs[offset + c] > max) max = probs[offset + c];
  return 1 - max;
}

/** The gap between the two largest probabilities of the row at `offset`. */
export function rowMargin(probs: Float32Array, offset: number, numClasses: number): number {
  let first = -Infinity;
  let second = -Infinity;
  for (let c = 0; c < numClasses; c++) {
    const p = probs[offset + c];
    if (p > first) {
      second = first;
      first = p;
    } else if (p > second) second = p;
  }
  return first - second;
}

/** −Σ p log p of the row at `offset`, in nats. */
export function rowEntropy(probs: Float32Array, offset: number, numClasses: number): number {
  let sum = 0;
  for (let c = 0; c < numClasses; c++) {
    const p = probs[offset + c];
    if (p > 0) sum -= p * Math.log(p);
  }
  return sum;
}

/** Least confidence (Lewis & Gale 1994): 1 − max p. */
export const leastConfidence = byRowScore(rowLeastConfidence);

/** Margin (Scheffer et al. 2001): the smallest gap between the two most probable classes first. */
export const margin = byRowScore((probs, offset, numClasses) => -rowMargin(probs, offset, numClasses));

/** Entropy (Settles 2009, after Shannon): −Σ p log p. */
export const entropy = byRowScore(rowEntropy);
