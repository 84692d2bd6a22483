import { describe, expect, it } from "vitest";
import { checkLabelMix, predictedMix } from "./labelMix.js";

const classes = ["ham", "spam"];
const repeat = (label: string, n: number) => Array.from({ length: n }, () => label);

describe("checking a round's machine labels against the pool's predicted mix", () => {
  it("warns when every label of a round is the majority class though the model expects the other class often", () => {
    // 20 × "ham" when 30% of the pool looks like spam: chance 0.7^20 ≈ 0.08%.
    const check = checkLabelMix(repeat("ham", 20), classes, [0.7, 0.3], 3);
    expect(check.oneClass).toBe("ham");
    expect(check.warning).toBe(
      'round 3: all 20 machine labels are "ham", though the model predicts 30% of the pool is another class (chance < 0.1%): check the annotator',
    );
  });

  it("stays quiet when one class throughout is likely under the predicted mix", () => {
    // 0.87^10 ≈ 25%: ten hams in a row is ordinary on SMS spam.
    expect(checkLabelMix(repeat("ham", 10), classes, [0.87, 0.13], 1).warning).toBeNull();
  });

  it("warns when the model trained on the labels itself puts nearly the whole pool in that class", () => {
    const check = checkLabelMix(repeat("ham", 10), classes, [0.97, 0.03], 2);
    expect(check.warning).toMatch(/^round 2: all 10 machine labels are "ham", and the model trained on the labels puts 97% of the pool there/);
  });

  it("warns when a mixed round departs from the predicted mix by more than sampling explains, not when it is close", () => {
    const far = checkLabelMix([...repeat("ham", 19), "spam"], classes, [0.4, 0.6], 4);
    expect(far.oneClass).toBeNull();
    expect(far.departure).toBeCloseTo(0.55, 10);
    expect(far.warning).toBe(
      "round 4: the 20 machine labels (ham 95%, spam 5%) depart from the pool's predicted mix (ham 40%, spam 60%) by 55%: check the annotator",
    );
    const near = checkLabelMix([...repeat("ham", 9), ...repeat("spam", 11)], classes, [0.4, 0.6], 4);
    expect(near.departure).toBeCloseTo(0.05, 10);
    expect(near.warning).toBeNull();
  });

  it("says nothing about fewer than five labels", () => {
    expect(checkLabelMix(repeat("ham", 4), classes, [0.5, 0.5], 1).warning).toBeNull();
  });

  it("averages the predicted probabilities of the pool's rows", () => {
    expect(Array.from(predictedMix(Float32Array.from([0.9, 0.1, 0.5, 0.5, 0.1, 0.9]), 2))).toEqual([expect.closeTo(0.5, 6), expect.closeTo(0.5, 6)]);
    expect(Array.from(predictedMix(Float32Array.from([1, 0, 1, 0]), 2))).toEqual([1, 0]);
  });
});
