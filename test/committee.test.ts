import { MemorySaver } from "@langchain/langgraph";
import { describe, expect, it } from "vitest";
import { runThread } from "../graphs/activeLearning/runThread.js";
import { committeeRunner } from "../graphs/committee/graph.js";
import { createServices } from "../runtime/services.js";
import { workspaceFor } from "./helpers/workspace.js";
import { registerChatModel } from "../tools/llm/customModels.js";
import { parseAnnotationPrompt } from "../tools/llm/prompts/annotatePrompt.js";
import { parseQualityPrompt } from "../tools/llm/prompts/qualityPrompt.js";
import { parseRankPrompt } from "../tools/llm/prompts/rankPrompt.js";
import { parseRunConfig, type RunConfigInput } from "../runtime/config/runConfig.js";
import { fixtureConfig } from "./helpers/fixtures.js";
import { ScriptedChatModel } from "./helpers/scriptedChatModel.js";

const free = { inputPerMTokens: 0, outputPerMTokens: 0 };
/** A member that labels every item `label`, except those whose text matches `except.word`, labeled `other`. */
function member(name: string, label: string, except?: { word: RegExp | string; other: string }) {
  registerChatModel(
    name,
    new ScriptedChatModel((turns) => {
      const prompt = parseAnnotationPrompt(turns)!;
      return JSON.stringify({
        answers: prompt.items.map((item) => ({
          id: item.key,
          reasoning: `${name} read it`,
          label: except && (typeof except.word === "string" ? item.text.includes(except.word) : except.word.test(item.text)) ? except.other : label,
          confidence: 0.9,
        })),
      });
    }),
  );
  return { kind: "llm" as const, llm: { provider: "custom" as const, model: name, price: free } };
}

const config = (overrides: Partial<RunConfigInput>) => parseRunConfig(fixtureConfig({ llmCache: "off", ...overrides }));

describe("the committee", () => {
  it("fans out to its members with Send and collects every vote", async () => {
    const c = config({ committee: { members: [member("m-a", "food_"), member("m-b", "food_", { word: "goal", other: "sport" }), { kind: "model" }] } });
    const run = await workspaceFor(c);
    const items = run.pool.ids.slice(0, 6).map((id) => ({ id, text: run.pool.texts[run.pool.indexOf(id)] }));
    const labels = run.pool.ids
      .slice(10, 40)
      .map((id, i) => ({ id, label: run.classes[i % 3], source: "oracle" as const, confidence: null, costUsd: 0, round: 0 }));
    const out = await committeeRunner(createServices())({ config: c, round: 1, items, labels });
    expect(out.votes).toHaveLength(18);
    expect(new Set(out.votes.map((v) => v.member))).toEqual(new Set(["m-a#0", "m-b#1", "target-model#2"]));
    expect(out.verdicts).toHaveLength(6);
  });

  it("CoT query-by-committee queries the items the committee splits on, and keeps the rationales", async () => {
    const c = config({
      strategy: "cot-qbc",
      selection: { shortlistFactor: 20 },
      batchSize: 3,
      committee: { members: [member("q-a", "food_"), member("q-b", "food_", { word: "goal", other: "sport" }), member("q-c", "food_")] },
      stopping: { maxRounds: 1 },
    });
    const run = await workspaceFor(c);
    const { state } = await runThread({ threadId: "q", checkpointer: new MemorySaver(), config: c });
    const queried = state.labels.filter((r) => r.round === 1);
    expect(queried).toHaveLength(3);
    // Only items with "goal" split the committee (2 food_ : 1 sport): those come first.
    const unlabeledWithGoal = run.pool.ids.filter((id, i) => run.pool.texts[i].includes("goal") && !state.labels.some((r) => r.id === id && r.round === 0));
    expect(unlabeledWithGoal.length).toBeGreaterThan(3);
    for (const record of queried) {
      expect(run.pool.texts[run.pool.indexOf(record.id)]).toContain("goal");
      expect(record.rationales).toEqual(expect.arrayContaining(["q-b#1: q-b read it"]));
    }
  });

  it("committee annotation keeps the majority with agreement as confidence, and sends splits to people", async () => {
    const c = config({
      annotator: { kind: "committee", review: { acceptAbove: 1 } },
      committee: {
        members: [member("c-a", "food_"), member("c-b", "food_", { word: /goal|match|team|coach|score|player/, other: "sport" }), member("c-c", "food_")],
      },
      stopping: { maxLabels: 30 },
    });
    const { state } = await runThread({
      threadId: "c",
      checkpointer: new MemorySaver(),
      config: c,
      responder: async (questions) =>
        Object.fromEntries(questions.map((q) => [q.interruptId, Object.fromEntries(q.request.items.map((i) => [i.id, "sport"]))])),
    });
    const byPeople = state.labels.filter((r) => r.source === "human");
    const byCommittee = state.labels.filter((r) => r.source === "llm");
    expect(byCommittee.every((r) => r.confidence === 1 && r.confidenceMethod === "committee" && r.label === "food_")).toBe(true);
    expect(byPeople.length).toBeGreaterThan(0);
    expect(byPeople.every((r) => r.suggestion === "food_" && r.reviewReason === "review")).toBe(true);
  });
});

describe("LLM selection", () => {
  /** Registers one model answering rank prompts by `rank` and quality prompts by `useful`. */
  function selector(name: string, rank: (texts: string[]) => number[], useful: (text: string) => boolean) {
    registerChatModel(
      name,
      new ScriptedChatModel((turns) => {
        const ranking = parseRankPrompt(turns);
        if (ranking) return JSON.stringify({ ranking: rank(ranking.items.map((i) => i.text)).map((i) => ranking.items[i].key) });
        const quality = parseQualityPrompt(turns)!;
        return JSON.stringify({ answers: quality.items.map((item) => ({ id: item.key, label: useful(item.text) ? "yes" : "no" })) });
      }),
    );
    return { provider: "custom" as const, model: name, price: free };
  }
  const run = async (strategy: string, llm: ReturnType<typeof selector>, extra: Partial<RunConfigInput> = {}) => {
    const c = config({ strategy: strategy as never, selection: { llm, shortlistFactor: 20 }, batchSize: 3, stopping: { maxRounds: 1 }, ...extra });
    const resources = await workspaceFor(c);
    const { state } = await runThread({ threadId: strategy, checkpointer: new MemorySaver(), config: c });
    return state.labels.filter((r) => r.round === 1).map((r) => resources.pool.texts[resources.pool.indexOf(r.id)]);
  };

  it("llm-rank queries what the LLM ranks first", async () => {
    const picked = await run(
      "llm-rank",
      selector(
        "rank-coach",
        (texts) =>
          texts
            .map((t, i) => [t.includes("coach") ? 0 : 1, i])
            .sort((a, b) => a[0] - b[0] || a[1] - b[1])
            .map(([, i]) => i),
        () => true,
      ),
    );
    expect(picked).toHaveLength(3);
    for (const text of picked) expect(text).toContain("coach");
  });

  it("llm-rank warns when the LLM ranks by the order the candidates were shown in, not by what they say", async () => {
    const history = async (name: string, rank: (texts: string[]) => number[]) => {
      const c = config({
        strategy: "llm-rank",
        selection: { llm: selector(name, rank, () => true), shortlistFactor: 4 },
        batchSize: 6,
        stopping: { maxRounds: 1 },
      });
      const { state } = await runThread({ threadId: `order-${name}`, checkpointer: new MemorySaver(), config: c });
      return state.history.at(-1)!;
    };
    // As SmolLM2 did: the first six shown, in order.
    const positional = await history("in-order", (texts) => texts.map((_, i) => i));
    expect(positional.counters).toMatchObject({ llmRankings: 1, llmRankingsInShownOrder: 1 });
    expect(positional.warnings).toEqual([
      "round 1: 1 of 1 rankings by the selection LLM listed the candidates in the order shown, not by their content (position bias): its picks are the shortlist's own order",
    ]);
    // A ranking by content (longest text first) is no warning.
    const byLength = await history("by-length", (texts) =>
      texts
        .map((text, i) => [text.length, i])
        .sort((a, b) => b[0] - a[0] || a[1] - b[1])
        .map(([, i]) => i),
    );
    expect(byLength.counters).toMatchObject({ llmRankings: 1 });
    expect(byLength.counters?.llmRankingsInShownOrder).toBeUndefined();
    expect(byLength.warnings).toBeUndefined();
  });

  it("ask-llm queries what the LLM finds useful, llm-prune drops what it does not", async () => {
    const food = /bread|soup|recipe|oven|pasta|salad|cheese|garlic|bake/;
    const likesFood = selector(
      "likes-food",
      (texts) => texts.map((_, i) => i),
      (text) => food.test(text),
    );
    for (const text of await run("ask-llm", likesFood)) expect(text).toMatch(food);
    for (const text of await run("llm-prune", likesFood, { selection: { llm: likesFood, shortlistFactor: 20, pruneShare: 0.9 } })) expect(text).toMatch(food);
  });

  it("llm-clusters picks one item from each of k clusters", async () => {
    const picked = await run(
      "llm-clusters",
      selector(
        "first",
        (texts) => texts.map((_, i) => i),
        () => true,
      ),
    );
    expect(new Set(picked).size).toBe(3);
  });
});
