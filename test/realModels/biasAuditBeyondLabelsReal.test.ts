import { MemorySaver } from "@langchain/langgraph";
import { afterAll, describe, expect, it } from "vitest";
import { runThread } from "../../graphs/activeLearning/runThread.js";
import { simulatedHumans } from "../../graphs/activeLearning/simulatedHumans.js";
import { parseRunConfig } from "../../runtime/config/runConfig.js";
import { disposeLlamaCppEngines } from "../../tools/llm/providers/llamaCppEngine.js";
import { localModelsMissing } from "../../tools/localModels/manifest.js";
import { nodeLlamaCppMissing } from "../../tools/localModels/nodeLlamaCpp.js";
import { fixtureConfig } from "../helpers/fixtures.js";

// Real models, run for real: skips (saying what to install: scripts/install-models.sh) when the model files are not there.
const missing = localModelsMissing() ?? (await nodeLlamaCppMissing());

// One thread (llama.cpp's threads spin on a shared machine); no timeout to speak of: a local call is slow, not lost.
const smollm2 = {
  provider: "llama-cpp",
  model: "smollm2-135m-instruct",
  llamaCpp: { threads: 1 },
  concurrency: 1,
  maxTokens: 300,
  timeoutMs: 600_000,
} as const;
const task = { description: "Classify each short text by its topic: food, sport or technology." };

if (missing) {
  it.skip(missing, () => {});
} else {
  afterAll(() => disposeLlamaCppEngines());

  describe("bias discovery and Beyond-Labels with SmolLM2-135M-Instruct Q4_1 through llama.cpp", () => {
    it("audits noisy labels by density cluster: the grammar holds the reply to clusters and labels shown, and what it flags is relabeled and paid for", async () => {
      const config = parseRunConfig(
        fixtureConfig({
          llmCache: "off",
          task,
          annotator: { kind: "oracle", noiseRate: 0.4, feeUsd: 0.01 },
          initial: { size: 12 },
          batchSize: 6,
          biasAudit: { every: 1, clusters: 3, perCluster: 2, relabelBy: "llm", itemsPerCall: 4, llm: smollm2 },
          stopping: { maxRounds: 2 },
        }),
      );
      const { state } = await runThread({ threadId: "real-cal", checkpointer: new MemorySaver(), config });
      expect(state.audits).toHaveLength(1);
      const [audit] = state.audits;
      // A reply the grammar allowed either passed every check or was refused in one line; either way it is recorded.
      if (audit.failure) expect(audit.failure).toMatch(/^bias audit (reply refused|call failed|not asked)[^\n]*$/);
      for (const pattern of audit.patterns) {
        expect(state.classes).toContain(pattern.label);
        if (pattern.cluster !== null) expect(pattern.cluster).toBeLessThanOrEqual(audit.clusters);
      }
      const relabels = state.labels.filter((record) => record.reviewReason === "bias-audit");
      expect(relabels.length + state.failed.filter((item) => item.round === audit.round).length).toBe(audit.flagged.length);
      for (const record of relabels) expect(record).toMatchObject({ source: "llm", model: "llama-cpp:smollm2-135m-instruct", costUsd: 0 });
      const spend = state.ledger.llm["llama-cpp:smollm2-135m-instruct"];
      expect(spend.calls).toBeGreaterThanOrEqual(1);
      expect(spend.seconds).toBeGreaterThan(0);
    });

    it("feeds people's comments into the next round's prompt as reasons, and the real model still labels from the set", async () => {
      const config = parseRunConfig(
        fixtureConfig({
          llmCache: "off",
          task,
          initial: { size: 4 },
          batchSize: 4,
          annotator: {
            kind: "llm",
            llm: smollm2,
            itemsPerCall: 4,
            demonstrations: 3,
            explanations: true,
            review: { acceptAbove: 1, humanFeeUsd: 0.01, itemsPerTask: 10 },
          },
          stopping: { maxRounds: 1 },
        }),
      );
      const comment = (item: { text: string }, label: string) => `"${item.text.split(" ")[0]}" is a ${label} word`;
      const { state } = await runThread({ threadId: "real-beyond", checkpointer: new MemorySaver(), config, responder: simulatedHumans(config, { comment }) });
      // acceptAbove 1: people see every LLM label and say why; round 1's LLM prompts show their reasons.
      const people = state.labels.filter((record) => record.source === "human");
      expect(people.length).toBeGreaterThan(0);
      expect(people.every((record) => record.comment?.endsWith("word"))).toBe(true);
      expect(state.labels.filter((record) => record.round === 1).length + state.failed.filter((item) => item.round === 1).length).toBeGreaterThan(0);
      for (const record of state.labels) expect(state.classes).toContain(record.label);
      expect(state.ledger.llm["llama-cpp:smollm2-135m-instruct"].calls).toBeGreaterThanOrEqual(2);
    });
  });
}
