import { describe, expect, it } from "vitest";
import { addObservations } from "./calibration.js";
import { overallReliability, worthEscalating } from "./valueCascade.js";
import { DEFAULT_VALUE_ROUTE } from "./valueRouter.js";

describe("the value route's cascade: a strong LLM as one more option, priced per item", () => {
  const answers = [
    { id: "sure", model: "cheap", confidence: 0.97 },
    { id: "unsure", model: "cheap", confidence: 0.55 },
  ];
  // People are right 90% of the time for $0.05; the strong model is believed right 96% of the time for $0.02,
  // firmly (a strong prior: the draws stay near the mean; exploration is tested below).
  const route = { ...DEFAULT_VALUE_ROUTE, labelValueUsd: 1, strongAccuracy: 0.96, humanAccuracy: 0.9, priorStrength: 400 };
  const strong = { model: "strong", costUsd: 0.02 };

  it("asks the strong model about what the cheap one is unsure of, when it is cheaper than people for about as many right labels", () => {
    expect(worthEscalating(answers, {}, route, strong, 0.05, 1)).toEqual(new Set(["unsure"]));
  });

  it("asks it nothing when it costs more than people, or when people found it no better than the cheap one", () => {
    expect(worthEscalating(answers, {}, route, { ...strong, costUsd: 0.2 }, 0.05, 1).size).toBe(0);
    // 400 checked labels of the strong model, 220 right: its reliability falls to about 0.59, below people's.
    const checked = Array.from({ length: 400 }, (_, i) => ({ annotator: "strong", confidence: 0.9, right: i < 220 }));
    const calibration = addObservations({}, checked);
    expect(overallReliability(calibration, "strong", 0.96, route.priorStrength).mean).toBeCloseTo((400 * 0.96 + 220) / 800, 9);
    expect(worthEscalating(answers, calibration, { ...route, priorStrength: 4 }, strong, 0.05, 1).size).toBe(0);
  });

  it("with a target accuracy, escalates only as much as the target needs, cheapest right labels first", () => {
    const many = Array.from({ length: 10 }, (_, i) => ({ id: `i${i}`, model: "cheap", confidence: 0.55 + 0.04 * i }));
    const target = { ...route, targetAccuracy: 0.8 };
    const picked = worthEscalating(many, {}, target, strong, 0.05, 1);
    expect(picked.size).toBeGreaterThan(0);
    expect(picked.size).toBeLessThan(10);
    // The least sure are upgraded first.
    expect([...picked].sort()).toEqual(many.slice(0, picked.size).map((item) => item.id));
  });

  it("explores a strong model nobody has checked yet, though its prior loses to people, and stops once checks show it is worse", () => {
    // People: always right for $0.05. The strong model: believed right 90% of the time (a weak prior), $0.002.
    const explore = { ...DEFAULT_VALUE_ROUTE, labelValueUsd: 1, strongAccuracy: 0.9 };
    const unsure = Array.from({ length: 200 }, (_, i) => ({ id: `u${i}`, model: "cheap", confidence: 0.55 }));
    const cheapStrong = { model: "strong", costUsd: 0.002 };
    const tried = worthEscalating(unsure, {}, explore, cheapStrong, 0.05, 1).size;
    expect(tried).toBeGreaterThan(20);
    expect(tried).toBeLessThan(180);
    const bad = addObservations(
      {},
      Array.from({ length: 100 }, (_, i) => ({ annotator: "strong", confidence: 0.95, right: i < 85 })),
    );
    expect(worthEscalating(unsure, bad, explore, cheapStrong, 0.05, 1).size).toBe(0);
    const good = addObservations(
      {},
      Array.from({ length: 100 }, (_, i) => ({ annotator: "strong", confidence: 0.95, right: i < 99 })),
    );
    expect(worthEscalating(unsure, good, explore, cheapStrong, 0.05, 1).size).toBeGreaterThan(150);
  });

  it("looks one step ahead: a strong model whose sure answers are right is worth asking though people beat its average, as people then get only its unsure ones", () => {
    // People: always right for $0.05. The strong model: 80 of its 100 answers so far stated 0.99
    // (49 of 50 checked right), 20 stated 0.55 (5 of 10 checked right); right about 88% overall.
    const route = { ...DEFAULT_VALUE_ROUTE, labelValueUsd: 1 };
    const checks = [
      ...Array.from({ length: 50 }, (_, i) => ({ annotator: "strong", confidence: 0.99, right: i < 49 })),
      ...Array.from({ length: 10 }, (_, i) => ({ annotator: "strong", confidence: 0.55, right: i < 5 })),
    ];
    const calibration = addObservations({}, checks);
    expect(overallReliability(calibration, "strong", route.strongAccuracy, route.priorStrength).mean).toBeLessThan(0.95 - 0.002);
    const stated = [0, 0, 0, 0, 0, 20, 0, 0, 0, 80];
    const unsure = [{ id: "u", model: "cheap", confidence: 0.55 }];
    expect(worthEscalating(unsure, calibration, route, { model: "strong", costUsd: 0.002, stated }, 0.05, 1)).toEqual(new Set(["u"]));
    // Had its answers all been unsure ones, asking it would only add its price to people's fee.
    const allUnsure = [0, 0, 0, 0, 0, 100, 0, 0, 0, 0];
    expect(worthEscalating(unsure, calibration, route, { model: "strong", costUsd: 0.002, stated: allUnsure }, 0.05, 1).size).toBe(0);
  });
});
