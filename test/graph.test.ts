import { MemorySaver } from "@langchain/langgraph";
import { describe, expect, it, vi } from "vitest";
import { compileActiveLearning, runContext } from "../graphs/activeLearning/graph.js";
import { runThread } from "../graphs/activeLearning/runThread.js";
import { GoldOracle } from "../tools/annotators/goldOracle.js";
import { parseRunConfig } from "../runtime/config/runConfig.js";
import { fixtureConfig } from "./helpers/fixtures.js";
import { syntheticTopics, toJsonl } from "./helpers/synthetic.js";
import { tempDir, writeFile } from "./helpers/tmp.js";

async function run(overrides: Parameters<typeof fixtureConfig>[0]) {
  const { state } = await runThread({ threadId: "t", checkpointer: new MemorySaver(), config: parseRunConfig(fixtureConfig(overrides)) });
  return state;
}

describe("the active-learning graph", () => {
  it("runs three rounds and stops at the label budget", async () => {
    const state = await run({ stopping: { maxLabels: 30 } });
    expect(state.history.map((m) => [m.round, m.labels])).toEqual([
      [0, 10],
      [1, 20],
      [2, 30],
    ]);
    expect(state.stopReason).toMatchObject({ criterion: "maxLabels", round: 2 });
    expect(new Set(state.labels.map((r) => r.id)).size).toBe(30);
    expect(state.history.at(-1)!.accuracy).toBeGreaterThan(0.5);
    expect(Object.keys(state.history[1].stageMs).sort()).toEqual(["annotate", "evaluate", "select", "train"]);
    expect(state.ledger).toMatchObject({ human: { labels: 30 }, totalUsd: 1.5 });
  });

  it("cuts the last batch to the money left and stops at the USD budget without exceeding it", async () => {
    const state = await run({ annotator: { kind: "oracle", feeUsd: 0.5 }, stopping: { maxUsd: 14.9 } });
    expect(state.history.map((m) => m.labels)).toEqual([10, 20, 29]);
    expect(state.ledger.totalUsd).toBeCloseTo(14.5, 9);
    expect(state.stopReason).toMatchObject({ criterion: "maxUsd", round: 2 });
  });

  it("stops on a plateau of the test metric", async () => {
    // A gain of 50 points is never reached, so the plateau fires as soon as it has patience + 1 rounds.
    const state = await run({ stopping: { maxLabels: 200, plateau: { metric: "accuracy", patience: 2, minGain: 0.5 } } });
    expect(state.history).toHaveLength(3);
    expect(state.stopReason).toMatchObject({ criterion: "plateau", round: 2 });
  });

  it("stops when the pool is exhausted, with a short last batch", async () => {
    const dir = tempDir();
    const train = writeFile(dir, "train.jsonl", toJsonl(syntheticTopics(25, 3)));
    const { state } = await runThread({
      threadId: "t",
      checkpointer: new MemorySaver(),
      config: parseRunConfig({ dataset: { train }, stopping: { maxLabels: 100 } }),
    });
    expect(state.history.map((m) => m.labels)).toEqual([10, 20, 25]);
    expect(state.history[0].accuracy).toBeNull();
    expect(state.stopReason).toMatchObject({ criterion: "poolExhausted" });
  });

  it("is reproducible: the same seed gives the same labels", async () => {
    const a = await run({ strategy: "entropy" });
    const b = await run({ strategy: "entropy" });
    expect(b.labels).toEqual(a.labels);
  });

  it("initialize chooses the cold-start batch without reading a gold label", async () => {
    // Same ids and texts, labels shuffled: if initialize peeked at labels, its batch would change.
    const dir = tempDir();
    const rows = syntheticTopics(60, 4);
    const shuffled = rows.map((row, i) => ({ ...row, label: rows[(i * 7) % rows.length].label }));
    const initialBatch = async (file: string) => {
      const graph = compileActiveLearning(new MemorySaver());
      const config = parseRunConfig({ dataset: { train: file, idField: "id" }, stopping: { maxLabels: 10 } });
      const thread = { configurable: { thread_id: "t" }, context: runContext(config) };
      for await (const chunk of await graph.stream({}, { ...thread, streamMode: "updates" })) {
        if ("initialize" in chunk) return (chunk as { initialize: { batch: string[] } }).initialize.batch;
      }
      throw new Error("initialize did not run");
    };
    const a = await initialBatch(writeFile(dir, "a.jsonl", toJsonl(rows)));
    const b = await initialBatch(writeFile(dir, "b.jsonl", toJsonl(shuffled)));
    expect(a).toHaveLength(10);
    expect(b).toEqual(a);
  });

  it("asks the oracle about the chosen batches only", async () => {
    const spy = vi.spyOn(GoldOracle.prototype, "annotate");
    try {
      const state = await run({ strategy: "random" });
      const asked = spy.mock.calls.flatMap(([ids]) => ids);
      expect(asked.sort()).toEqual(state.labels.map((r) => r.id).sort());
    } finally {
      spy.mockRestore();
    }
  });

  it("draws every conditional edge for Studio", () => {
    const mermaid = compileActiveLearning().getGraph().drawMermaid();
    for (const edge of ["initialize -.-> annotateOracle", "select -.-> annotateOracle", "evaluate --> stop", "stop -.-> select", "stop -.-> __end__"]) {
      expect(mermaid).toContain(edge);
    }
  });
});
