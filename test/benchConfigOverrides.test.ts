import { describe, expect, it } from "vitest";
import { configOverrides, withOverrides } from "../evals/configOverrides.js";

describe("the benchmark's --config overrides", () => {
  it("reach a field inside an annotator named on --annotators, and keep the rest of it", () => {
    const annotator = { kind: "llm", llm: { provider: "simulated" }, review: { humanFeeUsd: 0.05 }, route: "value", value: { labelValueUsd: 2 } };
    const overrides = configOverrides('{"annotator":{"value":{"byAgreement":true}}}');
    expect(withOverrides(annotator, overrides.annotator)).toEqual({ ...annotator, value: { labelValueUsd: 2, byAgreement: true } });
    // Without annotator overrides, the cell's own annotator is used as it is.
    expect(withOverrides(annotator, undefined)).toBe(annotator);
    // A list or a scalar replaces; it is not merged.
    expect(withOverrides({ arms: ["a", "b"], n: 1 }, { arms: ["c"], n: 2 })).toEqual({ arms: ["c"], n: 2 });
  });
});
