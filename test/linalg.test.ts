import { afterEach, describe, expect, it } from "vitest";
import { allRows } from "../tools/linalg/dense.js";
import { kmeans } from "../tools/linalg/kmeans.js";
import { maxSimilarity, topSimilar } from "../tools/linalg/nearest.js";
import { scanSimilarities } from "../tools/linalg/similarities.js";
import { dotsKernel, useSimdKernel } from "../tools/linalg/simdKernel.js";
import { mulberry32, rngFor } from "../tools/random.js";
import { blobs } from "./helpers/vectors.js";

function randomMatrix(rows: number, dim: number, seed: number): Float32Array {
  const rng = mulberry32(seed);
  return Float32Array.from({ length: rows * dim }, () => rng.next() - 0.5);
}

describe("the similarity kernel", () => {
  afterEach(() => useSimdKernel(true));

  it("compiles to WebAssembly SIMD on this Node", () => {
    expect(dotsKernel()).not.toBeNull();
  });

  it("gives the inner products of plain loops, for shapes that need padding", () => {
    // dim 13, 7 centers and 1,031 rows: none a multiple of the kernel's tiles or block.
    const dim = 13;
    const vectors = { data: randomMatrix(1200, dim, 1), dim };
    const rows = Uint32Array.from({ length: 1031 }, (_, i) => (i * 7) % 1200);
    const centers = randomMatrix(7, dim, 2);
    const collect = (m: number) => {
      const out = new Float32Array(rows.length * m);
      scanSimilarities(vectors, rows, centers.subarray(0, m * dim), (start, count, sims, stride) => {
        for (let r = 0; r < count; r++) for (let j = 0; j < m; j++) out[(start + r) * m + j] = sims[r * stride + j];
      });
      return out;
    };
    // Seven centers take the 2 × 4 kernel, one center the 4 × 1 kernel.
    const simd = collect(7);
    const simdColumn = collect(1);
    useSimdKernel(false);
    const plain = collect(7);
    for (let i = 0; i < simd.length; i++) expect(simd[i]).toBeCloseTo(plain[i], 5);
    for (let r = 0; r < rows.length; r++) expect(simdColumn[r]).toBeCloseTo(plain[r * 7], 5);
    let direct = 0;
    for (let j = 0; j < dim; j++) direct += vectors.data[rows[5] * dim + j] * centers[3 * dim + j];
    expect(simd[5 * 7 + 3]).toBeCloseTo(direct, 5);
  });

  it("reduces to max and top-k", () => {
    const vectors = { data: Float32Array.from([1, 0, 0, 1, 0.6, 0.8]), dim: 2 };
    const centers = Float32Array.from([1, 0, 0.8, 0.6]);
    const rows = Uint32Array.of(0, 1, 2);
    const max = maxSimilarity(vectors, rows, centers);
    [1, 0.6, 0.96].forEach((value, i) => expect(max[i]).toBeCloseTo(value, 6));
    const all = allRows(3);
    const graph = topSimilar(vectors, all, vectors.data, 2, all);
    expect(Array.from(graph.indices)).toEqual([2, 1, 2, 0, 1, 0]);
  });
});

describe("k-means", () => {
  it("finds well-separated blobs and is reproducible", () => {
    const { vectors, blob } = blobs(5, 20, 8, 0.1);
    for (let seed = 0; seed < 10; seed++) {
      const result = kmeans(vectors, allRows(100), 5, rngFor(seed, "k"));
      // One cluster per blob: the blob → cluster map is a bijection.
      const clusterOf = new Map<number, number>();
      for (let i = 0; i < 100; i++) {
        if (!clusterOf.has(blob[i])) clusterOf.set(blob[i], result.assignment[i]);
        expect(result.assignment[i]).toBe(clusterOf.get(blob[i]));
      }
      expect(new Set(clusterOf.values()).size).toBe(5);
      expect(Array.from(kmeans(vectors, allRows(100), 5, rngFor(seed, "k")).assignment)).toEqual(Array.from(result.assignment));
    }
  });
});
