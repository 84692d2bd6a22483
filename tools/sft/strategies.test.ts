import { describe, expect, it } from "vitest";
import { TfidfVectorizer } from "../embed/tfidf.js";
import { normalizeRows } from "../linalg/dense.js";
import { rngFor } from "../random.js";
import { facilityLocation } from "./facilityLocation.js";
import { selfConsistency } from "./selfConsistency.js";
import { SFT_STRATEGIES } from "./strategies.js";

const rng = () => rngFor(3, "test");

describe("active SFT strategies on known cases", () => {
  // Two tight clusters of three (around x and around y) and a lone point on z.
  const vectors = {
    dim: 3,
    data: normalizeRows(Float32Array.of(1, 0.1, 0, 1, 0, 0.1, 1, 0.05, 0.05, 0.1, 1, 0, 0, 1, 0.1, 0.05, 1, 0.05, 0, 0, 1), 3),
  };

  it("facility location covers each cluster once before taking a second of any", () => {
    const picked = facilityLocation(vectors, Uint32Array.of(0, 1, 2, 3, 4, 5, 6), new Uint32Array(0), 3, rng());
    expect(new Set(Array.from(picked, (p) => (p < 3 ? "x" : p < 6 ? "y" : "z")))).toEqual(new Set(["x", "y", "z"]));
    // The two three-point clusters cover more than the lone point: they come first.
    expect(picked[2]).toBe(6);
  });

  it("facility location fills what earlier rounds left uncovered", () => {
    const picked = facilityLocation(vectors, Uint32Array.of(1, 2, 4, 6), Uint32Array.of(0, 3), 1, rng());
    expect(Array.from(picked)).toEqual([6]);
  });

  it("uncertainty takes the prompts whose samples disagree most; self-training the ones they agree on", () => {
    const input = { candidates: Uint32Array.of(7, 8, 9), uncertainty: Float64Array.of(0, 0.75, 0.5), rng: rng() };
    expect(Array.from(SFT_STRATEGIES.uncertainty.pick(input, 2))).toEqual([8, 9]);
    expect(Array.from(SFT_STRATEGIES["self-training"].pick(input, 1))).toEqual([7]);
    expect(Array.from(SFT_STRATEGIES.quality.pick({ ...input, quality: Float64Array.of(0.2, 0.1, 0.9) }, 1))).toEqual([9]);
  });

  it("self-consistency: the majority answer, its first response, the agreement and the spread of the words", () => {
    const vectorizer = TfidfVectorizer.fit(["sport about a match", "food about bread", "tech about code"]);
    const result = selfConsistency(["food. bread", "sport. a match", "sport. the match", "tech."], ["food", "sport", "tech"], vectorizer);
    expect(result).toMatchObject({ answer: "sport", response: "sport. a match", agreement: 0.5 });
    expect(result.spread).toBeGreaterThan(0);
    expect(selfConsistency(["food.", "food."], ["food", "sport"], vectorizer)).toMatchObject({ agreement: 1, spread: 0 });
  });
});
