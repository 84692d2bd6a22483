import { rngFor } from "../random.js";

/**
 * The stop set: `size` pool indices (the whole pool when it is smaller), ascending, drawn from the
 * seed alone. It never looks at what is labeled, so every round (and a resumed run) compares models
 * on the very same items, as the stabilizing-predictions papers and small-text keep it fixed.
 */
export function drawStopSet(poolSize: number, size: number, seed: number): Uint32Array {
  if (size >= poolSize) return Uint32Array.from({ length: poolSize }, (_, i) => i);
  // A partial Fisher–Yates: the first `size` places of a seeded shuffle.
  const order = Uint32Array.from({ length: poolSize }, (_, i) => i);
  const rng = rngFor(seed, "stop-set");
  for (let i = 0; i < size; i++) {
    const j = i + rng.int(poolSize - i);
    const tmp = order[i];
    order[i] = order[j];
    order[j] = tmp;
  }
  return order.slice(0, size).sort();
}
