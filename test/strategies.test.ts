import { describe, expect, it } from "vitest";
import { rngFor } from "../tools/random.js";
import { query } from "../tools/strategies/registry.js";
import { topK } from "../tools/strategies/topK.js";
import type { QueryInput } from "../tools/strategies/types.js";

/** A pool whose probability rows are given; every item unlabeled unless listed. */
function input(rows: number[][], seed = 0, labeled: number[] = []): QueryInput {
  const numClasses = rows[0].length;
  const candidates = Uint32Array.from(rows.keys()).filter((i) => !labeled.includes(i));
  return { probs: Float32Array.from(rows.flat()), numClasses, candidates, rng: rngFor(seed, "test") };
}

describe("uncertainty sampling", () => {
  // Item 1 has the smallest margin, item 2 the lowest top probability and the highest entropy,
  // so the three strategies disagree and each answer is known.
  const rows = [
    [0.9, 0.05, 0.05],
    [0.5, 0.5, 0.0],
    [0.4, 0.3, 0.3],
    [0.7, 0.2, 0.1],
  ];

  it("margin picks the item nearest the decision boundary", async () => {
    expect(Array.from(await query("margin", input(rows), 1))).toEqual([1]);
    expect(Array.from(await query("margin", input(rows), 4))).toEqual([1, 2, 3, 0]);
  });

  it("least confidence picks the lowest top-class probability", async () => {
    expect(Array.from(await query("least-confidence", input(rows), 2))).toEqual([2, 1]);
  });

  it("entropy picks the flattest distribution", async () => {
    expect(Array.from(await query("entropy", input(rows), 1))).toEqual([2]);
  });

  it("never picks a labeled item", async () => {
    expect(Array.from(await query("margin", input(rows, 0, [1]), 1))).toEqual([2]);
  });

  it("margin breaks ties at random but the same way for the same seed", async () => {
    const tied = [
      [0.6, 0.4],
      [0.9, 0.1],
      [0.4, 0.6],
      [0.6, 0.4],
    ];
    const firstPicks = new Set<number>();
    for (let seed = 0; seed < 40; seed++) {
      const [pick] = await query("margin", input(tied, seed), 1);
      expect([0, 2, 3]).toContain(pick);
      expect((await query("margin", input(tied, seed), 1))[0]).toBe(pick);
      firstPicks.add(pick);
    }
    // No tied position is favoured: over 40 seeds each of the three comes first at least once.
    expect([...firstPicks].sort()).toEqual([0, 2, 3]);
  });
});

describe("random sampling", () => {
  it("draws k distinct unlabeled items, reproducibly, covering the pool", async () => {
    const rows = Array.from({ length: 50 }, () => [0.5, 0.5]);
    const seen = new Set<number>();
    for (let seed = 0; seed < 30; seed++) {
      const picked = Array.from(await query("random", input(rows, seed, [0, 1]), 10));
      expect(new Set(picked).size).toBe(10);
      expect(picked).not.toContain(0);
      expect(picked).not.toContain(1);
      expect(Array.from(await query("random", input(rows, seed, [0, 1]), 10))).toEqual(picked);
      picked.forEach((i) => seen.add(i));
    }
    expect(seen.size).toBe(48);
  });
});

describe("topK", () => {
  it("returns the k best, best first, in O(n log k)", () => {
    const scores = Float64Array.from([3, 9, 1, 7, 5]);
    const candidates = Uint32Array.from([10, 11, 12, 13, 14]);
    expect(Array.from(topK(scores, candidates, 3, rngFor(0, "t")))).toEqual([11, 13, 14]);
    expect(Array.from(topK(scores, candidates, 9, rngFor(0, "t")))).toEqual([11, 13, 14, 10, 12]);
  });
});

describe("strategy registry", () => {
  const rows = [
    [0.9, 0.1],
    [0.5, 0.5],
  ];
  it("refuses k = 0, a batch larger than the unlabeled pool, and a missing input", async () => {
    await expect(query("margin", input(rows), 0)).rejects.toThrow(/positive integer, got 0/);
    await expect(query("margin", input(rows), 3)).rejects.toThrow(/asked for 3 items but only 2 are unlabeled/);
    await expect(query("margin", { ...input(rows), probs: undefined }, 1)).rejects.toThrow(/margin needs probs/);
    await expect(query("nope", input(rows), 1)).rejects.toThrow(
      /unknown strategy "nope" \(known: random, least-confidence, margin, entropy, power-margin, vote-entropy, consensus-entropy, kl-consensus, bald, coreset, badge, information-density, contrastive, clustered-uncertainty, kmeans-centroids, typiclust, probcover, llm-rank, llm-clusters, ask-llm, llm-prune, cot-qbc\)/,
    );
  });

  it("names what a strategy needs and the run does not provide", async () => {
    const base = input(rows);
    await expect(query("coreset", { ...base, labeled: Uint32Array.of() }, 1)).rejects.toThrow(/coreset needs vectors/);
    await expect(query("bald", base, 1)).rejects.toThrow(/bald needs committee/);
    await expect(query("typiclust", { ...base, labeled: Uint32Array.of(), vectors: { data: new Float32Array(4), dim: 2 } }, 1)).rejects.toThrow(
      /typiclust needs index/,
    );
    await expect(query("badge", { ...base, vectors: { data: new Float32Array(4), dim: 2 } }, 0)).rejects.toThrow(/positive integer, got 0/);
    await expect(query("vote-entropy", { ...base, memberProbs: [new Float32Array(4)] }, 3)).rejects.toThrow(/asked for 3 items but only 2 are unlabeled/);
  });

  it("refuses inputs that disagree on the pool size", async () => {
    const base = input(rows);
    await expect(query("badge", { ...base, vectors: { data: new Float32Array(6), dim: 2 } }, 1)).rejects.toThrow(/probs cover 2 pool items but vectors 3/);
    await expect(query("bald", { ...base, memberProbs: [new Float32Array(4), new Float32Array(6)] }, 1)).rejects.toThrow(/committee member 1 3/);
  });
});
