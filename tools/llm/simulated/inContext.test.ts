import { describe, expect, it } from "vitest";
import { withDemonstrations } from "./inContext.js";
import type { Teacher } from "./teacher.js";

/** A teacher whose texts are similar when they share their first word. */
const teacher: Teacher = {
  labels: ["a", "b"],
  probabilities: () => Float32Array.from([0.6, 0.4]),
  reservoir: new Map(),
  similarities: (text, others) => Float32Array.from(others, (other) => (other.split(" ")[0] === text.split(" ")[0] ? 1 : 0)),
};

describe("simulated in-context learning", () => {
  const probs = Float32Array.from([0.6, 0.4]);

  it("mixes the model's distribution with the similar demonstrations' labels", () => {
    const out = withDemonstrations(
      probs,
      "x one",
      [
        { label: "b", text: "x two" },
        { label: "a", text: "y three" },
      ],
      teacher,
      0.5,
    );
    // Only the similar demonstration ("x two", label b) votes: 0.5 × (0.6, 0.4) + 0.5 × (0, 1).
    expect(out[0]).toBeCloseTo(0.3, 6);
    expect(out[1]).toBeCloseTo(0.7, 6);
  });

  it("changes nothing at weight 0, without demonstrations, or when none is similar", () => {
    expect(withDemonstrations(probs, "x", [{ label: "b", text: "x" }], teacher, 0)).toBe(probs);
    expect(withDemonstrations(probs, "x", [], teacher, 0.5)).toBe(probs);
    expect(withDemonstrations(probs, "x", [{ label: "b", text: "y" }], teacher, 0.5)).toBe(probs);
  });
});
