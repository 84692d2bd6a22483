import { MemorySaver } from "@langchain/langgraph";
import { afterAll, describe, expect, it } from "vitest";
import { runDistillation } from "../../graphs/activeDistillation/runDistillation.js";
import { parseDistillConfig } from "../../runtime/config/distillConfig.js";
import { latestLabels } from "../../tools/labels/latestLabels.js";
import { disposeLlamaCppEngines } from "../../tools/llm/providers/llamaCppEngine.js";
import { localChatLlm } from "../../tools/localModels/localChatLlm.js";
import { LOCAL_MODELS, localModelsMissing } from "../../tools/localModels/manifest.js";
import { nodeLlamaCppMissing } from "../../tools/localModels/nodeLlamaCpp.js";
import { FIXTURE_TEST, FIXTURE_TRAIN } from "../helpers/fixtures.js";

// A real teacher, run for real: skips (saying what to install) when the model files are not there.
const missing = localModelsMissing() ?? (await nodeLlamaCppMissing());

if (missing) {
  it.skip(missing, () => {});
} else {
  afterAll(() => disposeLlamaCppEngines());

  describe("FreeAL with a real teacher: SmolLM2-135M-Instruct Q4_1 through llama.cpp", () => {
    it("labels a share of the pool, relabels what the student finds noisy with clean demonstrations, and accounts for every call", async () => {
      const config = parseDistillConfig({
        dataset: { train: FIXTURE_TRAIN, test: FIXTURE_TEST },
        method: "freeal",
        seed: 3,
        llmCache: "off",
        task: { description: "Classify each short text by its topic: food, sport or technology." },
        teacher: {
          // One thread (llama.cpp's threads spin, and tests share the machine), and no timeout to speak of: a local call on a busy machine is slow, not lost.
          llm: localChatLlm(LOCAL_MODELS.smollm2, { threads: 1, maxTokens: 300 }),
          itemsPerCall: 6,
          demonstrations: 2,
        },
        budget: { maxTeacherLabels: 9 },
        freeal: { annotate: 6, rounds: 1, cleanShare: 0.5, lossFolds: 1 },
      });
      const { state } = await runDistillation({ threadId: "real", checkpointer: new MemorySaver(), config });

      expect(state.stopReason, JSON.stringify(state.failed)).toMatchObject({ criterion: expect.stringMatching(/^(rounds|maxTeacherLabels)$/) });
      const first = state.labels.filter((record) => record.round === 0);
      const relabeled = state.labels.filter((record) => record.round === 1);
      // Every item put to the teacher got a label from the set (the grammar allows no other) or a recorded failure.
      expect(first.length + state.failed.filter((item) => item.round === 0).length).toBe(6);
      for (const record of state.labels) {
        expect(state.classes).toContain(record.label);
        expect(record).toMatchObject({ source: "llm", model: `llama-cpp:${LOCAL_MODELS.smollm2}`, costUsd: 0 });
      }
      // Relabels are items of the first batch that the student did not keep as clean.
      const clean = new Set(state.clean);
      expect(relabeled.length).toBeGreaterThan(0);
      for (const record of relabeled) {
        expect(first.some((earlier) => earlier.id === record.id)).toBe(true);
        expect(clean.has(record.id)).toBe(false);
      }
      expect(latestLabels(state.labels)).toHaveLength(first.length);
      const spend = state.ledger.llm[`llama-cpp:${LOCAL_MODELS.smollm2}`];
      expect(spend.calls).toBe(2);
      expect(spend.inputTokens).toBeGreaterThan(100);
      expect(spend.outputTokens).toBeGreaterThan(0);
      expect(state.ledger.totalUsd).toBe(0);
      expect(state.history).toHaveLength(2);
      expect(state.history[1]).toMatchObject({ relabeled: relabeled.length, clean: clean.size });
      expect(state.history[1].teacherSeconds).toBeGreaterThan(0);
    });
  });
}
