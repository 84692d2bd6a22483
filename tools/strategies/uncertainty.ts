import { rankedBy } from "./topK.js";
import type { QueryInput } from "./types.js";

/** Scores every candidate from its probability row; higher is more informative. */
function byRowScore(score: (probs: Float32Array, offset: number, numClasses: number) => number): (input: QueryInput) => Float64Array {
  return ({ probs, candidates, numClasses }: QueryInput) => {
    if (!probs) throw new Error("uncertainty sampling needs the model's probabilities");
    const scores = new Float64Array(candidates.length);
    for (let i = 0; i < candidates.length; i++) scores[i] = score(probs, candidates[i] * numClasses, numClasses);
    return scores;
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
export const leastConfidenceScores = byRowScore(rowLeastConfidence);
export const leastConfidence = rankedBy(leastConfidenceScores);

/** Margin (Scheffer et al. 2001): the smallest gap between the two most probable classes first. */
export const marginScores = byRowScore((probs, offset, numClasses) => -rowMargin(probs, offset, numClasses));
export const margin = rankedBy(marginScores);

/** Entropy (Settles 2009, after Shannon): −Σ p log p. */
export const entropyScores = byRowScore(rowEntropy);
export const entropy = rankedBy(entropyScores);
