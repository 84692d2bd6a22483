import type { Rng } from "../random.js";

/**
 * A random key per candidate, for strategies that pick greedily: among equal scores the larger key
 * wins, so ties are broken without favouring any position in the pool (as `topK` does).
 */
export function tieKeys(count: number, rng: Rng): Float64Array {
  const keys = new Float64Array(count);
  for (let i = 0; i < count; i++) keys[i] = rng.next();
  return keys;
}
