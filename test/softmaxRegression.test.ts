import { describe, expect, it } from "vitest";
import { csrFromDense, selectRows, type CsrMatrix } from "../tools/linalg/csr.js";
import { minimizeLbfgs } from "../tools/models/lbfgs.js";
import { sparseFeatures } from "../tools/linalg/featureMatrix.js";
import { fitSoftmaxRegression } from "../tools/models/softmaxRegression.js";
import { mulberry32 } from "../tools/random.js";

const csr = csrFromDense;

const SoftmaxRegression = {
  fit: (X: CsrMatrix, y: ArrayLike<number>, numClasses: number, options?: Parameters<typeof fitSoftmaxRegression>[3]) => {
    const model = fitSoftmaxRegression(sparseFeatures(X), y, numClasses, options);
    return { predict: (Z: CsrMatrix) => model.predict(sparseFeatures(Z)), predictProba: (Z: CsrMatrix) => model.probabilities(sparseFeatures(Z)) };
  },
};

/** Three well-separated blobs in 4 dimensions. */
function blobs(perClass: number, seed: number) {
  const rng = mulberry32(seed);
  const centers = [
    [2, 0, 0, 0],
    [0, 2, 0, 0],
    [0, 0, 2, 0.5],
  ];
  const rows: number[][] = [];
  const y: number[] = [];
  centers.forEach((center, c) => {
    for (let i = 0; i < perClass; i++) {
      rows.push(center.map((v) => v + 0.3 * (rng.next() - 0.5)));
      y.push(c);
    }
  });
  return { X: csr(rows), y };
}

describe("SoftmaxRegression", () => {
  it("separates a separable toy set", () => {
    const { X, y } = blobs(20, 1);
    const model = SoftmaxRegression.fit(X, y, 3, { C: 10, maxIterations: 500, tolerance: 1e-6 });
    expect(Array.from(model.predict(X))).toEqual(y);
    const test = blobs(10, 2);
    expect(Array.from(model.predict(test.X))).toEqual(test.y);
  });

  it("gives probabilities that sum to 1", () => {
    const { X, y } = blobs(10, 3);
    const probs = SoftmaxRegression.fit(X, y, 3).predictProba(X);
    for (let i = 0; i < X.rows; i++) {
      const row = probs.subarray(3 * i, 3 * i + 3);
      expect(row.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 5);
      for (const p of row) expect(p).toBeGreaterThanOrEqual(0);
    }
  });

  it("is deterministic: the same labels give the same model", () => {
    const { X, y } = blobs(15, 4);
    const a = SoftmaxRegression.fit(X, y, 3).predictProba(X);
    const b = SoftmaxRegression.fit(X, y, 3).predictProba(X);
    expect(Array.from(a)).toEqual(Array.from(b));
  });

  it("gives classes it has not seen probability 0", () => {
    const { X, y } = blobs(10, 5);
    const rows = y.map((c, i) => (c === 2 ? -1 : i)).filter((i) => i >= 0);
    const sub = selectRows(X, rows);
    const probs = SoftmaxRegression.fit(
      sub,
      rows.map((i) => y[i]),
      3,
    ).predictProba(X);
    for (let i = 0; i < X.rows; i++) expect(probs[3 * i + 2]).toBe(0);
  });

  it("with two classes matches binary logistic regression (scikit-learn's objective)", () => {
    // One feature, no noise: the binary optimum of mean log-loss + w²/(2Cn) is found by a 1-D search.
    const X = csr([[1], [2], [-1], [-2]].map((r) => [r[0]]));
    const y = [1, 1, 0, 0];
    const C = 0.5;
    const model = SoftmaxRegression.fit(X, y, 2, { C, maxIterations: 500, tolerance: 1e-10 });
    const objective = (w: number) =>
      [1, 2, -1, -2].reduce((sum, x, i) => sum + Math.log(1 + Math.exp(-(y[i] ? 1 : -1) * w * x)), 0) / 4 + (w * w) / (2 * C * 4);
    let best = 0;
    for (let w = 0; w < 5; w += 1e-4) if (objective(w) < objective(best)) best = w;
    const p = model.predictProba(csr([[1]]))[1];
    expect(p).toBeCloseTo(1 / (1 + Math.exp(-best)), 3);
  });
});

describe("L-BFGS", () => {
  it("finds the minimum of the Rosenbrock function", () => {
    const result = minimizeLbfgs(
      (x, g) => {
        const [a, b] = [x[0], x[1]];
        g[0] = -2 * (1 - a) - 400 * a * (b - a * a);
        g[1] = 200 * (b - a * a);
        return (1 - a) ** 2 + 100 * (b - a * a) ** 2;
      },
      Float64Array.from([-1.2, 1]),
      { maxIterations: 500, gradientTolerance: 1e-8, memory: 10 },
    );
    expect(result.x[0]).toBeCloseTo(1, 4);
    expect(result.x[1]).toBeCloseTo(1, 4);
  });
});
