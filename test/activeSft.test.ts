import { Command, MemorySaver } from "@langchain/langgraph";
import { describe, expect, it } from "vitest";
import { compileActiveSft, sftContext } from "../graphs/activeSft/graph.js";
import { parseSftConfig, type SftConfigInput } from "../runtime/config/sftConfig.js";
import { answerOf } from "../tools/instructions/answer.js";
import type { SftRequest } from "../tools/sft/humanResponse.js";
import { FIXTURE_TEST, FIXTURE_TRAIN } from "./helpers/fixtures.js";
import { tempDir, writeFile } from "./helpers/tmp.js";

const sim = { provider: "simulated", model: "gpt-4o-mini" } as const;
const thread = { configurable: { thread_id: "t" } };

/** The request of the one interrupt the thread waits on. */
async function request(graph: { getState: (config: typeof thread) => Promise<{ tasks: ReadonlyArray<{ interrupts?: ReadonlyArray<{ value?: unknown }> }> }> }) {
  const snapshot = await graph.getState(thread);
  return snapshot.tasks.flatMap((task) => task.interrupts ?? [])[0].value as SftRequest;
}

function config(overrides: Partial<SftConfigInput> = {}) {
  return parseSftConfig({
    source: { dataset: { train: FIXTURE_TRAIN, test: FIXTURE_TEST } },
    responder: { llm: sim, samples: 4 },
    llmCache: "off",
    batchSize: 5,
    stopping: { maxExamples: 20 },
    ...overrides,
  });
}

async function runSft(overrides: Partial<SftConfigInput> = {}) {
  const parsed = config(overrides);
  const graph = compileActiveSft(new MemorySaver());
  return graph.invoke({ config: parsed }, { ...thread, context: sftContext(parsed) });
}

describe("active SFT on the simulator", () => {
  it("chooses the prompts the model is least sure of, has the oracle write them, and measures the selection every round", async () => {
    const state = await runSft();
    expect(state.stopReason).toMatchObject({ criterion: "maxExamples" });
    expect(state.examples).toHaveLength(20);
    expect(new Set(state.examples.map((example) => example.id)).size).toBe(20);
    // Uncertainty picks what the samples disagree on; with minAgreement 1 none of them is self-trained.
    expect(state.examples.every((example) => example.source === "oracle")).toBe(true);
    const meanUncertainty = (ids: string[]) => ids.reduce((sum, id) => sum + state.scored[id].uncertainty, 0) / ids.length;
    const scoredIds = Object.keys(state.scored);
    expect(meanUncertainty(state.examples.map((example) => example.id))).toBeGreaterThan(meanUncertainty(scoredIds));
    // Oracle responses are the gold answer, so judged quality is 1; the fee and the sampling calls are both booked.
    expect(state.history.at(-1)).toMatchObject({ examples: 20, quality: 1, duplicates: expect.any(Number) });
    expect(state.history.at(-1)!.clustersCovered).toBeGreaterThan(1);
    expect(state.ledger.human).toMatchObject({ labels: 20, usd: expect.closeTo(2, 9) });
    expect(state.ledger.llm["simulated:gpt-4o-mini"].calls).toBe(4 * scoredIds.length);
    expect(state.ledger.totalUsd).toBeCloseTo(2 + state.ledger.llm["simulated:gpt-4o-mini"].usd, 9);
  });

  it("self-trains without people: confident picks keep the model's own response, at no fee", async () => {
    const state = await runSft({ strategy: "self-training", annotator: { kind: "none" }, selfTraining: { minAgreement: 1 } });
    expect(state.examples.length).toBeGreaterThan(0);
    for (const example of state.examples) {
      expect(example).toMatchObject({ source: "self-training", model: "simulated:gpt-4o-mini", agreement: 1, costUsd: 0 });
      expect(example.response).toBe(state.scored[example.id].response);
    }
    expect(state.ledger.human.labels).toBe(0);
  });

  it("has a stronger LLM write the responses it is asked for, booked under that model", async () => {
    const state = await runSft({ annotator: { kind: "llm", llm: { provider: "simulated", model: "gpt-4o" } }, selfTraining: null });
    expect(state.examples).toHaveLength(20);
    expect(state.examples.every((example) => example.source === "llm" && example.model === "simulated:gpt-4o")).toBe(true);
    expect(state.ledger.llm["simulated:gpt-4o"].calls).toBe(20);
  });

  it("asks people through an interrupt, refuses a wrong answer with nothing applied, and goes on with a right one", async () => {
    const parsed = config({ annotator: { kind: "human", itemsPerTask: 10, feeUsd: 0.2 }, stopping: { maxExamples: 5 } });
    const graph = compileActiveSft(new MemorySaver());
    await graph.invoke({ config: parsed }, { ...thread, context: sftContext(parsed) });
    const asked = await request(graph);
    expect(asked).toMatchObject({ kind: "activegraph.sft", round: 1 });
    expect(asked.items).toHaveLength(5);
    const refused = await graph.invoke(new Command({ resume: { nope: "x" } }), thread);
    expect((await request(graph)).error).toMatch(/"nope" is not one of the prompts asked/);
    expect(refused.examples).toHaveLength(0);
    const [a, b, ...rest] = asked.items;
    const answer = {
      [a.id]: { response: "sport. It is about a match.", comment: "clear" },
      [b.id]: { accept: true },
      ...Object.fromEntries(rest.map((item) => [item.id, { skip: true }])),
    };
    const done = await graph.invoke(new Command({ resume: answer }), thread);
    const byId = new Map(done.examples.map((example) => [example.id, example]));
    expect(byId.get(a.id)).toMatchObject({ source: "human", response: "sport. It is about a match.", comment: "clear", costUsd: 0.2 });
    expect(byId.get(b.id)).toMatchObject({ source: "human", response: b.suggestion!.response, model: "simulated:gpt-4o-mini" });
    expect(done.failed.filter((item) => item.reason.startsWith("skipped"))).toHaveLength(3);
    expect(done.ledger.human).toMatchObject({ labels: 2, usd: expect.closeTo(0.4, 9) });
  });

  it("keeps the responses a prompt file gives, and refuses a bad config in one line naming the field", async () => {
    const dir = tempDir();
    const file = writeFile(dir, "prompts.jsonl", Array.from({ length: 12 }, (_, i) => JSON.stringify({ prompt: `Say ${i}.`, response: `${i}` })).join("\n"));
    const state = await runSft({
      source: { file },
      strategy: "diversity",
      responder: { llm: { provider: "openai", model: "never-called" } },
      selfTraining: null,
      stopping: { maxExamples: 6 },
    });
    expect(state.examples).toHaveLength(6);
    expect(state.examples.every((example) => example.source === "file" && example.response === example.prompt.match(/\d+/)![0])).toBe(true);
    expect(() => config({ batchSize: 0 })).toThrow(/^invalid active-SFT config: batchSize/);
  });

  it("writes responses whose answers are mostly right when the responder knows the task", async () => {
    const state = await runSft({ strategy: "random", annotator: { kind: "none" }, selfTraining: { minAgreement: 0.5 } });
    expect(state.examples.every((example) => answerOf(example.response, state.classes) !== null)).toBe(true);
    expect(state.history.at(-1)!.quality).toBeGreaterThan(0.5);
  });
});
