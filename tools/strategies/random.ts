import type { QueryInput } from "./types.js";

/** Random sampling: the baseline every strategy must beat; a partial Fisher–Yates draw. */
export async function randomSampling({ candidates, rng }: QueryInput, k: number): Promise<Uint32Array> {
  const order = Uint32Array.from(candidates);
  const size = Math.min(k, order.length);
  for (let i = 0; i < size; i++) {
    const j = i + rng.int(order.length - i);
    const tmp = order[i];
    order[i] = order[j];
    order[j] = tmp;
  }
  return order.slice(0, size);
}
