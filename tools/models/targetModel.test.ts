import { describe, expect, it } from "vitest";
import { concatFeatures, denseFeatures, type FeatureMatrix, sparseFeatures } from "../linalg/featureMatrix.js";
import { normalizeRows } from "../linalg/dense.js";
import { mulberry32, rngFor } from "../random.js";
import { argmaxRows } from "./linearModel.js";
import { ModelConfigSchema } from "./modelConfig.js";
import { BUILT_IN_TARGET_MODELS, targetModelFactory } from "./registry.js";
import type { TrainingSet } from "./targetModel.js";

const K = 4;
const CLASSES = ["a", "b", "c", "d"];

/**
 * A separable toy set in two views of the same items: sparse "documents" (two of their class's
 * four topic words and two of twenty shared noise words, unit length) and dense vectors (their
 * class's centre plus noise, unit length).
 */
function toySet(perClass: number, seed: number): { sparse: FeatureMatrix; dense: FeatureMatrix; y: Int32Array } {
  const centreRng = mulberry32(0);
  const centres = Array.from({ length: K }, () => Array.from({ length: 16 }, () => centreRng.next() - 0.5));
  const rng = mulberry32(seed);
  const indptr = [0];
  const indices: number[] = [];
  const values: number[] = [];
  const dense: number[] = [];
  const y: number[] = [];
  for (let c = 0; c < K; c++) {
    for (let i = 0; i < perClass; i++) {
      const row = new Map<number, number>();
      while (row.size < 2) row.set(c * 4 + rng.int(4), 0.5 + rng.next() / 2);
      while (row.size < 4) row.set(4 * K + rng.int(20), 0.1 + 0.3 * rng.next());
      const norm = Math.sqrt([...row.values()].reduce((s, v) => s + v * v, 0));
      for (const [j, v] of [...row.entries()].sort((p, q) => p[0] - q[0])) {
        indices.push(j);
        values.push(v / norm);
      }
      indptr.push(indices.length);
      dense.push(...centres[c].map((v) => v + 0.15 * (rng.next() - 0.5)));
      y.push(c);
    }
  }
  const n = y.length;
  const csr = { rows: n, cols: 4 * K + 20, indptr: Uint32Array.from(indptr), indices: Uint32Array.from(indices), values: Float32Array.from(values) };
  return { sparse: sparseFeatures(csr), dense: denseFeatures({ data: normalizeRows(Float32Array.from(dense), 16), dim: 16 }), y: Int32Array.from(y) };
}

const train = toySet(6, 1);
const test = toySet(30, 2);
const views = {
  sparse: (set: typeof train) => set.sparse,
  dense: (set: typeof train) => set.dense,
  both: (set: typeof train) => concatFeatures([set.sparse, set.dense]),
};
const trainingSet = (features: FeatureMatrix, y: Int32Array): TrainingSet => ({ features, y, texts: Array.from(y, () => ""), classes: CLASSES });

async function fitted(kind: string, features: FeatureMatrix, y: Int32Array, seed = 0) {
  return targetModelFactory(kind)(trainingSet(features, y), { settings: ModelConfigSchema.parse({ kind }), rng: rngFor(seed, "target-model", y.length) });
}

describe.each(Object.keys(BUILT_IN_TARGET_MODELS))("the %s target model", (kind) => {
  it.each(Object.keys(views) as Array<keyof typeof views>)("separates a toy set from six labels a class (%s features)", async (view) => {
    const model = await fitted(kind, views[view](train), train.y);
    const rows = views[view](test);
    const probs = await model.predictProba({ features: rows, texts: [] });
    const predicted = argmaxRows(probs, K);
    const right = predicted.filter((c, i) => c === test.y[i]).length;
    expect(right / test.y.length).toBeGreaterThanOrEqual(0.98);
    for (let i = 0; i < rows.rows; i++) {
      const row = probs.subarray(i * K, (i + 1) * K);
      expect(row.reduce((s, p) => s + p, 0)).toBeCloseTo(1, 5);
      // Sure of what it gets right, on a set this easy.
      if (predicted[i] === test.y[i]) expect(row[predicted[i]]).toBeGreaterThan(1 / K);
    }
  });

  it("is deterministic for a seed: the same labels and stream give the same probabilities", async () => {
    const a = await fitted(kind, views.both(train), train.y, 7);
    const b = await fitted(kind, views.both(train), train.y, 7);
    const rows = { features: views.both(test), texts: [] };
    expect(Array.from(await a.predictProba(rows))).toEqual(Array.from(await b.predictProba(rows)));
  });

  it("gives classes it has not seen probability 0, and one class seen all of it", async () => {
    const keep = Array.from(train.y.keys()).filter((i) => train.y[i] !== 3);
    const { selectFeatureRows } = await import("../linalg/featureMatrix.js");
    const three = await fitted(
      kind,
      selectFeatureRows(train.sparse, keep),
      Int32Array.from(keep, (i) => train.y[i]),
    );
    const probs = await three.predictProba({ features: test.sparse, texts: [] });
    for (let i = 0; i < test.y.length; i++) expect(probs[i * K + 3]).toBe(0);
    const onlyB = Array.from(train.y.keys()).filter((i) => train.y[i] === 1);
    const one = await fitted(
      kind,
      selectFeatureRows(train.sparse, onlyB),
      Int32Array.from(onlyB, () => 1),
    );
    expect(Array.from((await one.predictProba({ features: test.sparse, texts: [] })).subarray(0, K))).toEqual([0, 1, 0, 0]);
  });
});
