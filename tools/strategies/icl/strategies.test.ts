import { describe, expect, it } from "vitest";
import { normalizeRows, type Vectors } from "../../linalg/dense.js";
import { rngFor } from "../../random.js";
import { diversityIcl, maximalMarginalRelevance } from "./diversity.js";
import { labelBalancedIcl } from "./labelBalanced.js";
import { nearestDemonstrations } from "./nearest.js";
import { perplexityIcl } from "./perplexity.js";
import { randomIcl } from "./random.js";
import { ICL_STRATEGY_NAMES, iclStrategy } from "./registry.js";
import { similarityIcl } from "./similarity.js";
import type { IclQueryInput, IclScoring, LabeledIndex } from "./types.js";
import { entropyOf, uncertaintyIcl } from "./uncertainty.js";
import { voteKFirstStage, voteKIcl } from "./voteK.js";

const vectorsOf = (rows: number[][]): Vectors => ({ data: normalizeRows(Float32Array.from(rows.flat()), rows[0].length), dim: rows[0].length });

const SETTINGS: IclQueryInput["settings"] = {
  diversity: { method: "kmeans", lambda: 0.5 },
  voteK: { neighbors: 2, discount: 10, pool: 3000 },
  perplexity: { order: "lowest" },
  uncertainty: { order: "most" },
};

function input(overrides: Partial<IclQueryInput>): IclQueryInput {
  const candidates = overrides.candidates ?? Uint32Array.from({ length: 8 }, (_, i) => i);
  return {
    round: 0,
    candidates,
    scored: candidates,
    labeled: [],
    k: 2,
    target: 2,
    capacity: 100,
    numClasses: 2,
    rng: rngFor(3, "test"),
    settings: SETTINGS,
    ...overrides,
  };
}

/** A scoring stub whose answers are known: one distribution or perplexity per pool index. */
function scoringOf(probs: number[][], perplexities: number[] = []): IclScoring {
  const pick = (indices: Uint32Array) => Array.from(indices, (index) => Float32Array.from(probs[index]));
  return {
    zeroShot: async (indices) => pick(indices),
    fewShot: async (_demonstrations, indices) => pick(indices),
    perplexity: async (indices) => Float64Array.from(indices, (index) => perplexities[index]),
  };
}

describe("active ICL strategies", () => {
  it("are registered under their names, each with a paper and a default label need", () => {
    expect(ICL_STRATEGY_NAMES).toEqual(["random", "similarity", "diversity", "uncertainty", "vote-k", "label-balanced", "perplexity"]);
    for (const name of ICL_STRATEGY_NAMES) expect(iclStrategy(name).reference.length).toBeGreaterThan(5);
    expect(similarityIcl.defaultLabels(4, 10)).toBe(40);
    expect(labelBalancedIcl.defaultLabels(4, 10)).toBe(12);
  });

  it("similarity labels each test input's nearest, rank by rank across inputs within the budget", async () => {
    // Pool items 0..3 point along four axes; test input A is near items 0 then 1, B near 2 then 3.
    const vectors = vectorsOf([
      [1, 0, 0, 0],
      [0.6, 0.5, 0, 0],
      [0, 0, 1, 0],
      [0, 0, 0.6, 0.5],
    ]);
    const testVectors = vectorsOf([
      [1, 0.1, 0, 0],
      [0, 0, 1, 0.1],
    ]);
    const candidates = Uint32Array.of(0, 1, 2, 3);
    const all = await similarityIcl.next(input({ candidates, vectors, testVectors, capacity: 4 }));
    expect(Array.from(all)).toEqual([0, 2, 1, 3]);
    const two = await similarityIcl.next(input({ candidates, vectors, testVectors, capacity: 2 }));
    expect(Array.from(two)).toEqual([0, 2]);
    expect(await similarityIcl.next(input({ candidates, vectors, testVectors, round: 1 }))).toHaveLength(0);
    // Each input then gets its own nearest labeled items, the nearest last (beside the input).
    const labeled = [0, 1, 2, 3].map((index) => ({ index, label: 0 }));
    expect(nearestDemonstrations(testVectors, vectors, labeled, 2)).toEqual([
      [1, 0],
      [3, 2],
    ]);
  });

  it("diversity takes one item from each cluster (k-means) and MMR trades relevance for novelty", async () => {
    const rows = [
      [1, 0],
      [0.99, 0.05],
      [0.98, 0.1],
      [0, 1],
      [0.05, 0.99],
      [0.1, 0.98],
    ];
    const vectors = vectorsOf(rows);
    const testVectors = vectorsOf([[1, 0]]);
    const candidates = Uint32Array.from(rows.keys());
    const picks = Array.from(await diversityIcl.next(input({ candidates, vectors, testVectors })));
    expect(picks).toHaveLength(2);
    expect(picks.filter((index) => index < 3)).toHaveLength(1);
    // λ = 1: pure relevance to the query (the test inputs' mean), so the three near [1, 0] first.
    expect(Array.from(maximalMarginalRelevance(vectors, candidates, Float32Array.of(1, 0), 3, 1)).sort()).toEqual([0, 1, 2]);
    // λ = 0.3: after the most relevant, the far cluster wins on novelty.
    const mmr = Array.from(maximalMarginalRelevance(vectors, candidates, Float32Array.of(1, 0), 2, 0.3));
    expect(mmr[0]).toBe(0);
    expect(mmr[1]).toBeGreaterThanOrEqual(3);
  });

  it("uncertainty takes the items of highest zero-shot entropy, or with order least the most confident", async () => {
    const probs = [
      [0.9, 0.1],
      [0.5, 0.5],
      [0.99, 0.01],
      [0.6, 0.4],
    ];
    const candidates = Uint32Array.of(0, 1, 2, 3);
    expect(entropyOf([0.5, 0.5])).toBeCloseTo(Math.log(2), 10);
    expect(Array.from(await uncertaintyIcl.next(input({ candidates, scoring: scoringOf(probs) })))).toEqual([1, 3]);
    const least = { ...SETTINGS, uncertainty: { order: "least" as const } };
    expect(Array.from(await uncertaintyIcl.next(input({ candidates, scoring: scoringOf(probs), settings: least })))).toEqual([2, 0]);
  });

  it("perplexity takes the items the LLM finds least surprising, or with order highest the most", async () => {
    const candidates = Uint32Array.of(0, 1, 2, 3);
    const scoring = scoringOf([], [12, 3, 40, 5]);
    expect(Array.from(await perplexityIcl.next(input({ candidates, scoring })))).toEqual([1, 3]);
    const highest = { ...SETTINGS, perplexity: { order: "highest" as const } };
    expect(Array.from(await perplexityIcl.next(input({ candidates, scoring, settings: highest })))).toEqual([2, 0]);
  });

  it("vote-k first takes the best-voted item, then one per confidence bucket, never one beside a pick", async () => {
    // A 2-NN graph: items 1..4 all have hub 0 among their neighbours; 5, 6, 7 form a second group in which 6 has the most votes.
    const neighbours = [
      [1, 2],
      [0, 2],
      [0, 1],
      [0, 4],
      [0, 3],
      [6, 7],
      [5, 7],
      [6, 4],
    ];
    // The graph's nodes are pool items 10..17 (a sample of the pool): picks come back as pool indices.
    const pool = (position: number) => 10 + position;
    const graph = { k: 2, nodes: Uint32Array.from({ length: 8 }, (_, i) => pool(i)), indices: Uint32Array.from(neighbours.flat(), pool) };
    // Pool items outside the graph are never picked.
    const candidates = Uint32Array.from({ length: 12 }, (_, i) => 6 + i);
    expect(voteKFirstStage(20)).toBe(2);
    const first = await voteKIcl.next(input({ candidates, graph, target: 10 }));
    expect(Array.from(first)).toEqual([10]);
    // Stage 2: two buckets by confidence; the least confident bucket is {16, 15}, where 16 has the most votes.
    const probs = [
      ...Array.from({ length: 10 }, () => [0.5, 0.5]),
      [0.9, 0.1],
      [0.95, 0.05],
      [0.9, 0.1],
      [0.97, 0.03],
      [0.99, 0.01],
      [0.55, 0.45],
      [0.5, 0.5],
      [0.6, 0.4],
    ];
    const labeled: LabeledIndex[] = [{ index: 10, label: 0 }];
    const rest = Uint32Array.of(11, 12, 13, 14, 15, 16, 17);
    const second = await voteKIcl.next(input({ round: 1, candidates: rest, scored: rest, labeled, graph, target: 3, scoring: scoringOf(probs) }));
    expect(Array.from(second)).toHaveLength(2);
    expect(second[0]).toBe(16);
    expect(await voteKIcl.next(input({ round: 2, candidates: rest, labeled, graph, target: 3 }))).toHaveLength(0);
  });

  it("label-balanced asks for labels until each class can fill its share, and shows them interleaved", async () => {
    const labeled: LabeledIndex[] = [
      { index: 0, label: 0 },
      { index: 1, label: 0 },
      { index: 2, label: 0 },
      { index: 3, label: 1 },
    ];
    // k = 4 over 2 classes: at most 2 of a class count, so 3 usable, 1 more wanted.
    const more = await labelBalancedIcl.next(input({ labeled, k: 4, target: 4, candidates: Uint32Array.of(4, 5, 6, 7) }));
    expect(more).toHaveLength(1);
    expect(labelBalancedIcl.choose!([...labeled, { index: 4, label: 1 }], 4, 2)).toEqual([0, 3, 1, 4]);
    // The budget ran out before class 1 filled: the k demonstrations go beyond the quota.
    expect(labelBalancedIcl.choose!(labeled, 4, 2)).toEqual([0, 3, 1, 2]);
  });

  it("random draws k distinct unlabeled items, and none once it has them", async () => {
    const picks = await randomIcl.next(input({ k: 3, target: 3 }));
    expect(new Set(picks).size).toBe(3);
    expect(await randomIcl.next(input({ target: 3, labeled: [0, 1, 2].map((index) => ({ index, label: 0 })) }))).toHaveLength(0);
  });
});
