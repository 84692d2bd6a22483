import type { NeighborLists } from "./nearest.js";

/**
 * Typicality (Hacohen et al., ICML 2022): the inverse mean Euclidean distance of each item to its
 * nearest neighbours, read off a neighbour graph of unit vectors (‖x − y‖² = 2 − 2 x·y). Dense
 * regions score high; TypiClust and the bias audit's cluster representatives both rank by it.
 */
export function typicality(graph: NeighborLists): Float64Array {
  const rows = graph.indices.length / graph.k;
  const out = new Float64Array(rows);
  for (let i = 0; i < rows; i++) {
    let distance = 0;
    for (let j = 0; j < graph.k; j++) distance += Math.sqrt(Math.max(0, 2 - 2 * graph.similarities[i * graph.k + j]));
    out[i] = 1 / (distance / graph.k + 1e-12);
  }
  return out;
}
