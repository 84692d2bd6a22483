import { describe, expect, it } from "vitest";
import { ClassCoverageSchema, coverageCollapsed, isGuarded, predictedShares } from "./classCoverage.js";
import { STRATEGIES, STRATEGY_NAMES } from "./registry.js";

describe("the class-coverage guard", () => {
  it("watches the methods that pick without the model, and leaves random sampling and the model's own methods alone", () => {
    const guarded = STRATEGY_NAMES.filter((name) => isGuarded(STRATEGIES[name]));
    expect(guarded.sort()).toEqual(["coreset", "kmeans-centroids", "probcover", "typiclust"]);
  });

  it("measures the share of the candidates the model gives each class", () => {
    // Rows 0–3: classes 0, 0, 1, 2 by their largest probability.
    const probs = Float32Array.from([0.8, 0.1, 0.1, 0.5, 0.3, 0.2, 0.2, 0.7, 0.1, 0.3, 0.3, 0.4]);
    expect(Array.from(predictedShares(probs, 3, Uint32Array.of(0, 1, 2, 3)))).toEqual([0.5, 0.25, 0.25]);
    expect(Array.from(predictedShares(probs, 3, Uint32Array.of(0, 1)))).toEqual([1, 0, 0]);
  });

  it("calls a model collapsed when one class takes at least maxPredictedShare of the candidates", () => {
    const settings = ClassCoverageSchema.parse({ maxPredictedShare: 0.9 });
    // Ten rows of two classes: class 0 predicted for 9 (collapsed at 0.9), then for 8 (not).
    const probs = (zeros: number) => Float32Array.from({ length: 20 }, (_, j) => (j >> 1 < zeros ? (j % 2 === 0 ? 0.6 : 0.4) : j % 2 === 0 ? 0.3 : 0.7));
    const all = Uint32Array.from({ length: 10 }, (_, i) => i);
    expect(coverageCollapsed(probs(9), 2, all, settings)).toBe(true);
    expect(coverageCollapsed(probs(8), 2, all, settings)).toBe(false);
    expect(coverageCollapsed(probs(10), 2, all, ClassCoverageSchema.parse({ maxPredictedShare: 1 }))).toBe(true);
  });
});
