import { describe, expect, it } from "vitest";
import { ExactIndex } from "../tools/pool/exactIndex.js";
import { rngFor } from "../tools/random.js";
import { COLD_START_NAMES, query } from "../tools/strategies/registry.js";
import type { QueryInput } from "../tools/strategies/types.js";
import { blobs } from "./helpers/vectors.js";

const range = (n: number) => Uint32Array.from({ length: n }, (_, i) => i);

function coldStart(vectors: QueryInput["vectors"] & object, seed = 0): QueryInput {
  const n = vectors.data.length / vectors.dim;
  return { candidates: range(n), labeled: new Uint32Array(0), vectors, index: new ExactIndex(vectors), numClasses: 3, rng: rngFor(seed, "t") };
}

describe("cold-start strategies", () => {
  it("need no model: the run config offers them for the initial batch", () => {
    expect(COLD_START_NAMES).toEqual(["random", "coreset", "kmeans-centroids", "typiclust", "probcover"]);
  });

  it("k-means centroids pick one item per blob on well-separated blobs", async () => {
    const { vectors, blob } = blobs(4, 15, 6, 0.1);
    for (let seed = 0; seed < 5; seed++) {
      const picked = await query("kmeans-centroids", coldStart(vectors, seed), 4);
      expect(new Set(Array.from(picked, (i) => blob[i])).size).toBe(4);
    }
  });

  it("TypiClust picks the densest item of each cluster", async () => {
    // 21 items a blob: the centre (item 21·b) and 20 around it, so each item's 20 neighbours are its blob.
    const { vectors } = blobs(3, 21, 8, 0.08);
    for (let seed = 0; seed < 3; seed++) {
      const picked = Array.from(await query("typiclust", coldStart(vectors, seed), 3)).sort((a, b) => a - b);
      expect(picked).toEqual([0, 21, 42]);
    }
  });

  it("TypiClust goes to the cluster with the fewest labels", async () => {
    const { vectors, blob } = blobs(3, 21, 8, 0.08);
    const labeled = Uint32Array.of(0, 1, 21);
    const input = { ...coldStart(vectors), candidates: range(63).filter((i) => !labeled.includes(i)), labeled };
    const [first] = await query("typiclust", input, 1);
    expect(blob[first]).toBe(2);
  });

  it("ProbCover covers the big blob first, then the small one", async () => {
    // A blob of 21 items on axis 0 (items 0–20) and a tight one of 6 on axis 1 (items 21–26).
    const { vectors: big } = blobs(1, 21, 6, 0.05, 4);
    const { vectors: small } = blobs(2, 6, 6, 0.01, 5);
    const data = new Float32Array(27 * 6);
    data.set(big.data);
    data.set(small.data.subarray(6 * 6), 21 * 6);
    const vectors = { data, dim: 6 };
    for (let seed = 0; seed < 3; seed++) {
      const picked = Array.from(await query("probcover", { ...coldStart(vectors, seed), numClasses: 2 }, 2));
      expect(picked[0]).toBeLessThan(21);
      expect(picked[1]).toBeGreaterThanOrEqual(21);
    }
  });
});
