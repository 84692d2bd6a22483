import { MemorySaver } from "@langchain/langgraph";
import { afterAll, describe, expect, it } from "vitest";
import { runIclThread } from "../../graphs/activeIcl/runIclThread.js";
import { emptySpend } from "../../tools/cost/spend.js";
import { BudgetGuard } from "../../tools/llm/budgetGuard.js";
import { InContextLearner } from "../../tools/llm/inContextLearner.js";
import { LlmClient } from "../../tools/llm/llmClient.js";
import { LlmSchema } from "../../tools/llm/config.js";
import { disposeLlamaCppEngines } from "../../tools/llm/providers/llamaCppEngine.js";
import { LlamaCppChatModel } from "../../tools/llm/providers/llamaCppChatModel.js";
import { localChatLlm } from "../../tools/localModels/localChatLlm.js";
import { LOCAL_MODELS, localModel, localModelsMissing } from "../../tools/localModels/manifest.js";
import { nodeLlamaCppMissing } from "../../tools/localModels/nodeLlamaCpp.js";
import { FIXTURE_TEST, FIXTURE_TRAIN } from "../helpers/fixtures.js";

// Real models, run for real: they skip (saying what to install) when the files are not there.
const missing = localModelsMissing() ?? (await nodeLlamaCppMissing());

if (missing) {
  it.skip(missing, () => {});
} else {
  afterAll(() => disposeLlamaCppEngines());

  describe("active ICL with SmolLM2-135M-Instruct Q4_1 in-process", () => {
    it("scores every label after a few-shot prompt (a distribution over the labels) and reads a text's perplexity", async () => {
      const model = new LlamaCppChatModel({ model: localModel(LOCAL_MODELS.smollm2).path, modelName: LOCAL_MODELS.smollm2 });
      const free = { inputPerMTokens: 0, outputPerMTokens: 0 };
      const client = new LlmClient(LlmSchema.parse({ provider: "llama-cpp", model: LOCAL_MODELS.smollm2 }), model, free, null);
      const spend = emptySpend();
      const labels = ["LOC", "HUM", "NUM"];
      const learner = new InContextLearner(
        client,
        { instructions: "Classify each question by the type of its answer.", labels, inference: "auto" },
        BudgetGuard.unlimited(),
        spend,
      );
      expect(learner.method).toBe("scored");
      const demonstrations = [
        { text: "Where is Paris?", label: "LOC" },
        { text: "Who painted the Mona Lisa?", label: "HUM" },
        { text: "How many legs does a spider have?", label: "NUM" },
      ];
      const answer = await learner.classify(demonstrations, "Where is the Eiffel Tower?");
      if (!answer.ok) throw new Error(answer.reason);
      expect(answer.probs.reduce((sum, p) => sum + p, 0)).toBeCloseTo(1, 5);
      expect(answer.probs.every((p) => p > 0 && p < 1)).toBe(true);
      expect(labels).toContain(answer.label);
      // A fluent sentence surprises a language model less than the same words shuffled.
      const fluent = await learner.perplexity("The cat sat on the mat and looked out of the window.");
      const shuffled = await learner.perplexity("window mat the of cat looked the sat and on out the.");
      expect(fluent).toBeGreaterThan(1);
      expect(shuffled).toBeGreaterThan(fluent);
      expect(spend.calls).toBe(3);
      expect(spend.seconds).toBeGreaterThan(0);
      expect(spend.usd).toBe(0);
    });

    it("runs the activeIcl graph end to end with the real learner, perplexity choosing the demonstrations", async () => {
      const { state } = await runIclThread({
        threadId: "real",
        checkpointer: new MemorySaver(),
        config: {
          dataset: { train: FIXTURE_TRAIN, test: FIXTURE_TEST },
          strategy: "perplexity",
          k: 2,
          seed: 1,
          learner: localChatLlm(LOCAL_MODELS.smollm2),
          llmCache: "off",
          evaluation: { testSize: 4 },
          scoring: { poolSample: 4 },
        },
      });
      expect(state.labels).toHaveLength(2);
      expect(state.predictions).toHaveLength(4);
      expect(state.predictions.every((p) => p.label !== null && p.confidence! > 0)).toBe(true);
      const spend = state.ledger.llm[`llama-cpp:${LOCAL_MODELS.smollm2}`];
      // Four perplexities of pool items, four test inputs classified.
      expect(spend.calls).toBe(8);
      expect(spend.seconds).toBeGreaterThan(0);
      expect(state.history.at(-1)!.accuracy).not.toBeNull();
    });
  });
}
