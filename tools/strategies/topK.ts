import type { Rng } from "../random.js";
import type { QueryInput, QueryStrategy } from "./types.js";

/**
 * The k candidates with the highest scores, best first, in O(n log k). Equal scores are ordered by a
 * random key drawn from `rng`, so ties are broken without favouring any position in the pool and
 * the same seed always breaks them the same way.
 */
export function topK(scores: Float64Array, candidates: Uint32Array, k: number, rng: Rng): Uint32Array {
  if (scores.length !== candidates.length) throw new Error(`topK: ${scores.length} scores for ${candidates.length} candidates`);
  const n = candidates.length;
  const size = Math.min(k, n);
  const ties = new Float64Array(n);
  for (let i = 0; i < n; i++) ties[i] = rng.next();
  // a is worse than b: lower score, or equal score and lower tie key.
  const worse = (a: number, b: number): boolean => scores[a] < scores[b] || (scores[a] === scores[b] && ties[a] < ties[b]);
  // A min-heap of positions: its root is the worst of the best `size` seen so far.
  const heap = new Int32Array(size);
  let length = 0;
  const siftDown = (from: number): void => {
    let i = from;
    for (;;) {
      const left = 2 * i + 1;
      const right = left + 1;
      let smallest = i;
      if (left < length && worse(heap[left], heap[smallest])) smallest = left;
      if (right < length && worse(heap[right], heap[smallest])) smallest = right;
      if (smallest === i) return;
      [heap[i], heap[smallest]] = [heap[smallest], heap[i]];
      i = smallest;
    }
  };
  for (let i = 0; i < n; i++) {
    if (length < size) {
      heap[length] = i;
      let child = length++;
      while (child > 0) {
        const parent = (child - 1) >> 1;
        if (!worse(heap[child], heap[parent])) break;
        [heap[child], heap[parent]] = [heap[parent], heap[child]];
        child = parent;
      }
    } else if (size > 0 && worse(heap[0], i)) {
      heap[0] = i;
      siftDown(0);
    }
  }
  const order = Array.from(heap.subarray(0, length)).sort((a, b) => (worse(a, b) ? 1 : worse(b, a) ? -1 : 0));
  return Uint32Array.from(order, (position) => candidates[position]);
}

/** The strategy that takes the k candidates of highest utility (ties broken at random by the round's stream). */
export function rankedBy(utilities: (input: QueryInput) => Float64Array): QueryStrategy {
  return async (input, k) => topK(utilities(input), input.candidates, k, input.rng);
}
