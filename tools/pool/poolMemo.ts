import type { Vectors } from "../linalg/dense.js";

/**
 * What a strategy builds from the pool vectors alone (a partition, a k-NN graph, typicality),
 * kept with those vectors: built on the first round, read on every later one. Keyed weakly by the
 * vectors' array, which the workspace caches per vector spec, so an entry lives exactly as long
 * as the pool vectors it was built from, and other vectors (another run, a test) never see it.
 */
const memos = new WeakMap<Float32Array, Map<string, unknown>>();

export function poolMemo<T>(vectors: Vectors, key: string, build: () => T): T {
  let memo = memos.get(vectors.data);
  if (!memo) {
    memo = new Map();
    memos.set(vectors.data, memo);
  }
  if (!memo.has(key)) memo.set(key, build());
  return memo.get(key) as T;
}
