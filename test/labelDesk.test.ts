import { MemorySaver } from "@langchain/langgraph";
import { describe, expect, it } from "vitest";
import { LabelDesk, type DeskOptions } from "../bin/label/desk.js";
import { localThread } from "../bin/label/localThread.js";
import { settle } from "../bin/label/settle.js";
import { runThread, threadStatus } from "../graphs/activeLearning/runThread.js";
import { checkHumanAnswer, type HumanItem } from "../tools/annotators/humanAnswer.js";
import { cohenKappa } from "../tools/metrics/agreement.js";
import { annotatorAgreement } from "../tools/metrics/annotatorAgreement.js";
import { parseRunConfig } from "../runtime/config/runConfig.js";
import type { LabelRecord } from "../tools/labels/labelRecord.js";
import { fixtureConfig } from "./helpers/fixtures.js";

const vote = (annotator: string, label: string | null) => ({ annotator, label });

describe("settling two people's answers", () => {
  it("agreement settles at once; a disagreement waits for a third person, whose answer decides", () => {
    expect(settle([vote("a", "x")], "third")).toEqual({ done: false, votesNeeded: 2 });
    expect(settle([vote("a", "x"), vote("b", "x")], "third")).toEqual({ done: true, label: "x", settledBy: "agreement" });
    expect(settle([vote("a", null), vote("b", null)], "majority")).toEqual({ done: true, label: null, settledBy: "agreement" });
    expect(settle([vote("a", "x"), vote("b", "y")], "third")).toEqual({ done: false, votesNeeded: 3 });
    expect(settle([vote("a", "x"), vote("b", "y"), vote("c", "y")], "third")).toEqual({ done: true, label: "y", settledBy: "third" });
    expect(settle([vote("a", "x"), vote("b", "y"), vote("c", "z")], "third")).toEqual({ done: true, label: "z", settledBy: "third" });
  });

  it("the majority rule breaks a tie with the LLM's suggestion when it is one of the answers, else with the first answer", () => {
    expect(settle([vote("a", "x"), vote("b", "y")], "majority", "y")).toEqual({ done: true, label: "y", settledBy: "majority" });
    expect(settle([vote("a", "x"), vote("b", "y")], "majority", "z")).toEqual({ done: true, label: "x", settledBy: "majority" });
    expect(settle([vote("a", null), vote("b", "y")], "majority")).toEqual({ done: true, label: null, settledBy: "majority" });
  });
});

describe("answers that name people and votes", () => {
  const items: HumanItem[] = [{ id: "i1", text: "t", reason: "annotation" }];
  const labels = ["food_", "sport"];

  it("keeps the annotator, the votes and the settlement, and still takes a bare label", () => {
    expect(checkHumanAnswer({ i1: "food_" }, items, labels)).toEqual({
      ok: true,
      answer: { labels: [{ id: "i1", label: "food_", comment: undefined }], skipped: [] },
    });
    const settled = { label: "sport", votes: [vote("ann", "sport"), vote("bob", "food_"), vote("cy", "sport")], settledBy: "third" };
    expect(checkHumanAnswer({ i1: settled }, items, labels)).toMatchObject({ ok: true, answer: { labels: [{ id: "i1", ...settled }] } });
    expect(checkHumanAnswer({ i1: { label: "sport", annotator: "ann" } }, items, labels)).toMatchObject({
      ok: true,
      answer: { labels: [{ annotator: "ann" }] },
    });
  });

  it("refuses votes that cannot give the answer, naming each fault", () => {
    const cases: Array<[unknown, RegExp]> = [
      [
        { label: "sport", votes: [vote("ann", "pizza"), vote("bob", "sport")], settledBy: "majority" },
        /the vote of "ann" on "i1", "pizza", is not a label of the set/,
      ],
      [{ label: "sport", votes: [vote("ann", "food_"), vote("bob", "food_")], settledBy: "agreement" }, /the answer for "i1" \("sport"\) is none of its votes/],
      [{ label: "sport", votes: [vote("ann", "sport"), vote("ann", "food_")], settledBy: "majority" }, /the votes on "i1" name a person twice/],
      [{ label: "sport", settledBy: "third" }, /says it was settled by third but gives no votes/],
      [{ skip: true, votes: [vote("ann", "sport"), vote("bob", "food_")], settledBy: "majority" }, /the answer for "i1" \(skip\) is none of its votes/],
      [{ label: "sport", votes: [vote("ann", "sport")] }, /the answer must map item ids to labels/],
    ];
    for (const [value, message] of cases) {
      const checked = checkHumanAnswer({ i1: value }, items, labels);
      expect(checked.ok).toBe(false);
      expect(!checked.ok && checked.error).toMatch(message);
    }
  });
});

describe("agreement from the label records", () => {
  it("is Cohen's kappa between first and second votes, skips left out", () => {
    const record = (first: string | null, second: string | null, settledBy: "agreement" | "third" | "majority" = "agreement"): LabelRecord => ({
      id: Math.random().toString(36),
      label: first ?? second ?? "a",
      source: "human",
      confidence: null,
      costUsd: 0,
      round: 0,
      votes: [vote("p", first), vote("q", second)],
      settledBy,
    });
    const records = [
      record("a", "a"),
      record("a", "b", "third"),
      record("b", "b"),
      record("b", "b"),
      record(null, "a", "majority"),
      { ...record("a", "a"), votes: undefined },
    ];
    const result = annotatorAgreement(records, ["a", "b"]);
    expect(result).toMatchObject({ items: 4, agreed: 3, settledByThird: 1, settledByMajority: 1 });
    // a a / a b / b b / b b: observed 3/4, chance (2/4·1/4 + 2/4·3/4) = 1/2, kappa 0.5.
    expect(result.kappa).toBeCloseTo(0.5, 12);
    expect(result.kappa).toBeCloseTo(cohenKappa([0, 0, 1, 1], [0, 1, 1, 1], 2), 12);
    expect(annotatorAgreement([], ["a", "b"]).kappa).toBeNull();
  });
});

/** A thread on the fixture waiting on people: three questions of one item each per round. */
async function waitingThread(threadId: string) {
  const checkpointer = new MemorySaver();
  const config = parseRunConfig(
    fixtureConfig({ annotator: { kind: "human", feeUsd: 0.1 }, initial: { size: 3 }, batchSize: 3, stopping: { maxLabels: 9 }, llmCache: "off" }),
  );
  const first = await runThread({ threadId, checkpointer, config });
  expect(first.status).toBe("waiting");
  return { checkpointer, thread: localThread(checkpointer, threadId, "memory") };
}

function desk(thread: ReturnType<typeof localThread>, options: Partial<DeskOptions> = {}) {
  let now = 1_000_000;
  const clock = { advance: (ms: number) => (now += ms) };
  const made = new LabelDesk(thread, { overlap: 0, settle: "third", itemsPerPerson: 2, leaseMs: 60_000, now: () => now, ...options });
  return { desk: made, clock };
}

const labelsOf = async (checkpointer: MemorySaver, threadId: string) => {
  const status = await threadStatus(checkpointer, threadId);
  return status.kind === "empty" ? [] : status.state.labels;
};

describe("the labelling desk", () => {
  it("hands people different questions, sends each answer with its person's name, and goes on to the next round", async () => {
    const { checkpointer, thread } = await waitingThread("d1");
    const { desk: d } = desk(thread);
    await d.start();
    const alice = d.work("alice");
    const bob = d.work("bob");
    expect(alice.questions).toHaveLength(2);
    expect(bob.questions).toHaveLength(1);
    const ids = [...alice.questions, ...bob.questions].map((q) => q.request.items[0].id);
    expect(new Set(ids).size).toBe(3);
    // Nobody else is given what alice and bob hold.
    expect(d.work("carol").questions).toHaveLength(0);

    const answer = (q: (typeof alice.questions)[number], label: string) => ({ [q.interruptId]: { [q.request.items[0].id]: label } });
    expect(d.submit("alice", { ...answer(alice.questions[0], "food_"), ...answer(alice.questions[1], "sport") })).toEqual({ queued: 2, held: 0, refused: [] });
    await d.idle();
    expect(await labelsOf(checkpointer, "d1")).toHaveLength(2);
    expect(d.submit("bob", { [bob.questions[0].interruptId]: { [bob.questions[0].request.items[0].id]: { label: "tech_", comment: "chips" } } }).queued).toBe(
      1,
    );
    await d.idle();
    const labels = await labelsOf(checkpointer, "d1");
    expect(labels.map((l) => [l.annotator, l.label])).toEqual([
      ["alice", "food_"],
      ["alice", "sport"],
      ["bob", "tech_"],
    ]);
    expect(labels[2].comment).toBe("chips");
    const next = d.work("alice");
    expect(next.thread.round).toBe(1);
    expect(next.questions.length).toBeGreaterThan(0);
    expect(next.you.applied).toBe(2);
    expect(next.progress).toMatchObject({ humanLabels: 3, spentUsd: expect.closeTo(0.3, 9), rounds: 1 });
  });

  it("refuses stale, foreign and repeated answers at once, and a bad label through the graph's check, applying nothing", async () => {
    const { checkpointer, thread } = await waitingThread("d2");
    const { desk: d, clock } = desk(thread, { itemsPerPerson: 1 });
    await d.start();
    const [q] = d.work("alice").questions;
    const item = q.request.items[0].id;
    expect(d.submit("alice", { "0123456789abcdef0123456789abcdef": { [item]: "food_" } }).refused[0].error).toMatch(/is not waiting for an answer/);
    const [bobs] = d.work("bob").questions;
    expect(d.submit("alice", { [bobs.interruptId]: { [bobs.request.items[0].id]: "food_" } }).refused[0].error).toMatch(/is with another person now/);

    // A label outside the set goes through the thread's resume, which refuses it and asks again.
    expect(d.submit("alice", { [q.interruptId]: { [item]: "pizza" } })).toEqual({ queued: 1, held: 0, refused: [] });
    expect(d.submit("alice", { [q.interruptId]: { [item]: "food_" } }).refused[0].error).toMatch(/already; its answer is on its way/);
    await d.idle();
    expect(await labelsOf(checkpointer, "d2")).toHaveLength(0);
    const after = d.work("alice");
    expect(after.you.refusals.at(-1)!.error).toMatch(/answer refused, nothing applied: label "pizza" for ".*" is not one of "food_", "sport", "tech_"/);
    // The question is alice's again, under the new interrupt id, without the error (that was told to her).
    expect(after.questions.map((x) => x.request.items[0].id)).toEqual([item]);
    expect(after.questions[0].interruptId).not.toBe(q.interruptId);
    expect(after.questions[0].request.error).toBeUndefined();
    // An answer to the old id still finds the question.
    expect(d.submit("alice", { [q.interruptId]: { [item]: "food_" } }).queued).toBe(1);
    await d.idle();
    expect((await labelsOf(checkpointer, "d2")).map((l) => [l.id, l.label, l.annotator])).toEqual([[item, "food_", "alice"]]);

    // A person whose page has gone quiet loses their questions to others.
    const [held] = d.work("bob").questions;
    expect(d.work("carol").questions.map((x) => x.interruptId)).not.toContain(held.interruptId);
    clock.advance(61_000);
    expect(d.work("dave").questions.map((x) => x.interruptId)).toEqual([held.interruptId]);
  });

  it("with overlap, two people answer the same question; a disagreement goes to a third person, and the votes are kept with the label", async () => {
    const { checkpointer, thread } = await waitingThread("d3");
    const { desk: d } = desk(thread, { overlap: 1, itemsPerPerson: 3 });
    await d.start();
    const alice = d.work("alice").questions;
    const bob = d.work("bob").questions;
    expect(alice.map((q) => q.interruptId)).toEqual(bob.map((q) => q.interruptId));
    expect(alice.every((q) => q.overlapped)).toBe(true);
    expect(d.work("carol").questions).toHaveLength(0);
    const answers = (qs: typeof alice, labels: string[]) => Object.fromEntries(qs.map((q, i) => [q.interruptId, { [q.request.items[0].id]: labels[i] }]));
    // A vote is checked when it comes, with the graph's own check.
    expect(d.submit("alice", answers(alice.slice(2), ["pizza"])).refused[0].error).toMatch(/label "pizza" .* is not one of/);
    expect(d.submit("alice", answers(alice.slice(2), ["tech_"])).held).toBe(1);
    expect(d.submit("alice", answers(alice.slice(0, 2), ["food_", "sport"])).held).toBe(2);
    expect(d.submit("bob", answers(bob, ["food_", "food_", "tech_"]))).toEqual({ queued: 2, held: 1, refused: [] });
    await d.idle();
    expect(await labelsOf(checkpointer, "d3")).toHaveLength(2);
    expect(d.work("alice").progress.awaitingAnotherPerson).toBe(1);
    // The disagreement goes to a third person only.
    expect(d.work("bob").questions).toHaveLength(0);
    const carol = d.work("carol").questions;
    expect(carol.map((q) => q.interruptId)).toEqual([bob[1].interruptId]);
    expect(d.submit("carol", answers(carol, ["sport"])).queued).toBe(1);
    await d.idle();
    const labels = await labelsOf(checkpointer, "d3");
    const disputed = labels.find((l) => l.id === bob[1].request.items[0].id)!;
    expect(disputed).toMatchObject({ label: "sport", settledBy: "third", votes: [vote("alice", "sport"), vote("bob", "food_"), vote("carol", "sport")] });
    expect(disputed.annotator).toBeUndefined();
    expect(labels.filter((l) => l.settledBy === "agreement")).toHaveLength(2);
    const work = d.work("carol");
    expect(work.thread.round).toBe(1);
    expect(work.agreement).toMatchObject({ items: 3, agreed: 2, settledByThird: 1, overlap: 1, settle: "third" });
    expect(work.agreement.kappa).toBeCloseTo(annotatorAgreement(labels, ["food_", "sport", "tech_"]).kappa!, 12);
  });

  it("the majority rule settles a disagreement without a third person", async () => {
    const { checkpointer, thread } = await waitingThread("d4");
    const { desk: d } = desk(thread, { overlap: 1, settle: "majority", itemsPerPerson: 3 });
    await d.start();
    const qs = d.work("alice").questions;
    d.work("bob");
    const answers = (labels: string[]) => Object.fromEntries(qs.map((q, i) => [q.interruptId, { [q.request.items[0].id]: labels[i] }]));
    d.submit("alice", answers(["food_", "sport", "tech_"]));
    expect(d.submit("bob", answers(["food_", "tech_", { skip: true } as unknown as string])).queued).toBe(3);
    await d.idle();
    const status = await threadStatus(checkpointer, "d4");
    expect(status.kind === "unfinished" && status.state.labels.map((l) => [l.label, l.settledBy])).toEqual([
      ["food_", "agreement"],
      ["sport", "majority"],
      ["tech_", "majority"],
    ]);
  });
});
