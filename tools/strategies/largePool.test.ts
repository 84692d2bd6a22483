import { describe, expect, it } from "vitest";
import { blobs, clusteredPool } from "../../test/helpers/vectors.js";
import { allRows, rowCount, type Vectors } from "../linalg/dense.js";
import { ExactIndex } from "../pool/exactIndex.js";
import { LazyIndex } from "../pool/lazyIndex.js";
import { rngFor } from "../random.js";
import { approximateGraphOf, EXACT_UP_TO } from "./poolGraph.js";
import { query } from "./registry.js";
import type { QueryInput } from "./types.js";

/** An index that fails if searched: the large-pool paths must not need one. */
const unsearchable = (vectors: Vectors) =>
  new LazyIndex("hnsw", rowCount(vectors), () => {
    throw new Error("the large-pool path searched the index");
  });

const input = (vectors: Vectors, labeled: number[], seed: number, numClasses = 25): QueryInput => {
  const taken = new Set(labeled);
  return {
    candidates: allRows(rowCount(vectors)).filter((i) => !taken.has(i)),
    labeled: Uint32Array.from(labeled).sort(),
    vectors,
    index: unsearchable(vectors),
    numClasses,
    rng: rngFor(seed, "large-pool"),
  };
};

/** The same vectors in a new array: nothing built for the first is found for it. */
const copyOf = (vectors: Vectors): Vectors => ({ data: vectors.data.slice(), dim: vectors.dim });

// 25 orthogonal blobs of 850: a pool just above the exact-path size, in 32 dimensions so it builds quickly.
const { vectors, blob } = blobs(25, 850, 32, 0.05);

describe("TypiClust and ProbCover on a large pool", () => {
  it("is a large pool", () => expect(rowCount(vectors)).toBeGreaterThan(EXACT_UP_TO));

  it("TypiClust's first batch takes one item from each blob, without searching the index", async () => {
    const picks = await query("typiclust", input(vectors, [], 1), 25);
    expect(new Set(Array.from(picks, (i) => blob[i])).size).toBe(25);
  });

  it("TypiClust goes to the blobs with no label first", async () => {
    // A label in each of blobs 0–19, so 20 + 5 clusters, one a blob: the 5 picks are the 5 unlabeled blobs.
    const labeled = Array.from({ length: 20 }, (_, b) => b * 850 + 1);
    const picks = await query("typiclust", input(vectors, labeled, 2), 5);
    expect(Array.from(picks, (i) => blob[i]).sort((a, b) => a - b)).toEqual([20, 21, 22, 23, 24]);
  });

  for (const name of ["typiclust", "probcover"]) {
    it(`${name}: the structures kept for the pool give the same picks as a fresh build, round after round`, async () => {
      const pool = vectors;
      const fresh = copyOf(vectors);
      const labeled = [3, 900, 5000];
      const first = await query(name, input(pool, labeled, 7), 25);
      const reused = await query(name, input(pool, labeled, 7), 25);
      const rebuilt = await query(name, input(fresh, labeled, 7), 25);
      expect(Array.from(reused)).toEqual(Array.from(first));
      expect(Array.from(rebuilt)).toEqual(Array.from(first));
    });
  }

  it("ProbCover goes where the labeled items' balls leave the pool uncovered", async () => {
    // Every 4th item of blobs 0–23 labeled: their balls cover those blobs, blob 24 is bare.
    const labeled = Array.from({ length: 24 * 850 }, (_, i) => i).filter((i) => i % 4 === 0);
    const picks = await query("probcover", input(vectors, labeled, 3), 10);
    expect(Array.from(picks, (i) => blob[i])).toEqual(Array(10).fill(24));
  });
});

describe("the approximate k-NN graph", () => {
  it("finds nearly all of the exact neighbours", () => {
    const pool = clusteredPool(4000, 16, 8);
    const approximate = approximateGraphOf(pool, 10);
    const exact = new ExactIndex(pool).neighborGraph(10);
    let found = 0;
    for (let i = 0; i < 4000; i++) {
      const truth = new Set(exact.indices.subarray(i * 10, (i + 1) * 10));
      for (const j of approximate.indices.subarray(i * 10, (i + 1) * 10)) if (truth.has(j)) found++;
    }
    expect(found / (4000 * 10)).toBeGreaterThan(0.9);
  });
});
