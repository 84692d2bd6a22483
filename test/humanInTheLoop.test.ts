import { join } from "node:path";
import { MemorySaver } from "@langchain/langgraph";
import { SqliteSaver } from "@langchain/langgraph-checkpoint-sqlite";
import { describe, expect, it } from "vitest";
import { runThread, type PendingQuestion } from "../graphs/activeLearning/runThread.js";
import { simulatedHumans } from "../graphs/activeLearning/simulatedHumans.js";
import { checkHumanAnswer } from "../tools/annotators/humanAnswer.js";
import { ReviewSchema } from "../tools/annotators/config.js";
import { reviewDecision } from "../tools/annotators/review.js";
import { parseRunConfig, type RunConfigInput } from "../runtime/config/runConfig.js";
import { fixtureConfig } from "./helpers/fixtures.js";
import { tempDir } from "./helpers/tmp.js";

const human = (overrides: Partial<RunConfigInput> = {}) =>
  parseRunConfig(fixtureConfig({ annotator: { kind: "human", feeUsd: 0.1 }, stopping: { maxLabels: 20 }, llmCache: "off", ...overrides }));

/** Gold answers for some questions, by interrupt id. */
async function goldAnswers(config: ReturnType<typeof human>, questions: readonly PendingQuestion[]) {
  return (await simulatedHumans(config)(questions))!;
}

describe("askHuman", () => {
  it("interrupts with one task per item, resumes with one Command keyed by interrupt id, and goes on", async () => {
    const config = human();
    const checkpointer = new MemorySaver();
    const first = await runThread({ threadId: "h", checkpointer, config });
    expect(first.status).toBe("waiting");
    expect(first.pending).toHaveLength(10);
    const question = first.pending[0].request;
    expect(question).toMatchObject({ kind: "activegraph.label", round: 0, classes: ["food_", "sport", "tech_"] });
    expect(question.items).toEqual([{ id: expect.any(String), text: expect.any(String), reason: "annotation" }]);
    expect(first.state.labels).toHaveLength(0);

    const second = await runThread({ threadId: "h", checkpointer, resume: await goldAnswers(config, first.pending) });
    // Round 0 is labeled, round 1 waits on people again.
    expect(second.status).toBe("waiting");
    expect(second.state.labels).toHaveLength(10);
    expect(second.state.labels.every((r) => r.source === "human" && r.costUsd === 0.1)).toBe(true);
    expect(second.state.ledger.human).toEqual({ labels: 10, usd: expect.closeTo(1, 9) });
    expect(second.pending[0].request.round).toBe(1);
  });

  it("refuses a bad answer with every fault named, applies nothing, and asks again", async () => {
    const config = human();
    const checkpointer = new MemorySaver();
    const { pending } = await runThread({ threadId: "h", checkpointer, config });
    const [a, b] = pending;
    const idA = a.request.items[0].id;
    // A refused answer is asked again as a new interrupt of the same task.
    let current = a.interruptId;
    const cases: Array<[unknown, RegExp]> = [
      [{ nope: "food_" }, /"nope" is not one of the items asked/],
      [{ [idA]: "pizza" }, /label "pizza" for ".*" is not one of "food_", "sport", "tech_"/],
      [["food_"], /the answer must map item ids to labels/],
      [{ [idA]: { label: 7 } }, /the answer must map item ids to labels/],
    ];
    for (const [bad, message] of cases) {
      const result = await runThread({ threadId: "h", checkpointer, resume: { [current]: bad } });
      expect(result.state.labels).toHaveLength(0);
      expect(result.state.ledger.totalUsd).toBe(0);
      const again = result.pending.find((q) => q.request.items[0].id === idA)!;
      expect(again.request.error).toMatch(message);
      expect(again.request.error).toContain("nothing applied");
      current = again.interruptId;
    }
    // A right answer to one task is kept (in the checkpoint, as that task's writes); the other nine stay pending.
    const partial = await runThread({ threadId: "h", checkpointer, resume: { [current]: { [idA]: { label: "food_", comment: "clear" } } } });
    expect(partial.pending).toHaveLength(9);
    expect(partial.pending.map((q) => q.request.items[0].id)).toContain(b.request.items[0].id);
    expect(partial.pending.map((q) => q.request.items[0].id)).not.toContain(idA);
    const rest = await runThread({ threadId: "h", checkpointer, resume: await goldAnswers(config, partial.pending) });
    expect(rest.state.labels.find((r) => r.id === idA)).toMatchObject({ label: "food_", comment: "clear", source: "human" });
    expect(rest.state.labels.filter((r) => r.round === 0)).toHaveLength(10);
  });

  it("returns skipped items to the pool, recorded with the reason", async () => {
    const config = human({ annotator: { kind: "human", itemsPerTask: 10 } });
    const checkpointer = new MemorySaver();
    const { pending } = await runThread({ threadId: "h", checkpointer, config });
    expect(pending).toHaveLength(1);
    const [first, ...rest] = pending[0].request.items;
    const answer = { [first.id]: { skip: true, comment: "unreadable" }, ...Object.fromEntries(rest.map((item) => [item.id, "tech_"])) };
    const next = await runThread({ threadId: "h", checkpointer, resume: { [pending[0].interruptId]: answer } });
    expect(next.state.labels).toHaveLength(9);
    expect(next.state.failed).toEqual([{ id: first.id, round: 0, annotator: "human", reason: "skipped by a person: unreadable" }]);
  });

  it("waits across processes: a question left pending in SQLite is answered after a restart", async () => {
    const db = join(tempDir(), "h.sqlite");
    const config = human();
    const { pending } = await runThread({ threadId: "h", checkpointer: SqliteSaver.fromConnString(db), config });
    const resumed = await runThread({
      threadId: "h",
      checkpointer: SqliteSaver.fromConnString(db),
      resume: await goldAnswers(config, pending),
      responder: simulatedHumans(config),
    });
    expect(resumed.status).toBe("resumed");
    expect(resumed.state.labels).toHaveLength(20);
    expect(resumed.state.stopReason).toMatchObject({ criterion: "maxLabels" });
  });

  it("checks answers: shape, ids and labels", () => {
    const items = [{ id: "a", text: "x", reason: "annotation" }];
    expect(checkHumanAnswer({ a: "pos" }, items, ["neg", "pos"])).toEqual({
      ok: true,
      answer: { labels: [{ id: "a", label: "pos", comment: undefined }], skipped: [] },
    });
    expect(checkHumanAnswer({}, items, ["neg", "pos"])).toMatchObject({ ok: false, error: expect.stringMatching(/labels no item/) });
  });
});

describe("hybrid routing", () => {
  const review = (overrides: object) => ReviewSchema.parse(overrides);

  it("accepts above the high threshold, asks with the suggestion between, from scratch below the low one", () => {
    const policy = review({ acceptAbove: 0.9, scratchBelow: 0.5 });
    expect(reviewDecision(policy, { id: "a", confidence: 0.95 }, null, 0)).toEqual({ kind: "accept" });
    expect(reviewDecision(policy, { id: "a", confidence: 0.7 }, null, 0)).toEqual({ kind: "human", reason: "review", showSuggestion: true });
    expect(reviewDecision(policy, { id: "a", confidence: 0.2 }, null, 0)).toEqual({ kind: "human", reason: "low-confidence", showSuggestion: false });
    expect(reviewDecision(policy, { id: "a", confidence: null }, null, 0)).toMatchObject({ reason: "low-confidence" });
    expect(reviewDecision(policy, { id: "a", confidence: 0.95 }, false, 0)).toEqual({ kind: "human", reason: "disagreement", showSuggestion: true });
  });

  it("spot-checks a seeded share of accepted labels", () => {
    const policy = review({ acceptAbove: 0.5, spotCheckRate: 0.2 });
    const spotted = Array.from({ length: 2000 }, (_, i) => reviewDecision(policy, { id: `i${i}`, confidence: 0.99 }, true, 3)).filter(
      (d) => d.kind === "human",
    );
    expect(spotted.length / 2000).toBeCloseTo(0.2, 1);
    expect(reviewDecision(policy, { id: "i1", confidence: 0.99 }, true, 3)).toEqual(reviewDecision(policy, { id: "i1", confidence: 0.99 }, true, 3));
  });

  it("in the loop: confident LLM labels stand, the rest go to people with the suggestion, agreement is counted", async () => {
    const config = parseRunConfig(
      fixtureConfig({
        annotator: { kind: "llm", llm: { provider: "simulated" }, review: { acceptAbove: 0.6, spotCheckRate: 0.3, humanFeeUsd: 0.2 } },
        stopping: { maxLabels: 40 },
        llmCache: "off",
      }),
    );
    const asked: PendingQuestion[] = [];
    const { state } = await runThread({
      threadId: "h",
      checkpointer: new MemorySaver(),
      config,
      responder: simulatedHumans(config, { onAsk: (q) => asked.push(...q) }),
    });
    const llm = state.labels.filter((r) => r.source === "llm");
    const people = state.labels.filter((r) => r.source === "human");
    expect(llm.length).toBeGreaterThan(0);
    expect(people.length).toBeGreaterThan(0);
    expect(llm.every((r) => (r.confidence ?? 0) >= 0.6)).toBe(true);
    for (const record of people) expect(record).toMatchObject({ suggestion: expect.any(String), reviewReason: expect.stringMatching(/^(review|spot-check)$/) });
    const reviewed = asked.flatMap((q) => q.request.items).filter((item) => item.reason === "review");
    expect(reviewed.every((item) => (item.suggestion!.confidence ?? 0) < 0.6)).toBe(true);
    const counters = state.history.map((m) => m.counters ?? {});
    const spot = counters.reduce((sum, c) => sum + (c.spotChecks ?? 0), 0);
    expect(spot).toBe(people.filter((r) => r.reviewReason === "spot-check").length);
    expect(state.ledger.human.usd).toBeCloseTo(0.2 * people.length, 9);
  });

  it("a cascade sends what the cheap LLM is unsure of to a strong one", async () => {
    const config = parseRunConfig(
      fixtureConfig({
        annotator: {
          kind: "llm",
          llm: { provider: "simulated", model: "gpt-4.1-nano" },
          escalation: { llm: { provider: "simulated", model: "gpt-4o" }, below: 0.6 },
        },
        stopping: { maxLabels: 30 },
        llmCache: "off",
      }),
    );
    const { state } = await runThread({ threadId: "c", checkpointer: new MemorySaver(), config });
    const byModel = new Set(state.labels.map((r) => r.model));
    expect(byModel).toEqual(new Set(["simulated:gpt-4.1-nano", "simulated:gpt-4o"]));
    expect(state.labels.filter((r) => r.model === "simulated:gpt-4.1-nano").every((r) => (r.confidence ?? 0) >= 0.6)).toBe(true);
    expect(state.ledger.llm["simulated:gpt-4o"].calls).toBe(state.labels.filter((r) => r.model === "simulated:gpt-4o").length);
  });

  it("a verifier that disagrees sends the item to people", async () => {
    const config = parseRunConfig(
      fixtureConfig({
        annotator: {
          kind: "llm",
          llm: { provider: "simulated", model: "gpt-4.1-nano" },
          review: { acceptAbove: 0, verifier: { provider: "simulated", model: "gpt-4o" } },
        },
        stopping: { maxLabels: 40 },
        llmCache: "off",
      }),
    );
    const { state } = await runThread({ threadId: "v", checkpointer: new MemorySaver(), config, responder: simulatedHumans(config) });
    const disputed = state.labels.filter((r) => r.reviewReason === "disagreement");
    expect(disputed.length).toBeGreaterThan(0);
    expect(state.ledger.llm["simulated:gpt-4o"].calls).toBeGreaterThan(0);
  });
});
