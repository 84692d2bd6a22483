import { describe, expect, it } from "vitest";
import { labelLosses, splitBySmallLoss } from "./smallLoss.js";

describe("small-loss selection", () => {
  it("takes −log p of the given label", () => {
    const probs = Float32Array.from([0.5, 0.5, 0.9, 0.1]);
    const losses = labelLosses(probs, Int32Array.from([0, 1]), 2);
    expect(losses[0]).toBeCloseTo(Math.log(2), 6);
    expect(losses[1]).toBeCloseTo(-Math.log(0.1), 5);
  });

  it("keeps, per class, the share with the smallest loss and puts the largest losses first among the noisy", () => {
    // Class 0 has items 0..3 (losses 0.4, 0.1, 2.0, 0.3), class 1 has items 4..5 (losses 1.5, 0.2).
    const losses = Float64Array.from([0.4, 0.1, 2.0, 0.3, 1.5, 0.2]);
    const labels = Int32Array.from([0, 0, 0, 0, 1, 1]);
    const split = splitBySmallLoss(losses, labels, 2, 0.5);
    expect([...split.clean]).toEqual([1, 3, 5]);
    expect([...split.noisy]).toEqual([2, 4, 0]);
  });

  it("ranks within each class, so a class the model finds hard keeps its easiest items", () => {
    // Every loss of class 1 is above every loss of class 0; a global cut would empty class 1.
    const losses = Float64Array.from([0.1, 0.2, 0.3, 0.4, 3, 4]);
    const labels = Int32Array.from([0, 0, 0, 0, 1, 1]);
    const split = splitBySmallLoss(losses, labels, 2, 0.5);
    expect([...split.clean]).toEqual([0, 1, 4]);
  });

  it("keeps at least one item of each class and refuses a share out of range", () => {
    const split = splitBySmallLoss(Float64Array.from([1, 2, 3]), Int32Array.from([0, 1, 1]), 3, 0.1);
    expect([...split.clean]).toEqual([0, 1]);
    expect(() => splitBySmallLoss(Float64Array.from([1]), Int32Array.from([0]), 1, 0)).toThrow(/cleanShare/);
  });
});
