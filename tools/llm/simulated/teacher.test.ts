import { describe, expect, it } from "vitest";
import { TfidfVectorizer } from "../../embed/tfidf.js";
import { reservoirTeacher } from "./teacher.js";

describe("the simulated LLM's teacher", () => {
  // 90% ham, 10% spam: a classifier fitted on it says "ham" for anything it cannot tell.
  const ham = Array.from({ length: 90 }, (_, i) => ({ id: `h${i}`, text: `hello friend see you later at ${["home", "work", "lunch"][i % 3]}`, label: "ham" }));
  const spam = Array.from({ length: 10 }, (_, i) => ({ id: `s${i}`, text: `win cash prize now ${["free", "claim", "call"][i % 3]}`, label: "spam" }));
  const reservoir = [...ham, ...spam];
  const teacher = reservoirTeacher(reservoir, ["ham", "spam"], TfidfVectorizer.fit(reservoir.map((item) => item.text)));

  it("does not carry the reservoir's class prior: a text it knows nothing about is not 'ham' at 90%", () => {
    const [pHam, pSpam] = teacher.probabilities("quantum zebra");
    expect(pHam + pSpam).toBeCloseTo(1, 5);
    // Divided by the class shares, what the classifier learned of the prior is gone (and a little more).
    expect(pSpam).toBeGreaterThan(0.35);
  });

  it("still tells the classes apart", () => {
    expect(teacher.probabilities("win a free cash prize")[1]).toBeGreaterThan(0.8);
    expect(teacher.probabilities("see you at home friend")[0]).toBeGreaterThan(0.8);
  });
});
