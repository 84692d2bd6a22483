import { describe, expect, it } from "vitest";
import { mulberry32 } from "../random.js";
import { type CsrMatrix, csrFromDense } from "./csr.js";
import {
  addRowOuter,
  addRowTimesWeights,
  compactColumns,
  concatFeatures,
  denseFeatures,
  expandWeights,
  type FeatureMatrix,
  rowSquaredNorm,
  selectFeatureRows,
  selectFeatureRowsFrom,
  sparseFeatures,
} from "./featureMatrix.js";

/** A random sparse matrix (about a third of the entries set) and the same entries dense. */
function randomPair(rows: number, cols: number, seed: number): { sparse: CsrMatrix; dense: number[][] } {
  const rng = mulberry32(seed);
  const dense = Array.from({ length: rows }, () => Array.from({ length: cols }, () => (rng.next() < 0.33 ? rng.next() - 0.5 : 0)));
  const sparse = csrFromDense(dense);
  return { sparse, dense: dense.map((row) => row.map(Math.fround)) };
}

/** X[i] as plain numbers, column by column. */
function rowOf(X: FeatureMatrix, i: number): number[] {
  const out: number[] = [];
  for (let j = 0; j < X.cols; j++) {
    const W = new Float64Array(X.cols);
    W[j] = 1;
    const cell = new Float64Array(1);
    addRowTimesWeights(X, i, W, 1, cell);
    out.push(cell[0]);
  }
  return out;
}

describe("feature matrices", () => {
  const a = randomPair(6, 5, 1);
  const b = randomPair(6, 4, 2);
  const both = concatFeatures([sparseFeatures(a.sparse), denseFeatures({ data: Float32Array.from(b.dense.flat()), dim: 4 })]);

  it("concatenate sparse and dense blocks column-wise, and the kernels read them as one row", () => {
    expect([both.rows, both.cols]).toEqual([6, 9]);
    for (let i = 0; i < 6; i++) {
      const expected = [...a.dense[i], ...b.dense[i]];
      expect(rowOf(both, i)).toEqual(expected);
      expect(rowSquaredNorm(both, i)).toBeCloseTo(
        expected.reduce((s, v) => s + v * v, 0),
        10,
      );
    }
  });

  it("select and stack rows in any order, from several sources laid out alike", () => {
    const picked = selectFeatureRows(both, [4, 0, 4]);
    expect([0, 1, 2].map((r) => rowOf(picked, r))).toEqual([4, 0, 4].map((i) => rowOf(both, i)));
    const stacked = selectFeatureRowsFrom(
      [both, picked],
      [
        [1, 1],
        [0, 5],
      ],
    );
    expect([rowOf(stacked, 0), rowOf(stacked, 1)]).toEqual([rowOf(both, 0), rowOf(both, 5)]);
    expect(() => selectFeatureRowsFrom([both, sparseFeatures(a.sparse)], [[0, 0]])).toThrow(/differ in their blocks/);
  });

  it("accumulate a gradient that is the transpose of the scores", () => {
    // Σ_k out_k · coef_k computed both ways: through scores (X·W) and through the gradient (Xᵀ·coef).
    const m = 3;
    const rng = mulberry32(3);
    const W = Float64Array.from({ length: both.cols * m }, () => rng.next() - 0.5);
    const coef = Float64Array.from({ length: m }, () => rng.next() - 0.5);
    for (let i = 0; i < both.rows; i++) {
      const scores = new Float64Array(m);
      addRowTimesWeights(both, i, W, m, scores);
      const G = new Float64Array(both.cols * m);
      addRowOuter(both, i, coef, m, G);
      const viaScores = scores.reduce((s, v, k) => s + v * coef[k], 0);
      const viaGradient = G.reduce((s, g, j) => s + g * W[j], 0);
      expect(viaGradient).toBeCloseTo(viaScores, 10);
    }
  });

  it("compact to the columns used, and expand weights back to where they belong", () => {
    const rows = selectFeatureRows(both, [1, 3]);
    const { X, columnOf } = compactColumns(rows);
    const used = new Set([1, 3].flatMap((i) => a.dense[i].flatMap((v, j) => (v !== 0 ? [j] : []))));
    expect(X.cols).toBe(used.size + 4);
    const m = 2;
    const rng = mulberry32(4);
    const compact = Float64Array.from({ length: X.cols * m }, () => rng.next());
    const full = expandWeights(compact, columnOf, rows.cols, m);
    for (let r = 0; r < 2; r++) {
      const viaCompact = new Float64Array(m);
      const viaFull = new Float64Array(m);
      addRowTimesWeights(X, r, compact, m, viaCompact);
      addRowTimesWeights(rows, r, full, m, viaFull);
      for (let k = 0; k < m; k++) expect(viaCompact[k]).toBeCloseTo(viaFull[k], 12);
    }
  });
});
