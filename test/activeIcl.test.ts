import { readFileSync } from "node:fs";
import { MemorySaver } from "@langchain/langgraph";
import { describe, expect, it } from "vitest";
import { simulatedHumans } from "../graphs/activeLearning/simulatedHumans.js";
import { runIclThread } from "../graphs/activeIcl/runIclThread.js";
import { type IclConfigInput, loopConfigOf, parseIclConfig } from "../runtime/config/iclConfig.js";
import { registerChatModel } from "../tools/llm/customModels.js";
import { ICL_STRATEGY_NAMES } from "../tools/strategies/icl/registry.js";
import { FIXTURE_TEST, FIXTURE_TRAIN } from "./helpers/fixtures.js";
import { ScriptedChatModel } from "./helpers/scriptedChatModel.js";

const base: IclConfigInput = {
  dataset: { train: FIXTURE_TRAIN, test: FIXTURE_TEST },
  k: 4,
  seed: 2,
  learner: { provider: "simulated" },
  llmCache: "off",
  evaluation: { testSize: 30, wave: 10 },
  scoring: { poolSample: 40 },
};

const run = (overrides: Partial<IclConfigInput>, checkpointer = new MemorySaver(), threadId = "t") =>
  runIclThread({ threadId, checkpointer, config: { ...base, ...overrides } });

describe("active in-context learning on the simulator", () => {
  it("runs every strategy end to end: labels within the budget, every test input answered, every call booked", async () => {
    for (const strategy of ICL_STRATEGY_NAMES) {
      const { state, status } = await run({ strategy, budget: { maxLabels: 12 } });
      expect(status, strategy).toBe("new");
      expect(state.labels.length, strategy).toBeGreaterThanOrEqual(4);
      expect(state.labels.length, strategy).toBeLessThanOrEqual(12);
      expect(state.predictions, strategy).toHaveLength(30);
      expect(new Set(state.predictions.map((p) => p.test)).size, strategy).toBe(30);
      const labeled = new Set(state.labels.map((record) => record.id));
      for (const prediction of state.predictions) {
        expect(prediction.demonstrations.length, strategy).toBe(4);
        expect(
          prediction.demonstrations.every((id) => labeled.has(id)),
          strategy,
        ).toBe(true);
      }
      const learner = state.ledger.llm["simulated:gpt-4o-mini"];
      // One call a test input, plus one a scored item for the strategies that ask the LLM about the pool.
      const scoring = strategy === "uncertainty" || strategy === "perplexity" || strategy === "vote-k" ? 40 : 0;
      expect(learner.calls, strategy).toBeGreaterThanOrEqual(30 + (strategy === "vote-k" ? 36 : scoring));
      expect(state.ledger.totalUsd, strategy).toBeCloseTo(learner.usd + state.ledger.human.usd, 12);
      const metrics = state.history.at(-1)!;
      expect(metrics.accuracy, strategy).toBeGreaterThan(0.3);
      expect(state.stopReason?.criterion, strategy).toBe("evaluated");
    }
  });

  it("similarity shows each test input its own nearest labeled items; random shows every input the same k", async () => {
    const similar = (await run({ strategy: "similarity", budget: { maxLabels: 40 } })).state;
    expect(new Set(similar.predictions.map((p) => p.demonstrations.join())).size).toBeGreaterThan(10);
    const random = (await run({ strategy: "random" })).state;
    expect(random.labels).toHaveLength(4);
    expect(new Set(random.predictions.map((p) => p.demonstrations.join())).size).toBe(1);
    // The simulator copies the label of the most similar example (tools/llm/simulated/fewShot.ts): similarity wins there by construction.
    expect(similar.history.at(-1)!.accuracy!).toBeGreaterThan(random.history.at(-1)!.accuracy!);
  });

  it("with retrieval nearest, a strategy labels the whole budget and each input retrieves among it", async () => {
    const { state } = await run({ strategy: "diversity", retrieval: "nearest", budget: { maxLabels: 12 } });
    expect(state.labels).toHaveLength(12);
    expect(new Set(state.predictions.map((p) => p.demonstrations.join())).size).toBeGreaterThan(1);
  });

  it("asks people for the labels through interrupts, and resumes from the checkpoint with their answers", async () => {
    const config = { ...base, strategy: "label-balanced" as const, annotator: { kind: "human" as const, feeUsd: 0.1 } };
    const checkpointer = new MemorySaver();
    const first = await runIclThread({ threadId: "h", checkpointer, config });
    expect(first.status).toBe("waiting");
    expect(first.pending.length).toBeGreaterThanOrEqual(4);
    expect(first.state.predictions).toHaveLength(0);
    const people = simulatedHumans(loopConfigOf(parseIclConfig(config)));
    const done = await runIclThread({ threadId: "h", checkpointer, responder: people });
    expect(done.status).toBe("resumed");
    expect(done.state.labels.every((record) => record.source === "human")).toBe(true);
    expect(done.state.ledger.human.usd).toBeCloseTo(0.1 * done.state.labels.length, 12);
    expect(done.state.predictions).toHaveLength(30);
    expect((await runIclThread({ threadId: "h", checkpointer })).status).toBe("finished");
  });

  it("asks a model that only generates for its answer as JSON, its confidence from the label's logprob", async () => {
    const { state } = await run({ strategy: "random", inference: "generate" });
    expect(state.predictions).toHaveLength(30);
    expect(state.predictions.every((p) => p.label !== null && p.confidence! > 0 && p.confidence! <= 1)).toBe(true);
    expect(state.ledger.llm["simulated:gpt-4o-mini"].outputTokens).toBeGreaterThan(0);
  });

  it("takes a chat model that only generates: its JSON answers, a reply naming no label kept as a failure, perplexity refused", async () => {
    // Answers "sport" to every few-shot prompt, except for texts that start with a to f, where it names no label.
    registerChatModel("icl-scripted", new ScriptedChatModel((turns) => (/<item>[a-f]/.test(turns[1].content) ? '{"label": "cake"}' : '{"label": "sport"}')));
    const learner = { provider: "custom" as const, model: "icl-scripted", price: { inputPerMTokens: 1, outputPerMTokens: 1 } };
    const { state } = await run({ strategy: "random", learner });
    const failed = state.predictions.filter((p) => p.label === null);
    expect(failed.length).toBeGreaterThan(0);
    expect(failed[0].failure).toMatch(/^not one of the labels: \{"label": "cake"\}/);
    expect(state.predictions.filter((p) => p.label !== null).every((p) => p.label === "sport" && p.confidence === 1)).toBe(true);
    expect(state.history.at(-1)!.counters).toMatchObject({ learnerFailures: failed.length });
    await expect(run({ strategy: "perplexity", learner })).rejects.toThrow(
      /^strategy: perplexity reads the learner's perplexity, and \S*icl-scripted only generates/,
    );
  });

  it("labels with an LLM annotator as the loop does", async () => {
    const { state } = await run({ strategy: "random", annotator: { kind: "llm", llm: { provider: "simulated", model: "gpt-4o" } } });
    expect(state.labels).toHaveLength(4);
    expect(state.labels.every((record) => record.source === "llm")).toBe(true);
    expect(state.ledger.llm["simulated:gpt-4o"].calls).toBeGreaterThan(0);
  });

  it("refuses, in one line naming the field, a bad config and a budget that cannot pay for the evaluation", async () => {
    await expect(run({ k: 0 })).rejects.toThrow(/^invalid icl config: k: /);
    await expect(run({ budget: { maxLabels: 2 } })).rejects.toThrow(/budget\.maxLabels: 2 labels cannot make 4 demonstrations/);
    await expect(run({ budget: { maxUsd: 0.000001 } })).rejects.toThrow(/^budget\.maxUsd: \$0\.000001 cannot pay for the evaluation \(30 calls/);
    await expect(run({ dataset: { train: FIXTURE_TRAIN } })).rejects.toThrow(/has no test split/);
  });

  it("stays within a USD budget: the evaluation is set aside before any label is bought", async () => {
    // The oracle's fee is $0.05 a label by default (runtime config): this pays for the evaluation and a few labels.
    const { state } = await run({ strategy: "random", k: 8, budget: { maxUsd: 0.2 } });
    expect(state.ledger.totalUsd).toBeLessThanOrEqual(0.2);
    expect(state.labels.length).toBeGreaterThan(0);
    expect(state.labels.length).toBeLessThan(8);
    expect(state.predictions).toHaveLength(30);
  });
});

describe("the activeIcl graph in langgraph.json", () => {
  it("is registered, and draws every node and branch", async () => {
    const registry = JSON.parse(readFileSync(new URL("../langgraph.json", import.meta.url), "utf8")) as { graphs: Record<string, string> };
    const [file, name] = registry.graphs.activeIcl.split(":");
    const module = (await import(new URL(`../${file}`, import.meta.url).href)) as Record<
      string,
      { getGraphAsync(): Promise<{ nodes: object; edges: unknown[] }> }
    >;
    const drawn = await module[name].getGraphAsync();
    expect(Object.keys(drawn.nodes)).toEqual(
      expect.arrayContaining(["initialize", "select", "annotateOracle", "annotateLLM", "askHuman", "collectAnswers", "evaluate", "score"]),
    );
    expect(drawn.edges.length).toBeGreaterThanOrEqual(12);
  });
});
