import { ConfigError } from "../errors.js";
import { topK } from "./topK.js";
import type { QueryInput } from "./types.js";
import { rowEntropy } from "./uncertainty.js";

/** Neighbours that define an item's density. */
export const DENSITY_NEIGHBORS = 10;

/**
 * Information density (Settles & Craven, EMNLP 2008): entropy × density, where density is the mean
 * cosine similarity to the item's nearest pool neighbours (the k-NN form of their average
 * similarity to the pool, as in Zhu et al., COLING 2008). Uncertainty alone favours outliers the
 * model cannot place and no other item resembles; weighting by density asks about uncertain items
 * whose label also tells the model about many others. Density comes from the index's neighbour
 * graph, which depends on the pool alone and is computed once per run.
 */
export function informationDensityScores({ candidates, probs, index, numClasses }: QueryInput): Float64Array {
  if (!probs) throw new ConfigError("information-density needs the model's probabilities");
  if (!index) throw new ConfigError("information-density needs a vector index");
  const graph = index.neighborGraph(DENSITY_NEIGHBORS);
  const scores = new Float64Array(candidates.length);
  for (let i = 0; i < candidates.length; i++) {
    const item = candidates[i];
    let similarity = 0;
    for (let j = 0; j < graph.k; j++) similarity += graph.similarities[item * graph.k + j];
    const density = Math.max(0, similarity / graph.k);
    scores[i] = rowEntropy(probs, item * numClasses, numClasses) * density;
  }
  return scores;
}

export async function informationDensity(input: QueryInput, k: number): Promise<Uint32Array> {
  return topK(informationDensityScores(input), input.candidates, k, input.rng);
}
