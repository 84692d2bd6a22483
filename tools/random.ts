/**
 * Seeded random streams. Every stage draws from a stream named for what it does and the round it
 * is in, never from a process-wide generator, so a run resumed in a new process draws exactly the
 * numbers the uninterrupted run would have drawn.
 */
export interface Rng {
  /** Uniform in [0, 1). */
  next(): number;
  /** Uniform integer in [0, n). */
  int(n: number): number;
}

/** FNV-1a, 32 bit: a stable hash for seeding streams and splitting data by id. */
export function hashString(text: string, seed = 0x811c9dc5): number {
  let h = seed >>> 0;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h >>> 0;
}

/** mulberry32: tiny, fast and good enough for sampling (not for cryptography). */
export function mulberry32(seed: number): Rng {
  let a = seed >>> 0;
  const next = (): number => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return { next, int: (n: number) => Math.floor(next() * n) };
}

/** The stream for one purpose, e.g. `rngFor(seed, "select", round)`. */
export function rngFor(seed: number, ...path: Array<string | number>): Rng {
  return mulberry32(hashString(`${seed}/${path.join("/")}`));
}

/** Fisher–Yates, in place. */
export function shuffleInPlace<T extends { length: number; [i: number]: unknown }>(items: T, rng: Rng): T {
  for (let i = items.length - 1; i > 0; i--) {
    const j = rng.int(i + 1);
    const tmp = items[i];
    items[i] = items[j];
    items[j] = tmp;
  }
  return items;
}

/** `size` distinct indices of [0, n), ascending (all of them when n ≤ size): the first places of a seeded partial Fisher–Yates. */
export function sampleIndices(n: number, size: number, rng: Rng): Uint32Array {
  if (size >= n) return Uint32Array.from({ length: n }, (_, i) => i);
  const order = Uint32Array.from({ length: n }, (_, i) => i);
  for (let i = 0; i < size; i++) {
    const j = i + rng.int(n - i);
    const tmp = order[i];
    order[i] = order[j];
    order[j] = tmp;
  }
  return order.slice(0, size).sort();
}
