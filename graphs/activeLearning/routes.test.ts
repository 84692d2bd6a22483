import { END, type Send } from "@langchain/langgraph";
import { describe, expect, it } from "vitest";
import { parseRunConfig } from "../../runtime/config/runConfig.js";
import type { HumanItem } from "../../tools/annotators/humanAnswer.js";
import type { LabelRecord } from "../../tools/labels/labelRecord.js";
import { annotateLLMRoute, annotationRoute, biasAuditRoute, humanRoute, initialRoute, queryRoute, relabelRoute, stopRoute } from "./routes.js";
import type { State } from "./state.js";

const dataset = { train: "train.jsonl" };
const label = (id: string, value: string): LabelRecord => ({ id, label: value, source: "oracle", confidence: null, costUsd: 0, round: 0 });
const item = (id: string): HumanItem => ({ id, text: id, reason: "annotation" });

/** A state with just what the routes read. */
function state(config: Record<string, unknown>, rest: Partial<State> = {}): State {
  return {
    config: parseRunConfig({ dataset, stopping: { maxLabels: 100 }, ...config }),
    classes: ["a", "b"],
    unlabeled: 50,
    round: 0,
    labels: [],
    batch: [],
    queryNotes: {},
    humanQueue: [],
    failed: [],
    generated: [],
    ledger: { totalUsd: 0, human: { labels: 0, usd: 0 }, llm: {} },
    history: [],
    stageMs: {},
    counters: {},
    audits: [],
    stopReason: null,
    ...rest,
  } as State;
}

describe("the loop's routes", () => {
  it("query: a bias audit once biasAudit.every query rounds have passed since the last, when there are labels", () => {
    const audit = { biasAudit: { every: 2 } };
    const labels = [label("x", "a")];
    expect(queryRoute(state(audit, { round: 1, labels }))).toBe("select");
    expect(queryRoute(state(audit, { round: 2, labels }))).toBe("biasAudit");
    expect(queryRoute(state(audit, { round: 2 }))).toBe("select");
    const done = [{ round: 3, clusters: 2, patterns: [], flagged: [], relabelBy: "llm" as const }];
    expect(queryRoute(state(audit, { round: 4, labels, audits: done }))).toBe("select");
    expect(queryRoute(state(audit, { round: 5, labels, audits: done }))).toBe("biasAudit");
    expect(queryRoute(state({}, { round: 9, labels }))).toBe("select");
  });

  it("after an audit: its LLM relabels in waves, people get their share at the audit's fee, or on to train", () => {
    const llm = state({ biasAudit: { relabelBy: "llm" } }, { batch: ["x"] });
    expect(biasAuditRoute(llm)).toBe("relabelFlagged");
    expect(relabelRoute(llm)).toBe("relabelFlagged");
    expect(relabelRoute(state({ biasAudit: {} }))).toBe("train");
    expect(biasAuditRoute(state({ biasAudit: {} }))).toBe("train");
    const queue = [item("p"), { ...item("q"), reason: "bias-audit" }, { ...item("r"), reason: "bias-audit" }];
    const sends = biasAuditRoute(
      state(
        { annotator: { kind: "human", feeUsd: 0.1, itemsPerTask: 5 }, biasAudit: { relabelBy: "human", humanFeeUsd: 0.5, itemsPerTask: 1 } },
        { humanQueue: queue },
      ),
    ) as Send[];
    expect(sends.map((send) => [send.args.feeUsd, send.args.items.map((i: HumanItem) => i.id)])).toEqual([
      [0.1, ["p"]],
      [0.5, ["q"]],
      [0.5, ["r"]],
    ]);
  });

  it("query: select, unless the generation policy asks for generation", () => {
    expect(queryRoute(state({}))).toBe("select");
    expect(queryRoute(state({ generation: {} }, { unlabeled: 0 }))).toBe("generate");
    expect(queryRoute(state({ generation: { whenPoolExhausted: false } }, { unlabeled: 0 }))).toBe("select");
    // Every fourth round generates at ratio 0.25.
    expect([0, 1, 2, 3, 4, 5, 6, 7].map((round) => queryRoute(state({ generation: { ratio: 0.25 } }, { round })))).toEqual([
      "select",
      "select",
      "select",
      "generate",
      "select",
      "select",
      "select",
      "generate",
    ]);
    // Class b has 1 of 10 labels: less than half its even share of 5.
    const skewed = [...Array.from({ length: 9 }, (_, i) => label(`a${i}`, "a")), label("b0", "b")];
    expect(queryRoute(state({ generation: { minClassShare: 0.5 } }, { labels: skewed }))).toBe("generate");
    expect(queryRoute(state({ generation: { minClassShare: 0.1 } }, { labels: skewed }))).toBe("select");
  });

  it("annotate: by the annotator's kind; people get one task per chunk of the queue", () => {
    expect(annotationRoute(state({}))).toBe("annotateOracle");
    expect(annotationRoute(state({ annotator: { kind: "llm" } }))).toBe("annotateLLM");
    expect(annotationRoute(state({ annotator: { kind: "committee" } }))).toBe("annotateCommittee");
    expect(annotationRoute(state({ annotator: { kind: "human" } }))).toBe("train");
    const sends = humanRoute(state({ annotator: { kind: "human", itemsPerTask: 2, feeUsd: 0.1 } }, { humanQueue: ["x", "y", "z"].map(item) }));
    expect(sends).toHaveLength(2);
    expect((sends as Send[]).map((send) => send.args.items.map((i: HumanItem) => i.id))).toEqual([["x", "y"], ["z"]]);
    expect((sends as Send[])[0]).toMatchObject({ node: "askHuman", args: { feeUsd: 0.1, classes: ["a", "b"] } });
  });

  it("waves, the cold start and the end", () => {
    expect(annotateLLMRoute(state({ annotator: { kind: "llm" } }, { batch: ["x"] }))).toBe("annotateLLM");
    expect(annotateLLMRoute(state({ annotator: { kind: "llm" } }))).toBe("train");
    expect(initialRoute(state({ generation: { coldStart: true } }))).toBe("generate");
    expect(stopRoute(state({}, { stopReason: { criterion: "maxLabels", message: "done", round: 3 } }))).toBe(END);
    expect(stopRoute(state({}))).toBe("select");
  });
});
