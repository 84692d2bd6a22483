import { END, type Send } from "@langchain/langgraph";
import { describe, expect, it } from "vitest";
import { parseSftConfig } from "../../runtime/config/sftConfig.js";
import type { SftHumanItem } from "../../tools/sft/sftRecords.js";
import { afterAnnotateLLM, afterScore, afterSelect, annotationRoute, peopleRoute, stopRoute } from "./routes.js";
import type { SftState } from "./state.js";

const item = (id: string): SftHumanItem => ({ id, prompt: "p" });

/** A state with just what the routes read. */
function state(config: Record<string, unknown>, rest: Partial<SftState> = {}): SftState {
  return {
    config: parseSftConfig({ source: { dataset: { train: "train.jsonl" } }, ...config }),
    pending: [],
    batch: [],
    toAnnotate: [],
    humanQueue: [],
    budgetRefused: false,
    stopReason: null,
    round: 2,
    ...rest,
  } as SftState;
}

describe("active SFT's routes", () => {
  it("select: score what is pending first, then assign the picks; nothing picked goes to evaluate", () => {
    expect(afterSelect(state({}, { pending: ["a"], batch: ["a"] }))).toBe("score");
    expect(afterSelect(state({}, { batch: ["a"] }))).toBe("assign");
    expect(afterSelect(state({}))).toBe("evaluate");
  });

  it("score: wave after wave, then assign or back to select; a refused call ends the round", () => {
    expect(afterScore(state({}, { pending: ["a"] }))).toBe("score");
    expect(afterScore(state({}, { batch: ["a"] }))).toBe("assign");
    expect(afterScore(state({}))).toBe("select");
    expect(afterScore(state({}, { pending: ["a"], budgetRefused: true }))).toBe("evaluate");
  });

  it("annotation: people (one Send per task), else the oracle or the LLM, else evaluate", () => {
    const sends = annotationRoute(state({ annotator: { kind: "human", itemsPerTask: 2 } }, { humanQueue: ["a", "b", "c"].map(item) })) as Send[];
    expect(sends).toHaveLength(2);
    expect(sends[0].args).toMatchObject({ round: 2, items: [item("a"), item("b")] });
    expect(annotationRoute(state({}, { toAnnotate: ["a"] }))).toBe("annotateOracle");
    expect(annotationRoute(state({ annotator: { kind: "llm" } }, { toAnnotate: ["a"] }))).toBe("annotateLLM");
    expect(annotationRoute(state({}))).toBe("evaluate");
    expect(peopleRoute(state({}))).toBe("evaluate");
    expect(afterAnnotateLLM(state({}, { toAnnotate: ["a"] }))).toBe("annotateLLM");
    expect(afterAnnotateLLM(state({}))).toBe("evaluate");
  });

  it("stop: END once a criterion fired, else another round", () => {
    expect(stopRoute(state({}, { stopReason: { criterion: "maxExamples", message: "m", round: 2 } }))).toBe(END);
    expect(stopRoute(state({}))).toBe("select");
  });
});
