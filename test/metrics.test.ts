import { describe, expect, it } from "vitest";
import { cohenKappa } from "../tools/metrics/agreement.js";
import { expectedCalibrationError } from "../tools/metrics/calibration.js";
import { accuracy, macroF1 } from "../tools/metrics/classification.js";

describe("metrics", () => {
  it("Cohen's kappa: 1 for identical labelings, 0 at chance, negative below", () => {
    expect(cohenKappa([0, 1, 2, 1], [0, 1, 2, 1], 3)).toBe(1);
    // Two raters who each say 0 half the time, independently: observed 0.5 = expected 0.5.
    expect(cohenKappa([0, 0, 1, 1], [0, 1, 0, 1], 2)).toBeCloseTo(0, 12);
    expect(cohenKappa([0, 1, 0, 1], [1, 0, 1, 0], 2)).toBeCloseTo(-1, 12);
  });

  it("ECE: 0 when confidence matches accuracy, the gap when it does not", () => {
    const confidence = Array.from({ length: 8 }, () => 0.75);
    expect(expectedCalibrationError(confidence, [true, true, true, false, true, true, true, false])).toBeCloseTo(0, 12);
    expect(expectedCalibrationError([0.95, 0.95], [false, false])).toBeCloseTo(0.95, 12);
    // Two bins: 0.2 (right 0 of 2, gap 0.2) and 0.9 (right 2 of 2, gap 0.1), equal weights.
    expect(expectedCalibrationError([0.2, 0.2, 0.9, 0.9], [false, false, true, true])).toBeCloseTo(0.15, 12);
  });

  it("accuracy and macro-F1", () => {
    expect(accuracy([0, 1, 1, 2], [0, 1, 2, 2])).toBe(0.75);
    // F1 per class: 0 → 1, 1 → 2/3, 2 → 2/3.
    expect(macroF1([0, 1, 1, 2], [0, 1, 2, 2], 3)).toBeCloseTo((1 + 2 / 3 + 2 / 3) / 3, 12);
  });
});
