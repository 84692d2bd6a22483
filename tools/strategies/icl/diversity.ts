import { dotRows, rowCount, type Vectors } from "../../linalg/dense.js";
import { kmeansCentroids } from "../kmeansCentroids.js";
import type { IclStrategy } from "./types.js";

/**
 * Diversity: k demonstrations that cover the pool rather than crowd one corner of it, the same for
 * every test input. `kmeans` (default): the item nearest each of k k-means centroids of the pool
 * vectors (the diversity baseline of Margatina et al. 2023); `mmr`: maximal marginal relevance
 * (Carbonell & Goldstein 1998), each pick the item most similar to the test inputs' mean and least
 * similar to the picks so far, weighed by `lambda`.
 */
export const diversityIcl: IclStrategy = {
  name: "diversity",
  summary: "k-means centroids of the pool vectors (or MMR), the same demonstrations for every test input",
  reference: "Margatina et al. 2023 (k-means); Carbonell & Goldstein, SIGIR 1998 (MMR)",
  needs: ["vectors", "testVectors"],
  demonstrations: "chosen",
  defaultLabels: (k) => k,
  async next({ round, candidates, vectors, testVectors, labeled, target, capacity, rng, settings, numClasses }) {
    const wanted = Math.min(target - labeled.length, capacity, candidates.length);
    if (round > 0 || wanted <= 0) return new Uint32Array();
    if (!vectors || !testVectors) throw new Error("diversity needs pool and test vectors");
    if (settings.diversity.method === "kmeans") return kmeansCentroids({ candidates, vectors, rng, numClasses }, wanted);
    return maximalMarginalRelevance(vectors, candidates, meanDirection(testVectors), wanted, settings.diversity.lambda);
  },
};

/** The unit vector of the rows' mean: the direction of the test inputs as a whole. */
export function meanDirection(vectors: Vectors): Float32Array {
  const { data, dim } = vectors;
  const mean = new Float32Array(dim);
  for (let r = 0; r < rowCount(vectors); r++) for (let j = 0; j < dim; j++) mean[j] += data[r * dim + j];
  const norm = Math.hypot(...mean) || 1;
  for (let j = 0; j < dim; j++) mean[j] /= norm;
  return mean;
}

/** Greedy MMR: argmax λ·sim(item, query) − (1 − λ)·max sim(item, picked), `count` times. */
export function maximalMarginalRelevance(vectors: Vectors, candidates: Uint32Array, query: Float32Array, count: number, lambda: number): Uint32Array {
  const { data, dim } = vectors;
  const relevance = Float64Array.from(candidates, (index) => dotRows(data, index, query, 0, dim));
  const redundancy = new Float64Array(candidates.length).fill(Number.NEGATIVE_INFINITY);
  const taken = new Uint8Array(candidates.length);
  const picks: number[] = [];
  while (picks.length < count) {
    let best = -1;
    let bestScore = Number.NEGATIVE_INFINITY;
    for (let i = 0; i < candidates.length; i++) {
      if (taken[i]) continue;
      const score = lambda * relevance[i] - (1 - lambda) * (picks.length === 0 ? 0 : redundancy[i]);
      if (score > bestScore) {
        bestScore = score;
        best = i;
      }
    }
    taken[best] = 1;
    picks.push(candidates[best]);
    for (let i = 0; i < candidates.length; i++)
      if (!taken[i]) redundancy[i] = Math.max(redundancy[i], dotRows(data, candidates[i], data, candidates[best], dim));
  }
  return Uint32Array.from(picks);
}
