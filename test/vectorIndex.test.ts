import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { ExactIndex } from "../tools/pool/exactIndex.js";
import { HnswIndex, hnswAvailable, hnswMissing, openHnswIndex } from "../tools/pool/hnswIndex.js";
import { rngFor } from "../tools/random.js";
import { query } from "../tools/strategies/registry.js";
import type { QueryInput } from "../tools/strategies/types.js";
import { clusteredPool } from "./helpers/vectors.js";
import { tempDir } from "./helpers/tmp.js";

const n = 400;
const vectors = clusteredPool(n, 24, 8);
const exact = new ExactIndex(vectors);
// hnswlib-node is optional (it compiles at install): without it these tests skip, and
// test/hnswFallback.test.ts checks the exact-search fallback.
if (!hnswAvailable) console.warn(`skipping the HNSW tests: hnswlib-node is not installed (${hnswMissing}); \`npm install\` with a C++ toolchain builds it`);
const hnsw = hnswAvailable ? HnswIndex.build(vectors) : (null as unknown as HnswIndex);

describe.skipIf(!hnswAvailable)("the HNSW index", () => {
  it("finds the exact neighbours on a small pool", () => {
    const graphExact = exact.neighborGraph(20);
    const graphHnsw = hnsw.neighborGraph(20);
    // The same neighbours for every item (their order may differ only between near-equal similarities).
    for (let i = 0; i < n; i++) {
      const row = (graph: typeof graphExact) => Array.from(graph.indices.subarray(i * 20, (i + 1) * 20)).sort((a, b) => a - b);
      expect(row(graphHnsw)).toEqual(row(graphExact));
    }
    for (let i = 0; i < graphExact.similarities.length; i++) expect(graphHnsw.similarities[i]).toBeCloseTo(graphExact.similarities[i], 5);
    const query = vectors.data.subarray(7 * 24, 8 * 24);
    expect(Array.from(hnsw.search(query, 5).indices)).toEqual(Array.from(exact.search(query, 5).indices));
    expect(hnsw.search(query, 1).indices[0]).toBe(7);
  });

  it("makes vector strategies pick the same items as exact search", async () => {
    const probs = new Float32Array(n * 3);
    const rng = rngFor(0, "probs");
    for (let i = 0; i < n; i++) {
      const a = rng.next();
      const b = rng.next() * (1 - a);
      probs.set([a, b, 1 - a - b], 3 * i);
    }
    const labeled = Uint32Array.of(3, 50, 120);
    const unlabeled = Uint32Array.from({ length: n }, (_, i) => i).filter((i) => !labeled.includes(i));
    for (const strategy of ["information-density", "typiclust", "probcover"]) {
      const input = (index: ExactIndex | HnswIndex): QueryInput => ({
        candidates: unlabeled,
        labeled,
        probs,
        vectors,
        index,
        numClasses: 3,
        rng: rngFor(1, strategy),
      });
      expect(Array.from(await query(strategy, input(hnsw), 10)), strategy).toEqual(Array.from(await query(strategy, input(exact), 10)));
    }
  });

  it("is saved and reloaded, and answers the same after reloading", () => {
    const path = join(tempDir(), "pool.hnsw");
    const built = openHnswIndex(path, vectors);
    expect(built.loaded).toBe(false);
    const reloaded = openHnswIndex(path, vectors);
    expect(reloaded.loaded).toBe(true);
    expect(Array.from(reloaded.index.neighborGraph(10).indices)).toEqual(Array.from(built.index.neighborGraph(10).indices));
  });
});
