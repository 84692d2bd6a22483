import { ConfigError } from "../errors.js";
import { kmeans } from "../linalg/kmeans.js";
import type { QueryInput } from "./types.js";

/**
 * k-means centroids, the cold-start baseline of Zhu et al. (COLING 2008) and of ALPS (Yuan, Lin &
 * Boyd-Graber, EMNLP 2020): cluster the unlabeled pool into k groups and label the item nearest each
 * centroid. Needs no model and no label, only pool vectors: the batch covers the pool's main modes
 * instead of following a random draw into the largest one. Picks are ordered by cluster size,
 * largest first.
 */
export async function kmeansCentroids({ candidates, vectors, rng }: QueryInput, k: number): Promise<Uint32Array> {
  if (!vectors) throw new ConfigError("kmeans-centroids needs pool vectors");
  const clusters = kmeans(vectors, candidates, k, rng);
  const representative = new Int32Array(k).fill(-1);
  for (let i = 0; i < candidates.length; i++) {
    const c = clusters.assignment[i];
    if (representative[c] < 0 || clusters.closeness[i] > clusters.closeness[representative[c]]) representative[c] = i;
  }
  const order = Array.from({ length: k }, (_, c) => c)
    .filter((c) => representative[c] >= 0)
    .sort((a, b) => clusters.sizes[b] - clusters.sizes[a] || a - b);
  const picks = order.map((c) => representative[c]);
  const taken = new Set(picks);
  // Only a cluster k-means left empty on its last iteration has no representative: fill from the rest at random.
  while (picks.length < k) {
    const i = rng.int(candidates.length);
    if (!taken.has(i)) {
      taken.add(i);
      picks.push(i);
    }
  }
  return Uint32Array.from(picks, (i) => candidates[i]);
}
