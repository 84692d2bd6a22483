import { describe, expect, it } from "vitest";
import { gatherRows } from "../tools/linalg/dense.js";
import { ExactIndex } from "../tools/pool/exactIndex.js";
import { rngFor } from "../tools/random.js";
import { getStrategy, query } from "../tools/strategies/registry.js";
import { parseRunConfig } from "../runtime/config/runConfig.js";
import type { QueryInput } from "../tools/strategies/types.js";
import { blobs, unitRows } from "./helpers/vectors.js";

const range = (n: number) => Uint32Array.from({ length: n }, (_, i) => i);
const without = (n: number, labeled: number[]) => range(n).filter((i) => !labeled.includes(i));

describe("coreset", () => {
  const vectors = unitRows([
    [1, 0, 0],
    [0.9, 0.1, 0],
    [0.8, 0.3, 0],
    [-1, 0, 0.05],
    [0, 1, 0],
  ]);
  const labeled = Uint32Array.of(0);
  const base: QueryInput = { candidates: without(5, [0]), labeled, vectors, numClasses: 2, rng: rngFor(0, "t") };

  it("picks the point farthest from the labeled set, then the farthest from both", async () => {
    expect(Array.from(await query("coreset", base, 1))).toEqual([3]);
    expect(Array.from(await query("coreset", base, 2))).toEqual([3, 4]);
  });

  it("matches plain greedy k-center on a larger pool (the lazy updates change nothing)", async () => {
    const { vectors: pool } = blobs(6, 30, 12, 0.5, 9);
    const n = 180;
    const labeledItems = [0, 31, 95];
    const candidates = without(n, labeledItems);
    const picked = Array.from(
      await query("coreset", { candidates, labeled: Uint32Array.from(labeledItems), vectors: pool, numClasses: 2, rng: rngFor(1, "t") }, 12),
    );
    // Reference: recompute every distance after every pick.
    const centers = [...labeledItems];
    const expected: number[] = [];
    const dot = (a: number, b: number) => {
      let s = 0;
      for (let j = 0; j < pool.dim; j++) s += pool.data[a * pool.dim + j] * pool.data[b * pool.dim + j];
      return s;
    };
    for (let t = 0; t < 12; t++) {
      let best = -1;
      let bestSim = Infinity;
      for (const i of candidates) {
        if (expected.includes(i)) continue;
        const sim = Math.max(...centers.map((c) => dot(i, c)));
        if (sim < bestSim - 1e-6) {
          bestSim = sim;
          best = i;
        }
      }
      expected.push(best);
      centers.push(best);
    }
    expect(picked).toEqual(expected);
  });

  it("covers every blob from a cold start", async () => {
    const { vectors: pool, blob } = blobs(4, 10, 6, 0.05);
    const picked = await query("coreset", { candidates: range(40), labeled: new Uint32Array(0), vectors: pool, numClasses: 2, rng: rngFor(2, "t") }, 4);
    expect(new Set(Array.from(picked, (i) => blob[i])).size).toBe(4);
  });
});

describe("badge", () => {
  it("starts from the largest gradient norm, then spreads the batch", async () => {
    // Items 0–2 and 3–5 form two tight blobs; item 4 is the least confident of all, and its blob-mates
    // have nearly its gradient, so the second pick comes from the other blob.
    const { vectors } = blobs(2, 3, 4, 0.01);
    const probs = Float32Array.from([0.9, 0.1, 0.8, 0.2, 0.85, 0.15, 0.56, 0.44, 0.55, 0.45, 0.56, 0.44]);
    const input: QueryInput = { candidates: range(6), vectors, probs, numClasses: 2, rng: rngFor(0, "t") };
    for (let seed = 0; seed < 10; seed++) {
      const picked = Array.from(await query("badge", { ...input, rng: rngFor(seed, "t") }, 2));
      expect(picked[0]).toBe(4);
      expect(picked[1]).toBeLessThan(3);
    }
    expect(new Set(await query("badge", input, 6)).size).toBe(6);
  });
});

describe("information density", () => {
  it("prefers an uncertain item in a dense region over an equally uncertain outlier", async () => {
    // Blob 0 holds 12 items, blob 1 only its centre (the outlier). Items 3 and 12 are both at 50/50.
    const { vectors } = blobs(2, 12, 5, 0.05);
    const points = Array.from(vectors.data.subarray(0, 13 * 5));
    const pool = unitRows(Array.from({ length: 13 }, (_, i) => points.slice(i * 5, i * 5 + 5)));
    const probs = new Float32Array(26);
    for (let i = 0; i < 13; i++) probs.set(i === 3 || i === 12 ? [0.5, 0.5] : [0.95, 0.05], 2 * i);
    const input: QueryInput = { candidates: range(13), probs, vectors: pool, index: new ExactIndex(pool), numClasses: 2, rng: rngFor(0, "t") };
    for (let seed = 0; seed < 5; seed++) expect(Array.from(await query("information-density", { ...input, rng: rngFor(seed, "t") }, 1))).toEqual([3]);
    // Entropy alone cannot tell them apart.
    const byEntropy = new Set<number>();
    for (let seed = 0; seed < 20; seed++) byEntropy.add((await query("entropy", { ...input, rng: rngFor(seed, "t") }, 1))[0]);
    expect([...byEntropy].sort((a, b) => a - b)).toEqual([3, 12]);
  });
});

describe("contrastive", () => {
  it("picks the item whose prediction differs most from its labeled neighbours'", async () => {
    // Two blobs of 14: items 0–9 and 14–23 are labeled; the model says class 0 in blob 0 and 1 in blob 1.
    const { vectors } = blobs(2, 14, 4, 0.05);
    const labeled = [...range(10), ...range(10).map((i) => i + 14)];
    const probs = new Float32Array(56);
    for (let i = 0; i < 28; i++) probs.set(i < 14 ? [0.9, 0.1] : [0.1, 0.9], 2 * i);
    probs.set([0.85, 0.15], 2 * 10); // agrees with its neighbours
    probs.set([0.2, 0.8], 2 * 11); // in blob 0, predicted like blob 1: contrastive
    probs.set([0.5, 0.5], 2 * 24); // uncertain, and only half as far from its neighbours' view
    const input: QueryInput = { candidates: without(28, labeled), labeled: Uint32Array.from(labeled), probs, vectors, numClasses: 2, rng: rngFor(0, "t") };
    expect(Array.from(await query("contrastive", input, 2))).toEqual([11, 24]);
  });

  it("refuses to run with nothing labeled", async () => {
    const { vectors } = blobs(2, 3, 4, 0.05);
    const input: QueryInput = {
      candidates: range(6),
      labeled: new Uint32Array(0),
      probs: new Float32Array(12).fill(0.5),
      vectors,
      numClasses: 2,
      rng: rngFor(0, "t"),
    };
    await expect(query("contrastive", input, 1)).rejects.toThrow(/labeled neighbours and there are none yet/);
  });

  it("is no longer called cal: the old name is refused in one line naming the new one, in a run config too", () => {
    expect(() => getStrategy("cal")).toThrow(/^strategy "cal" is now "contrastive" \(Margatina et al\.'s contrastive active learning\)$/);
    expect(() => parseRunConfig({ dataset: { builtin: "spamassassin" }, strategy: "cal" })).toThrow(/strategy: "cal" is now "contrastive"/);
  });
});

describe("clustered uncertainty", () => {
  it("spreads the batch over the uncertain regions instead of taking the most uncertain near-duplicates", async () => {
    // Blob 0 (items 0–11) is the most uncertain, blob 1 (12–19) a little less, blob 2 (20–39) confident.
    const { vectors } = blobs(3, 20, 5, 0.02);
    const order = [...range(12), ...range(8).map((i) => i + 20), ...range(8).map((i) => i + 12), ...range(32).map((i) => i + 28)];
    const pool = { data: gatherRows(vectors, order), dim: 5 };
    const probs = new Float32Array(120);
    for (let i = 0; i < 60; i++) probs.set(i < 12 ? [0.5, 0.5] : i < 20 ? [0.6, 0.4] : [0.99, 0.01], 2 * i);
    const input: QueryInput = { candidates: range(60), probs, vectors: pool, numClasses: 2, rng: rngFor(0, "t") };
    const byMargin = Array.from(await query("margin", input, 2));
    expect(byMargin.every((i) => i < 12)).toBe(true);
    const spread = Array.from(await query("clustered-uncertainty", input, 2));
    expect(spread[0]).toBeLessThan(12);
    expect(spread[1]).toBeGreaterThanOrEqual(12);
    expect(spread[1]).toBeLessThan(20);
  });
});
