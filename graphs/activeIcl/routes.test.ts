import type { Send } from "@langchain/langgraph";
import { describe, expect, it } from "vitest";
import { loopConfigOf, parseIclConfig } from "../../runtime/config/iclConfig.js";
import type { HumanItem } from "../../tools/annotators/humanAnswer.js";
import { iclAnnotateLLMRoute, iclEvaluateRoute, iclHumanRoute, iclSelectRoute } from "./routes.js";
import type { IclState, Prediction } from "./state.js";

const item = (id: string): HumanItem => ({ id, text: id, reason: "annotation" });
const prediction = (test: number): Prediction => ({ test, label: "a", confidence: 0.9, demonstrations: [] });

/** A state with just what the routes read. */
function state(annotator: Record<string, unknown>, rest: Partial<IclState> = {}): IclState {
  const icl = parseIclConfig({ dataset: { train: "train.jsonl", test: "test.jsonl" }, annotator });
  return {
    icl,
    config: loopConfigOf(icl),
    classes: ["a", "b"],
    round: 0,
    batch: [],
    humanQueue: [],
    predictions: [],
    testItems: [],
    selected: false,
    ...rest,
  } as IclState;
}

describe("the routes of active ICL", () => {
  it("select: to the annotator of the run while selecting, to the evaluation once done", () => {
    expect(iclSelectRoute(state({ kind: "oracle" }))).toBe("annotateOracle");
    expect(iclSelectRoute(state({ kind: "llm", llm: { provider: "simulated" } }))).toBe("annotateLLM");
    expect(iclSelectRoute(state({ kind: "oracle" }, { selected: true }))).toBe("evaluate");
    expect(iclSelectRoute(state({ kind: "human" }, { selected: true, humanQueue: [item("x")] }))).toBe("evaluate");
  });

  it("people: one askHuman task per chunk of the queue, back to select when nobody is left to ask", () => {
    const sends = iclSelectRoute(state({ kind: "human", itemsPerTask: 2 }, { humanQueue: ["a", "b", "c"].map(item) })) as Send[];
    expect(sends.map((send) => [send.node, (send.args as { items: HumanItem[] }).items.length])).toEqual([
      ["askHuman", 2],
      ["askHuman", 1],
    ]);
    expect(iclHumanRoute(state({ kind: "human" }))).toBe("select");
  });

  it("an LLM annotator works through its batch in waves, then back to select", () => {
    const llm = { kind: "llm", llm: { provider: "simulated" } };
    expect(iclAnnotateLLMRoute(state(llm, { batch: ["x"] }))).toBe("annotateLLM");
    expect(iclAnnotateLLMRoute(state(llm))).toBe("select");
  });

  it("the evaluation runs wave after wave until every test input has an answer", () => {
    expect(iclEvaluateRoute(state({ kind: "oracle" }, { testItems: [1, 2, 3], predictions: [prediction(1)] }))).toBe("evaluate");
    expect(iclEvaluateRoute(state({ kind: "oracle" }, { testItems: [1, 2], predictions: [prediction(1), prediction(2)] }))).toBe("score");
  });
});
