import { describe, expect, it } from "vitest";
import { TfidfVectorizer } from "../embed/tfidf.js";
import { rngFor } from "../random.js";
import { pairRow, rowTerms } from "./pairFeatures.js";
import { pairAccuracy, RewardModel } from "./rewardModel.js";
import { committeeDisagreement, PREFERENCE_STRATEGIES } from "./strategies.js";

const rng = () => rngFor(1, "test");

describe("preference strategies on known cases", () => {
  it("committee: a 2–1 split disagrees more than a unanimous vote; among equal splits, the mean nearer 1/2 first", () => {
    const judges = [Float64Array.of(0.9, 0.9, 0.6, 0.9), Float64Array.of(0.8, 0.2, 0.4, 0.95), Float64Array.of(0.7, 0.3, 0.45, 0.1)];
    const scores = committeeDisagreement(judges, 4);
    // Unanimous: no vote entropy, only the tie-breaking millionth of the mean's entropy.
    expect(scores[0]).toBeLessThan(1e-6);
    expect(scores[1]).toBeGreaterThan(0);
    // Pairs 1, 2 and 3 all split 2–1 (or 1–2); pair 2's mean P(A) is the nearest 1/2.
    expect(scores[2]).toBeGreaterThan(scores[1]);
    const picked = PREFERENCE_STRATEGIES.committee.pick({ candidates: Uint32Array.of(10, 11, 12, 13), judges, rng: rng() }, 2);
    expect(picked[0]).toBe(12);
    expect(picked).not.toContain(10);
  });

  it("committee: members without an answer abstain", () => {
    const [abstained, split] = committeeDisagreement([Float64Array.of(Number.NaN, 0.1), Float64Array.of(0.9, 0.9)], 2);
    expect(abstained).toBeLessThan(1e-6);
    expect(split).toBeCloseTo(Math.log(2), 5);
  });

  it("reward uncertainty: the pairs whose P(A ≻ B) is nearest 1/2", () => {
    const picked = PREFERENCE_STRATEGIES["reward-uncertainty"].pick(
      { candidates: Uint32Array.of(0, 1, 2, 3), rewardModel: Float64Array.of(0.99, 0.52, 0.1, 0.45), rng: rng() },
      2,
    );
    expect(Array.from(picked)).toEqual([1, 3]);
  });

  it("random draws k distinct candidates", () => {
    const picked = PREFERENCE_STRATEGIES.random.pick({ candidates: Uint32Array.from({ length: 20 }, (_, i) => i), rng: rng() }, 5);
    expect(new Set(picked).size).toBe(5);
  });
});

describe("the Bradley–Terry reward model", () => {
  const classes = ["food", "sport"];
  const texts = ["bread butter oven", "soup garlic chef", "goal match team", "coach league medal", "butter chef bread", "team goal coach"];
  const gold = ["food", "food", "sport", "sport", "food", "sport"];
  const vectorizer = TfidfVectorizer.fit(texts);
  const terms = (i: number) => rowTerms(vectorizer.transform([texts[i]]), 0);

  it("learns which answer fits which words, in either position, and prefers the right answer on held-out prompts with those words", () => {
    const rows = [];
    const preferA = [];
    for (let i = 0; i < 4; i++) {
      const wrong = gold[i] === "food" ? "sport" : "food";
      const aRight = i % 2 === 0;
      rows.push(pairRow(terms(i), aRight ? `${gold[i]}.` : `${wrong}.`, aRight ? `${wrong}.` : `${gold[i]}.`, classes));
      preferA.push(aRight);
    }
    const model = RewardModel.fit(rows, preferA, 10);
    const heldOut = [4, 5].map((i) => pairRow(terms(i), `${gold[i]}.`, `${gold[i] === "food" ? "sport" : "food"}.`, classes));
    const pChosen = model.preferA(heldOut);
    expect(pairAccuracy(pChosen)).toBe(1);
    // Swapping the responses swaps the probability: the model has no favourite position.
    const swapped = model.preferA([pairRow(terms(4), "sport.", "food.", classes)]);
    expect(swapped[0]).toBeCloseTo(1 - pChosen[0], 6);
  });

  it("knows nothing before any label: every pair a coin, counted half", () => {
    const p = RewardModel.fit([], [], 10).preferA([pairRow(terms(0), "food.", "sport.", classes)]);
    expect(Array.from(p)).toEqual([0.5]);
    expect(pairAccuracy(p)).toBe(0.5);
  });
});
