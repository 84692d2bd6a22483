import { END, type Send } from "@langchain/langgraph";
import { describe, expect, it } from "vitest";
import { parsePreferenceConfig } from "../../runtime/config/preferenceConfig.js";
import type { PreferenceHumanItem } from "../../tools/preference/humanPreference.js";
import { afterAnnotateLLM, afterGenerate, annotationRoute, peopleRoute, stopRoute } from "./routes.js";
import type { PreferenceState } from "./state.js";

const item = (id: string): PreferenceHumanItem => ({ id, prompt: "p", a: "x", b: "y" });

/** A state with just what the routes read. */
function state(config: Record<string, unknown>, rest: Partial<PreferenceState> = {}): PreferenceState {
  return {
    config: parsePreferenceConfig({ source: { dataset: { train: "train.jsonl" } }, ...config }),
    toGenerate: [],
    batch: [],
    humanQueue: [],
    budgetRefused: false,
    stopReason: null,
    round: 1,
    ...rest,
  } as PreferenceState;
}

describe("active preference's routes", () => {
  it("generation: wave after wave, then selection; a refused call goes to evaluate", () => {
    expect(afterGenerate(state({}, { toGenerate: ["a"] }))).toBe("generate");
    expect(afterGenerate(state({}))).toBe("select");
    expect(afterGenerate(state({}, { toGenerate: ["a"], budgetRefused: true }))).toBe("evaluate");
  });

  it("annotation: people first (one Send per task of itemsPerTask), else the oracle or the LLM judge, else evaluate", () => {
    const sends = annotationRoute(state({ annotator: { kind: "human", itemsPerTask: 2, feeUsd: 0.3 } }, { humanQueue: ["a", "b", "c"].map(item) })) as Send[];
    expect(sends.map((send) => send.node)).toEqual(["askPeople", "askPeople"]);
    expect(sends[1].args).toEqual({ round: 1, feeUsd: 0.3, items: [item("c")] });
    expect(annotationRoute(state({}, { batch: ["a"] }))).toBe("annotateOracle");
    expect(annotationRoute(state({ annotator: { kind: "llm" } }, { batch: ["a"] }))).toBe("annotateLLM");
    expect(annotationRoute(state({}))).toBe("evaluate");
    expect(peopleRoute(state({}))).toBe("evaluate");
  });

  it("the LLM judge loops over its waves until the batch is empty or the budget refuses", () => {
    expect(afterAnnotateLLM(state({}, { batch: ["a"] }))).toBe("annotateLLM");
    expect(afterAnnotateLLM(state({}, { batch: ["a"], budgetRefused: true }))).toBe("evaluate");
    expect(afterAnnotateLLM(state({}))).toBe("evaluate");
  });

  it("stop: END once a criterion fired, else another round", () => {
    expect(stopRoute(state({}, { stopReason: { criterion: "maxLabels", message: "m", round: 1 } }))).toBe(END);
    expect(stopRoute(state({}))).toBe("select");
  });
});
