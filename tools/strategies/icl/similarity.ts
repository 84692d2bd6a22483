import { rowCount } from "../../linalg/dense.js";
import { nearestTo } from "./nearest.js";
import type { IclStrategy } from "./types.js";

/**
 * Similarity (KATE, Liu et al. 2022; the winner of Margatina et al. 2023): each test input is shown
 * the k pool items most similar to it, so what gets labeled is the union of every test input's k
 * nearest. Within a budget smaller than that union, items are taken rank by rank across the test
 * inputs (every input's nearest, then every input's second nearest…), so no input is left with
 * none of its own; each input's demonstrations are then its k nearest labeled items.
 */
export const similarityIcl: IclStrategy = {
  name: "similarity",
  summary: "each test input's k nearest pool items, chosen at inference; their union is labeled",
  reference: "Liu et al. 2022 (KATE); Margatina et al. 2023",
  needs: ["vectors", "testVectors"],
  demonstrations: "nearest",
  defaultLabels: (k, testSize) => k * testSize,
  async next({ round, candidates, vectors, testVectors, k, capacity }) {
    if (round > 0 || capacity <= 0) return new Uint32Array();
    if (!vectors || !testVectors) throw new Error("similarity needs pool and test vectors");
    const { depth, indices } = nearestTo(testVectors, vectors, candidates, k);
    const chosen = new Set<number>();
    const tests = rowCount(testVectors);
    for (let rank = 0; rank < depth && chosen.size < capacity; rank++)
      for (let t = 0; t < tests && chosen.size < capacity; t++) chosen.add(indices[t * depth + rank]);
    return Uint32Array.from(chosen);
  },
};
