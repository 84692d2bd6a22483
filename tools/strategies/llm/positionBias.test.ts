import { describe, expect, it } from "vitest";
import { mulberry32, shuffleInPlace } from "../../random.js";
import { looksPositional } from "./positionBias.js";

describe("looksPositional", () => {
  it("flags the rankings small models were seen to give: the first ten in order, a run further on, counting by tens", () => {
    expect(looksPositional([1, 2, 3, 4, 5, 6, 7, 8, 9, 10])).toBe(true);
    expect(looksPositional([10, 11, 12, 13, 14, 15, 16, 17, 18, 19])).toBe(true);
    expect(looksPositional([10, 20, 30, 40, 5, 6, 7, 8, 9])).toBe(true);
  });

  it("passes rankings by content (random orders, as a model reading shuffled candidates gives), and short ones", () => {
    const rng = mulberry32(4);
    let flagged = 0;
    for (let t = 0; t < 2000; t++) {
      const positions = shuffleInPlace(
        Array.from({ length: 40 }, (_, i) => i + 1),
        rng,
      ).slice(0, 10);
      if (looksPositional(positions)) flagged++;
    }
    expect(flagged).toBeLessThan(10);
    expect(looksPositional([1, 2, 3])).toBe(false);
    expect(looksPositional([7, 3, 9, 1, 12, 4])).toBe(false);
  });
});
