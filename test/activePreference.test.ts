import { Command, MemorySaver } from "@langchain/langgraph";
import { describe, expect, it } from "vitest";
import { compileActivePreference, preferenceContext } from "../graphs/activePreference/graph.js";
import { parsePreferenceConfig, type PreferenceConfigInput } from "../runtime/config/preferenceConfig.js";
import { answerOf } from "../tools/instructions/answer.js";
import type { PreferenceRequest } from "../tools/preference/humanPreference.js";
import { FIXTURE_TEST, FIXTURE_TRAIN } from "./helpers/fixtures.js";

const sim = (model: string) => ({ provider: "simulated", model }) as const;
const thread = { configurable: { thread_id: "t" } };

/** The request of the one interrupt the thread waits on. */
async function request(graph: { getState: (config: typeof thread) => Promise<{ tasks: ReadonlyArray<{ interrupts?: ReadonlyArray<{ value?: unknown }> }> }> }) {
  const snapshot = await graph.getState(thread);
  return snapshot.tasks.flatMap((task) => task.interrupts ?? [])[0].value as PreferenceRequest;
}

function config(overrides: Partial<PreferenceConfigInput> = {}) {
  return parsePreferenceConfig({
    source: { dataset: { train: FIXTURE_TRAIN, test: FIXTURE_TEST }, maxItems: 80 },
    candidates: { generators: [sim("gpt-4.1-nano"), sim("gpt-4o-mini")], samples: 2 },
    llmCache: "off",
    initialSize: 10,
    batchSize: 10,
    evaluation: { size: 60 },
    stopping: { maxLabels: 40 },
    ...overrides,
  });
}

async function runPreference(overrides: Partial<PreferenceConfigInput> = {}) {
  const parsed = config(overrides);
  const graph = compileActivePreference(new MemorySaver());
  return graph.invoke({ config: parsed }, { ...thread, context: preferenceContext(parsed) });
}

describe("active preference on the simulator", () => {
  it("writes candidate pairs, labels the most uncertain with the oracle, and measures the reward model on held-out pairs", async () => {
    const state = await runPreference();
    expect(state.stopReason).toMatchObject({ criterion: "maxLabels" });
    expect(state.preferences).toHaveLength(40);
    expect(new Set(state.preferences.map((record) => record.id)).size).toBe(40);
    expect(state.pairs.length).toBeGreaterThan(40);
    // Held-out pairs have exactly one right answer, and it is the chosen one.
    expect(state.heldOut.length).toBeGreaterThan(10);
    for (const pair of state.heldOut) expect(answerOf(pair.chosen, state.classes)).not.toBe(answerOf(pair.rejected, state.classes));
    // The oracle prefers only between responses whose answers differ (one right, one wrong).
    const byId = new Map(state.pairs.map((pair) => [pair.id, pair]));
    for (const record of state.preferences) {
      const pair = byId.get(record.id)!;
      if (record.choice !== "tie") expect(answerOf(pair.a, state.classes)).not.toBe(answerOf(pair.b, state.classes));
    }
    expect(state.history.map((row) => row.labels)).toEqual([10, 20, 30, 40]);
    // 40 labels teach the reward model which answer fits which words: better than a coin on held-out pairs.
    expect(state.history.at(-1)!.accuracy).toBeGreaterThan(0.6);
    expect(state.ledger.human).toMatchObject({ labels: 40, usd: expect.closeTo(2, 9) });
    expect(state.ledger.llm["simulated:gpt-4.1-nano"].calls).toBeGreaterThan(0);
  });

  it("asks a judge committee and picks the pairs it splits on, paying for every judge call", async () => {
    const state = await runPreference({
      strategy: "committee",
      committee: { members: [sim("gpt-4.1-nano"), sim("gpt-4o-mini"), sim("gpt-4o")] },
      stopping: { maxLabels: 20 },
    });
    expect(state.preferences).toHaveLength(20);
    expect(state.ledger.llm["simulated:gpt-4o"].calls).toBeGreaterThan(0);
  });

  it("has an LLM judge answer in both orders, with its confidence and its cost", async () => {
    const state = await runPreference({ annotator: { kind: "llm", llm: sim("gpt-4o") }, stopping: { maxLabels: 30 } });
    expect(state.preferences).toHaveLength(30);
    expect(state.preferences.every((record) => record.source === "llm" && record.model === "simulated:gpt-4o" && record.confidence! >= 0.5)).toBe(true);
    expect(state.ledger.llm["simulated:gpt-4o"].calls).toBe(2 * state.preferences.length);
    expect(state.preferences.reduce((sum, record) => sum + record.costUsd, 0)).toBeCloseTo(state.ledger.llm["simulated:gpt-4o"].usd, 12);
  });

  it("asks people through an interrupt, refuses a wrong answer with nothing applied, and records their choices", async () => {
    const parsed = config({ annotator: { kind: "human", itemsPerTask: 20, feeUsd: 0.1 }, stopping: { maxLabels: 10 } });
    const graph = compileActivePreference(new MemorySaver());
    await graph.invoke({ config: parsed }, { ...thread, context: preferenceContext(parsed) });
    const asked = await request(graph);
    expect(asked).toMatchObject({ kind: "activegraph.preference", round: 1 });
    expect(asked.items).toHaveLength(10);
    const refused = await graph.invoke(new Command({ resume: { [asked.items[0].id]: "C" } }), thread);
    expect((await request(graph)).error).toMatch(/answer refused, nothing applied/);
    expect(refused.preferences).toHaveLength(0);
    const answer = Object.fromEntries(asked.items.map((item, i) => [item.id, i === 0 ? { choice: "B", comment: "B answers it" } : "A"]));
    const done = await graph.invoke(new Command({ resume: answer }), thread);
    expect(done.preferences).toHaveLength(10);
    expect(done.preferences.find((record) => record.id === asked.items[0].id)).toMatchObject({ choice: "B", comment: "B answers it", source: "human" });
    expect(done.stopReason).toMatchObject({ criterion: "maxLabels" });
    expect(done.ledger.human.usd).toBeCloseTo(1, 9);
  });

  it("refuses a bad config in one line naming the field", () => {
    expect(() => config({ strategy: "loudest" as never })).toThrow(/^invalid active-preference config: strategy/);
    expect(() => config({ annotator: { kind: "oracle", feeUsd: 1 }, stopping: { maxUsd: 0.5 } })).toThrow(/stopping\.maxUsd/);
  });
});
