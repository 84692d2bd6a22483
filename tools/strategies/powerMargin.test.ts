import { describe, expect, it } from "vitest";
import { rngFor } from "../random.js";
import { query } from "./registry.js";
import type { QueryInput } from "./types.js";

/** A binary pool whose item i has margin i / (n − 1): item 0 the most uncertain, the last the most certain. */
function pool(n: number, seed: number): QueryInput {
  const probs = new Float32Array(2 * n);
  for (let i = 0; i < n; i++) {
    const margin = i / (n - 1);
    probs[2 * i] = (1 + margin) / 2;
    probs[2 * i + 1] = (1 - margin) / 2;
  }
  return { probs, numClasses: 2, candidates: Uint32Array.from({ length: n }, (_, i) => i), rng: rngFor(seed, "power") };
}

describe("power margin (Kirsch et al. 2023)", () => {
  it("draws uncertain items more often, in proportion to 1 − margin, and never the certain one", async () => {
    const n = 11;
    const counts = new Array(n).fill(0);
    for (let seed = 0; seed < 2000; seed++) for (const index of await query("power-margin", pool(n, seed), 1)) counts[index]++;
    // P(i) = (1 − i/10) / Σ (1 − j/10) = (10 − i) / 55.
    for (let i = 0; i < n; i++) expect(counts[i] / 2000).toBeCloseTo((10 - i) / 55, 1);
    expect(counts[n - 1]).toBe(0);
  });

  it("is not the top k, is reproducible for a seed, and never repeats an item", async () => {
    const picks = Array.from(await query("power-margin", pool(100, 3), 10));
    expect(new Set(picks).size).toBe(10);
    expect(picks).toEqual(Array.from(await query("power-margin", pool(100, 3), 10)));
    expect(picks.sort((a, b) => a - b)).not.toEqual(Array.from({ length: 10 }, (_, i) => i));
  });
});
