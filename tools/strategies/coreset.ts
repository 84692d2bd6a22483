import { ConfigError } from "../errors.js";
import { dotRows, gatherRows, type Vectors } from "../linalg/dense.js";
import { maxSimilarity } from "../linalg/nearest.js";
import { MaxHeap } from "./maxHeap.js";
import { tieKeys } from "./tieKeys.js";
import type { QueryInput } from "./types.js";

/**
 * CoreSet (Sener & Savarese, ICLR 2018): greedy k-center. Each pick is the unlabeled item farthest
 * from everything labeled or already picked, so the batch covers the pool with the smallest radius
 * (within a factor 2 of the optimum). Over unit vectors ||x − c||² = 2 − 2·x·c, so "farthest" is
 * "lowest largest similarity", and the distances to the labeled set are one pass of the SIMD
 * similarity kernel (n × |labeled| inner products): that pass is the whole cost.
 *
 * The picks after it are lazy (Minoux's accelerated greedy): a point's similarity to the nearest
 * center only grows as centers are added, so its stale value bounds its true one. A max-heap on the
 * stale distances pops a candidate, refreshes it against the centers added since it was last
 * looked at, and takes it when it is still the farthest. The result is exactly the greedy batch,
 * without a pass over the pool per pick.
 *
 * With nothing labeled (a cold start), the first pick is a uniform random item.
 */
export async function coreset({ candidates, labeled, vectors, rng }: QueryInput, k: number): Promise<Uint32Array> {
  if (!vectors) throw new ConfigError("coreset needs pool vectors");
  const n = candidates.length;
  const ties = tieKeys(n, rng);
  // far[i]: −(largest similarity of candidates[i] to a center), stale by the centers after seen[i].
  const far = new Float64Array(n);
  const nearest = labeled && labeled.length > 0 ? maxSimilarity(vectors, candidates, gatherRows(vectors, labeled)) : null;
  for (let i = 0; i < n; i++) far[i] = nearest ? -nearest[i] : Infinity;
  const seen = new Uint32Array(n);
  const picked: number[] = [];
  const heap = new MaxHeap(n, (a, b) => far[a] > far[b] || (far[a] === far[b] && ties[a] > ties[b]));
  while (picked.length < k) {
    const top = heap.peek();
    if (seen[top] === picked.length) {
      heap.pop();
      picked.push(candidates[top]);
      continue;
    }
    far[top] = Math.min(far[top], -maxSimilarityTo(vectors, candidates[top], picked, seen[top]));
    seen[top] = picked.length;
    heap.siftDown(0);
  }
  return Uint32Array.from(picked);
}

/** The largest similarity of pool row `row` to the picked rows from position `from` on. */
function maxSimilarityTo(vectors: Vectors, row: number, picked: readonly number[], from: number): number {
  let best = -Infinity;
  for (let p = from; p < picked.length; p++) best = Math.max(best, dotRows(vectors.data, row, vectors.data, picked[p], vectors.dim));
  return best;
}
