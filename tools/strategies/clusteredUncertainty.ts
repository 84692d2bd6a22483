import { ConfigError } from "../errors.js";
import { kmeans } from "../linalg/kmeans.js";
import { topK } from "./topK.js";
import type { QueryInput } from "./types.js";
import { rowMargin } from "./uncertainty.js";

/** Shortlist size per batch item (the paper's β). */
export const SHORTLIST_FACTOR = 10;

/**
 * Clustered uncertainty, after Zhdanov's diverse mini-batch active learning (2019): shortlist the
 * β·k items of smallest margin, cluster the shortlist into k groups by k-means weighted by
 * uncertainty (1 − margin), and take the item nearest each centroid. Plain top-k uncertainty fills
 * a batch with near-duplicates from one stretch of the boundary; the clusters spread it along the
 * boundary. Picks are ordered by uncertainty.
 */
export async function clusteredUncertainty({ candidates, probs, vectors, numClasses, rng }: QueryInput, k: number): Promise<Uint32Array> {
  if (!probs) throw new ConfigError("clustered-uncertainty needs the model's probabilities");
  if (!vectors) throw new ConfigError("clustered-uncertainty needs pool vectors");
  const uncertainty = new Float64Array(candidates.length);
  for (let i = 0; i < candidates.length; i++) uncertainty[i] = 1 - rowMargin(probs, candidates[i] * numClasses, numClasses);
  const shortlist = topK(uncertainty, candidates, Math.min(candidates.length, SHORTLIST_FACTOR * k), rng);
  if (shortlist.length === k) return shortlist;
  const position = new Map<number, number>();
  candidates.forEach((item, i) => position.set(item, i));
  const weights = Float64Array.from(shortlist, (item) => uncertainty[position.get(item)!]);
  const clusters = kmeans(vectors, shortlist, k, rng, { weights });
  // The member nearest each centroid (the shortlist is in uncertainty order, so ties go to the more uncertain).
  const representative = new Int32Array(k).fill(-1);
  for (let i = 0; i < shortlist.length; i++) {
    const c = clusters.assignment[i];
    if (representative[c] < 0 || clusters.closeness[i] > clusters.closeness[representative[c]]) representative[c] = i;
  }
  const picks = Array.from(representative)
    .filter((i) => i >= 0)
    .sort((a, b) => a - b);
  // k-means leaves no cluster empty, but if it did, the next most uncertain items fill the batch.
  for (let i = 0; picks.length < k; i++) if (!picks.includes(i)) picks.push(i);
  return Uint32Array.from(picks.slice(0, k), (i) => shortlist[i]);
}
