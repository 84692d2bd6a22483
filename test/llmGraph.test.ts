import { join } from "node:path";
import { MemorySaver } from "@langchain/langgraph";
import { SqliteSaver } from "@langchain/langgraph-checkpoint-sqlite";
import { describe, expect, it, vi } from "vitest";
import { compileActiveLearning } from "../graphs/activeLearning/graph.js";
import { runThread, threadStatus } from "../graphs/activeLearning/runThread.js";
import { parseAnnotationPrompt } from "../tools/llm/prompts/annotatePrompt.js";
import { costUsd, priceFor } from "../tools/llm/prices.js";
import { parseRunConfig, type RunConfigInput } from "../runtime/config/runConfig.js";
import { FIXTURE_TEST, fixtureConfig } from "./helpers/fixtures.js";
import { syntheticTopics, toJsonl } from "./helpers/synthetic.js";
import { startOpenAiServer } from "../evals/loopbackOpenAi.js";
import { tempDir, writeFile } from "./helpers/tmp.js";

const simulated = { kind: "llm", llm: { provider: "simulated", model: "gpt-4o-mini" } } as const;

async function run(overrides: Partial<RunConfigInput>, checkpointer = new MemorySaver()) {
  return (await runThread({ threadId: "t", checkpointer, config: parseRunConfig(fixtureConfig({ llmCache: "off", ...overrides })) })).state;
}

describe("the loop with an LLM annotator", () => {
  it("labels every batch with the simulated LLM, prices every token, and records the confidence method", async () => {
    const state = await run({ annotator: simulated, stopping: { maxLabels: 30 } });
    expect(state.labels).toHaveLength(30);
    expect(new Set(state.labels.map((r) => r.source))).toEqual(new Set(["llm"]));
    expect(state.labels.every((r) => r.model === "simulated:gpt-4o-mini" && r.confidenceMethod === "logprobs")).toBe(true);
    const spend = state.ledger.llm["simulated:gpt-4o-mini"];
    expect(spend.calls).toBe(30);
    expect(state.ledger.totalUsd).toBeCloseTo(spend.usd, 12);
    expect(state.ledger.human.labels).toBe(0);
    expect(state.labels.reduce((sum, r) => sum + r.costUsd, 0)).toBeCloseTo(spend.usd, 12);
  });

  it("keeps items the LLM fails on, with the reason, and returns them to the pool", async () => {
    const state = await run({ annotator: { ...simulated, llm: { ...simulated.llm, simulation: { malformedRate: 0.3 } } }, stopping: { maxRounds: 2 } });
    expect(state.failed.length).toBeGreaterThan(0);
    expect(state.failed[0]).toMatchObject({ annotator: "simulated:gpt-4o-mini", reason: expect.stringMatching(/^malformed reply/) });
    const labeled = new Set(state.labels.map((r) => r.id));
    expect(state.failed.some((f) => labeled.has(f.id) && f.round === state.labels.find((r) => r.id === f.id)!.round)).toBe(false);
    expect(state.history.at(-1)!.counters).toMatchObject({ llmFailures: expect.any(Number) });
  });

  it("stops before the USD budget is overspent", async () => {
    // A call costs about $0.00005 here: the budget pays for a few rounds only.
    const state = await run({ annotator: simulated, stopping: { maxUsd: 0.0012 } });
    expect(state.stopReason).toMatchObject({ criterion: "maxUsd" });
    expect(state.ledger.totalUsd).toBeLessThanOrEqual(0.0012);
    expect(state.labels.length).toBeGreaterThan(10);
  });

  it("generates items for the weakest classes and keeps only those that pass rejection sampling", async () => {
    // ratio 1: every query round generates.
    const generated = await run({
      generation: { llm: { provider: "simulated", simulation: { offClassRate: 0.5 } }, ratio: 1, perRound: 6, perCall: 3 },
      stopping: { maxRounds: 3 },
    });
    expect(generated.generated.length).toBeGreaterThan(0);
    expect(generated.labels.filter((r) => r.source === "generated")).toHaveLength(generated.generated.length);
    for (const item of generated.generated) expect(item).toMatchObject({ model: "simulated:gpt-4o-mini", promptHash: expect.stringMatching(/^[0-9a-f]{64}$/) });
    const counters = generated.history.slice(1).map((m) => m.counters!);
    expect(counters.every((c) => c.generatedCandidates === 6)).toBe(true);
    expect(counters.reduce((sum, c) => sum + c.rejectedByModel + c.rejectedAsDuplicate, 0)).toBeGreaterThan(0);
  });

  it("stops, with every failure kept, when the LLM keeps failing", async () => {
    const state = await run({
      annotator: { ...simulated, llm: { ...simulated.llm, maxRetries: 0, simulation: { failureRate: 1 } } },
      stopping: { maxLabels: 100 },
    });
    expect(state.labels).toHaveLength(0);
    expect(state.stopReason).toMatchObject({ criterion: "noProgress" });
    expect(state.failed).toHaveLength(30);
    expect(state.failed[0].reason).toMatch(/call failed: 500/);
  });

  it("generates when the pool is used up instead of stopping", async () => {
    const dir = tempDir();
    const train = writeFile(dir, "train.jsonl", toJsonl(syntheticTopics(40, 9)));
    const state = await run({
      dataset: { train, test: FIXTURE_TEST },
      generation: { llm: { provider: "simulated" }, perRound: 5 },
      simulation: { reservoirShare: 0.5 },
      stopping: { maxRounds: 4 },
    });
    // 20 pool items: the initial batch and one round of 10 use it up; then every round generates.
    expect(state.labels.filter((r) => r.source === "oracle")).toHaveLength(20);
    expect(state.history.slice(2).map((m) => m.counters?.generatedCandidates)).toEqual([5, 5, 5]);
    expect(state.stopReason?.criterion).not.toBe("poolExhausted");
  });

  it("draws the LLM nodes and their edges for Studio", () => {
    const mermaid = compileActiveLearning().getGraph().drawMermaid();
    for (const edge of [
      "select -.-> annotateLLM",
      "annotateLLM -.-> annotateLLM",
      "annotateLLM -.-> train",
      "stop -.-> generate",
      "generate --> train",
      "initialize -.-> generate",
    ]) {
      expect(mermaid).toContain(edge);
    }
  });
});

describe("crash and resume with a paid LLM", () => {
  /** Answers annotation prompts by topic keyword, as a deterministic stand-in for a provider. */
  const answer = (request: { messages: Array<{ role: string; content: string }> }) => {
    const prompt = parseAnnotationPrompt(request.messages.map((m) => ({ role: m.role as "system" | "user", content: m.content })))!;
    const label = (text: string) =>
      /(goal|match|team|coach|score|league|player)/.test(text) ? "sport" : /(laptop|software|chip|server|cloud|app|code)/.test(text) ? "tech_" : "food_";
    return JSON.stringify({ answers: prompt.items.map((item) => ({ id: item.key, label: label(item.text), confidence: 0.9 })) });
  };

  it("a run killed mid-wave resumes with the answered calls from the cache: no paid call twice, labels as an uninterrupted run", async () => {
    const dir = tempDir();
    let stallAt = -1;
    let onStall: () => void = () => undefined;
    const server = await startOpenAiServer((request, index) => {
      if (index === stallAt) onStall();
      return { kind: "ok", content: answer(request), delayMs: index === stallAt ? 400 : 5 };
    });
    const config = (cache: string) =>
      parseRunConfig(
        fixtureConfig({
          annotator: { kind: "llm", llm: { provider: "openai", model: "gpt-4o-mini", baseUrl: server.baseUrl, concurrency: 4, retryBaseMs: 1 } },
          llmCache: join(dir, cache),
          stopping: { maxLabels: 20 },
        }),
      );
    try {
      // Count what the server answered on an open connection: each is a paid call.
      const original = server.requests;
      const whole = await runThread({ threadId: "whole", checkpointer: new MemorySaver(), config: config("whole.sqlite") });
      const wholeCalls = original.length;
      expect(whole.state.labels).toHaveLength(20);

      const db = join(dir, "cut.sqlite");
      const stop = new AbortController();
      // The seventh call of this run stalls, and the process dies while it waits; the other calls
      // of its wave have come back and are cached.
      stallAt = wholeCalls + 6;
      onStall = () => setTimeout(() => stop.abort(), 100);
      await expect(
        runThread({ threadId: "cut", checkpointer: SqliteSaver.fromConnString(db), config: config("cut.sqlite"), signal: stop.signal }),
      ).rejects.toThrow();
      const stalled = stallAt;
      stallAt = -1;
      const cut = await threadStatus(SqliteSaver.fromConnString(db), "cut");
      expect(cut.kind).toBe("unfinished");
      // The first wave (four calls) is in the checkpoint; the interrupted wave is not.
      expect(cut.kind === "unfinished" && cut.state.labels).toHaveLength(4);

      const before = server.requests.length;
      const resumed = await runThread({ threadId: "cut", checkpointer: SqliteSaver.fromConnString(db) });
      expect(resumed.state.labels.map((r) => [r.id, r.label])).toEqual(whole.state.labels.map((r) => [r.id, r.label]));
      // Calls answered before the crash came from the cache; only the stalled one was asked again.
      const cutCalls = server.requests.slice(wholeCalls, before).map((r) => JSON.stringify(r.messages));
      const resumedCalls = server.requests.slice(before).map((r) => JSON.stringify(r.messages));
      const repeated = resumedCalls.filter((call) => cutCalls.includes(call));
      expect(repeated).toHaveLength(1);
      expect(cutCalls.length + resumedCalls.length - repeated.length).toBe(wholeCalls);
      // The replayed calls keep the cost the thread paid for them, and the stalled call, which the
      // server answered to nobody, is paid too: the ledger counts every call the server billed, at
      // no less than what it billed.
      const spend = resumed.state.ledger.llm["gpt-4o-mini"];
      expect(spend.cachedCalls).toBe(0);
      await vi.waitFor(() => expect(server.billed.some((b) => b.index === stalled)).toBe(true));
      const billed = server.billed.filter((b) => b.index >= wholeCalls);
      expect(spend.calls).toBe(billed.length);
      expect(spend.calls).toBe(cutCalls.length + resumedCalls.length);
      const price = priceFor("gpt-4o-mini");
      expect(spend.usd).toBeGreaterThanOrEqual(billed.reduce((sum, b) => sum + costUsd(price, b.promptTokens, b.completionTokens), 0));
      expect(resumed.state.labels.reduce((sum, r) => sum + r.costUsd, 0)).toBeCloseTo(spend.usd, 12);
    } finally {
      await server.close();
    }
  });
});
