import { describe, expect, it } from "vitest";
import { fewShotDistribution, UnigramModel } from "../simulated/fewShot.js";
import { FEW_SHOT_REPLY_PREFIX, fewShotAnswer, fewShotContinuation, fewShotPrompt, parseFewShotPrompt } from "./fewShotPrompt.js";

describe("the few-shot prompt", () => {
  const input = {
    instructions: "Classify each question by the type of its answer.",
    labels: ["LOC", "HUM"],
    demonstrations: [
      { text: "Where is <Paris>?", label: "LOC" },
      { text: 'Who said "hello"?', label: "HUM" },
    ],
    text: "Where is Rome?",
  };

  it("shows each demonstration answered as the reply must be, and reads back what it shows", () => {
    const turns = fewShotPrompt(input);
    expect(turns[1].content).toContain(`${fewShotAnswer("LOC")}\n`);
    expect(parseFewShotPrompt(turns)).toEqual({ labels: ["LOC", "HUM"], demonstrations: input.demonstrations, text: "Where is Rome?" });
    expect(FEW_SHOT_REPLY_PREFIX + fewShotContinuation("HUM")).toBe('{"label": "HUM"}');
    // Without demonstrations (zero-shot) the examples section is left out.
    expect(fewShotPrompt({ ...input, demonstrations: [] })[1].content).not.toContain("Examples:");
  });

  it("the simulated learner copies the label of the most similar demonstration, over its own prior", () => {
    const prior = Float32Array.of(0.3, 0.7);
    const probs = fewShotDistribution(prior, input.labels, "where is the city of paris", [
      { text: "where is paris", label: "LOC" },
      { text: "who wrote hamlet", label: "HUM" },
    ]);
    expect(probs[0]).toBeGreaterThan(probs[1]);
    expect(probs[0] + probs[1]).toBeCloseTo(1, 6);
    expect(fewShotDistribution(prior, input.labels, "where", [])).toBe(prior);
  });

  it("the simulated perplexity is higher for words it has not seen", () => {
    const model = new UnigramModel(["the cat sat", "the dog sat"]);
    const mean = (values: number[]) => values.reduce((a, b) => a + b, 0) / values.length;
    expect(mean(model.logprobs("the cat"))).toBeGreaterThan(mean(model.logprobs("zebra quantum")));
  });
});
