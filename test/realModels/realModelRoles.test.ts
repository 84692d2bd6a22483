import { MemorySaver } from "@langchain/langgraph";
import { afterAll, describe, expect, it } from "vitest";
import { planRun } from "../../graphs/activeLearning/plan.js";
import { runThread } from "../../graphs/activeLearning/runThread.js";
import { parseRunConfig, type RunConfigInput } from "../../runtime/config/runConfig.js";
import { createServices } from "../../runtime/services.js";
import { emptySpend } from "../../tools/cost/spend.js";
import { BudgetGuard } from "../../tools/llm/budgetGuard.js";
import { LlmSchema } from "../../tools/llm/config.js";
import { synthesize } from "../../tools/llm/generator.js";
import { disposeLlamaCppEngines } from "../../tools/llm/providers/llamaCppEngine.js";
import { LOCAL_MODELS, localModelsMissing } from "../../tools/localModels/manifest.js";
import { nodeLlamaCppMissing } from "../../tools/localModels/nodeLlamaCpp.js";
import { askLlmScores } from "../../tools/strategies/llm/askLlm.js";
import { rankItems } from "../../tools/strategies/llm/llmRank.js";
import { fixtureConfig } from "../helpers/fixtures.js";

// Every LLM role on a real model, in-process through provider llama-cpp: the tests skip, naming
// scripts/install-models.sh, when the models (or node-llama-cpp) are not installed.
const missing = localModelsMissing() ?? (await nodeLlamaCppMissing());

const smol = { provider: "llama-cpp", model: LOCAL_MODELS.smollm2 } as const;
const gemma = { provider: "llama-cpp", model: LOCAL_MODELS.gemma3 } as const;
const task = {
  description: "Classify each text by its topic.",
  labelDescriptions: { food_: "food, cooking and eating", sport: "sport, games and athletes", tech_: "computers and technology" },
};
const config = (overrides: Partial<RunConfigInput>) => parseRunConfig(fixtureConfig({ llmCache: "off", task, ...overrides }));
const CLASSES = ["food_", "sport", "tech_"];

if (missing) {
  it.skip(missing, () => {});
} else {
  afterAll(() => disposeLlamaCppEngines());

  describe("provider llama-cpp in every LLM role (SmolLM2-135M-Instruct Q4_1, Gemma 3 270M Q4_K_M)", () => {
    it("runs a short loop annotated by SmolLM2: 30 labels of the set, each with its label tokens' probability, free, with its seconds in the ledger", async () => {
      const { state } = await runThread({
        threadId: "real-llm",
        checkpointer: new MemorySaver(),
        config: config({ annotator: { kind: "llm", llm: smol, itemsPerCall: 5 }, stopping: { maxLabels: 30 } }),
      });
      expect(state.labels).toHaveLength(30);
      const machine = state.labels.filter((record) => record.source === "llm");
      expect(machine.length).toBeGreaterThanOrEqual(20);
      for (const record of machine) {
        expect(CLASSES).toContain(record.label);
        expect(record).toMatchObject({ model: "llama-cpp:smollm2-135m-instruct", confidenceMethod: "logprobs", costUsd: 0 });
        // The label's probability among the label set, read from the model's distribution.
        expect(record.confidence!).toBeGreaterThanOrEqual(1 / CLASSES.length);
        expect(record.confidence!).toBeLessThanOrEqual(1);
      }
      // Real probabilities, not a constant.
      expect(new Set(machine.map((record) => record.confidence!.toFixed(4))).size).toBeGreaterThan(3);
      const spend = state.ledger.llm["llama-cpp:smollm2-135m-instruct"];
      expect(spend.usd).toBe(0);
      expect(spend.seconds).toBeGreaterThan(0);
      expect(spend.inputTokens).toBeGreaterThan(100 * spend.calls);
      expect(state.ledger.totalUsd).toBe(0);
    });

    it("lets a committee of Gemma and SmolLM2 vote: both members' votes, labels of the set only", async () => {
      const { state } = await runThread({
        threadId: "real-committee",
        checkpointer: new MemorySaver(),
        config: config({
          annotator: { kind: "committee", itemsPerCall: 5, itemsPerWave: 10 },
          committee: {
            members: [
              { kind: "llm", llm: gemma, chainOfThought: false },
              { kind: "llm", llm: smol, chainOfThought: false },
            ],
          },
          initial: { size: 5 },
          batchSize: 5,
          stopping: { maxLabels: 10 },
        }),
      });
      expect(state.labels).toHaveLength(10);
      const voted = state.labels.filter((record) => record.confidenceMethod === "committee");
      expect(voted.length).toBeGreaterThan(0);
      for (const record of voted) {
        expect(CLASSES).toContain(record.label);
        expect(record.source).toBe("llm");
      }
      expect(Object.keys(state.ledger.llm).sort()).toEqual(["llama-cpp:gemma-3-270m", "llama-cpp:smollm2-135m-instruct"]);
      for (const spend of Object.values(state.ledger.llm)) expect(spend.seconds).toBeGreaterThan(0);
    });

    it("plans a run on a local model: free, and its compute seconds measured by one calibration call", async () => {
      const plan = await planRun(config({ annotator: { kind: "llm", llm: smol, itemsPerCall: 5 }, stopping: { maxLabels: 30 } }));
      expect(plan.total.atMostUsd).toBe(0);
      expect(plan.time!.calibrations).toEqual([
        expect.objectContaining({ model: "llama-cpp:smollm2-135m-instruct", role: "annotate", inputTokens: expect.any(Number), seconds: expect.any(Number) }),
      ]);
      expect(plan.time!.calibrations[0].inputTokens).toBeGreaterThan(100);
      expect(plan.time!.perLabelSeconds).toBeGreaterThan(0);
      expect(plan.time!.totalSeconds).toBeCloseTo(plan.labels * plan.time!.perLabelSeconds, 6);
    });

    it("scores Ask-LLM with the real P(yes), ranks with ids of the candidates only, and generates texts under the grammar", async () => {
      const c = config({});
      const services = createServices();
      const workspace = await services.workspace(c);
      const client = services.llm(c, LlmSchema.parse(smol), workspace);
      const spend = emptySpend();
      const llm = { client, guard: BudgetGuard.unlimited(), spend, instructions: task.description, classes: CLASSES, pruneShare: 0.5 };
      const items = workspace.pool.ids.slice(0, 12).map((id) => ({ id, text: workspace.textOf(id) }));

      const scores = await askLlmScores(llm, items);
      expect([...scores.keys()]).toEqual(items.map((item) => item.id));
      for (const p of scores.values()) {
        expect(p).toBeGreaterThan(0);
        expect(p).toBeLessThan(1);
      }
      expect(new Set([...scores.values()].map((p) => p.toFixed(4))).size).toBeGreaterThan(1);

      const ranked = await rankItems(llm, items.slice(0, 8), 3);
      expect(ranked).toHaveLength(3);
      for (const id of ranked) expect(items.map((item) => item.id)).toContain(id);

      const generated = await synthesize(
        client,
        { instructions: task.description, labels: CLASSES, labelDescriptions: task.labelDescriptions, target: "sport", count: 2, examples: [items[0].text] },
        BudgetGuard.unlimited(),
        spend,
      );
      expect(generated.failure).toBeUndefined();
      expect(generated.texts).toHaveLength(2);
      for (const text of generated.texts) expect(text.length).toBeGreaterThan(0);
      expect(spend.usd).toBe(0);
      expect(spend.seconds).toBeGreaterThan(0);
      services.close();
    });
  });
}
