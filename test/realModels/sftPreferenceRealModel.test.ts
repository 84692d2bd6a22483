import { MemorySaver } from "@langchain/langgraph";
import { afterAll, describe, expect, it } from "vitest";
import { localChatLlm } from "../../tools/localModels/localChatLlm.js";
import { compileActivePreference, preferenceContext } from "../../graphs/activePreference/graph.js";
import { compileActiveSft, sftContext } from "../../graphs/activeSft/graph.js";
import { parsePreferenceConfig } from "../../runtime/config/preferenceConfig.js";
import { parseSftConfig } from "../../runtime/config/sftConfig.js";
import { answerOf } from "../../tools/instructions/answer.js";
import { disposeLlamaCppEngines } from "../../tools/llm/providers/llamaCppEngine.js";
import { LOCAL_MODELS, localModelsMissing } from "../../tools/localModels/manifest.js";
import { nodeLlamaCppMissing } from "../../tools/localModels/nodeLlamaCpp.js";
import { FIXTURE_TEST, FIXTURE_TRAIN } from "../helpers/fixtures.js";

// Real models, run for real: they skip (saying what to install) when the files are not there.
const missing = localModelsMissing() ?? (await nodeLlamaCppMissing());
const thread = { configurable: { thread_id: "real" } };
// Small on purpose (a dozen calls each): the figures come from npm run bench:sft / bench:preference.
const source = { dataset: { train: FIXTURE_TRAIN, test: FIXTURE_TEST }, maxItems: 4 };

if (missing) {
  it.skip(missing, () => {});
} else {
  afterAll(() => disposeLlamaCppEngines());

  describe("active SFT and active preference on SmolLM2-135M-Instruct (Q4_1, llama.cpp in-process)", () => {
    it("active SFT: the model's sampled responses give each prompt an uncertainty, and the chosen prompts become examples", async () => {
      const smol = localChatLlm(LOCAL_MODELS.smollm2, { maxTokens: 12 });
      const config = parseSftConfig({
        source,
        responder: { llm: smol, samples: 2, explain: false },
        llmCache: "off",
        batchSize: 2,
        shortlistFactor: 2,
        evaluation: { clusters: 2 },
        stopping: { maxExamples: 2 },
      });
      const state = await compileActiveSft(new MemorySaver()).invoke({ config }, { ...thread, context: sftContext(config) });
      expect(state.examples).toHaveLength(2);
      expect(state.ledger.llm[`llama-cpp:${LOCAL_MODELS.smollm2}`].calls).toBe(2 * Object.keys(state.scored).length);
      // The grammar holds the response to one of the labels.
      for (const scored of Object.values(state.scored)) expect(scored.answer === null || state.classes.includes(scored.answer)).toBe(true);
      expect(state.history.at(-1)).toMatchObject({ examples: 2, clusters: 2 });
    });

    it("active preference: the model writes candidates and judges pairs, and the reward model is measured on held-out pairs", async () => {
      const smol = localChatLlm(LOCAL_MODELS.smollm2, { maxTokens: 12 });
      const config = parsePreferenceConfig({
        source,
        candidates: { generators: [smol], samples: 2, pairsPerPrompt: 1 },
        // The judge's JSON verdict needs more tokens than a candidate's label (llama-cpp honours maxTokens).
        annotator: { kind: "llm", llm: localChatLlm(LOCAL_MODELS.smollm2, { maxTokens: 48 }), bothOrders: false },
        llmCache: "off",
        initialSize: 2,
        batchSize: 2,
        evaluation: { size: 2 },
        stopping: { maxLabels: 2 },
      });
      const state = await compileActivePreference(new MemorySaver()).invoke({ config }, { ...thread, context: preferenceContext(config) });
      for (const pair of state.pairs) expect(pair.a).not.toBe(pair.b);
      for (const pair of state.heldOut) expect(answerOf(pair.chosen, state.classes)).not.toBe(answerOf(pair.rejected, state.classes));
      expect(state.preferences.length).toBeGreaterThan(0);
      expect(state.preferences.every((record) => record.source === "llm" && record.model === `llama-cpp:${LOCAL_MODELS.smollm2}`)).toBe(true);
      expect(state.history.at(-1)!.labels).toBe(state.preferences.length);
    });
  });
}
