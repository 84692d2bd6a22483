import type { LangGraphRunnableConfig } from "@langchain/langgraph";
import { bookedSpend, taskBudget } from "../../runtime/llm/taskSpend.js";
import type { PreferenceState, PreferenceUpdate } from "../../graphs/activePreference/state.js";
import { remainingUsd } from "../../runtime/budget.js";
import { preferenceConfigOf } from "../../runtime/config/preferenceConfig.js";
import type { PromptPools } from "../../runtime/promptPool/promptPools.js";
import { promptText } from "../../tools/instructions/instructionItem.js";
import type { FailedItem } from "../../tools/labels/labelRecord.js";
import { sampleResponses } from "../../tools/llm/responder.js";
import { candidatePairs } from "../../tools/preference/candidatePairs.js";
import { goldPreference } from "../../tools/preference/goldPreference.js";
import type { CandidatePair, HeldOutPair } from "../../tools/preference/preferenceRecords.js";
import { rngFor } from "../../tools/random.js";
import { preferencePool } from "./preferencePool.js";

/**
 * The generators write candidate responses to a wave of prompts (the first generator's
 * concurrency; each wave checkpointed before the next is paid for), and each prompt's distinct
 * responses become pairs. A held-out prompt keeps only its pairs with exactly one right answer
 * (against the gold label), with the right one as chosen: the pairs the reward model is measured on.
 */
export const generate =
  (pools: PromptPools) =>
  async (state: PreferenceState, nodeConfig?: LangGraphRunnableConfig): Promise<PreferenceUpdate> => {
    const config = preferenceConfigOf(state);
    const pool = await preferencePool(pools, config);
    const { generators, samples, temperature, explain, pairsPerPrompt } = config.candidates;
    const wave = state.toGenerate.slice(0, Math.max(1, generators[0].concurrency));
    const heldOutPrompts = new Map(((await pool.testPrompts(config.evaluation.size)) ?? []).map((item) => [item.id, item]));
    const prompts = wave.map((id) => heldOutPrompts.get(id) ?? pool.item(id));
    // Journaled before each call is sent: a wave re-run after a crash counts what its killed attempt spent.
    const guard = taskBudget(pools.services, config, remainingUsd(config, state.ledger), nodeConfig);
    const candidates = new Map<string, Array<{ response: string; model: string }>>(wave.map((id) => [id, []]));
    const failed: FailedItem[] = [];
    let unpaid = false;
    for (const llm of generators) {
      const client = pools.llm(config, llm, pool);
      const outcome = await sampleResponses(client, prompts, { labels: pool.classes, explain, samples, temperature }, guard);
      for (const [id, responses] of outcome.responses) for (const response of responses) candidates.get(id)!.push({ response, model: client.key });
      failed.push(...outcome.failures.map(({ id, reason }) => ({ id, round: 0, annotator: client.key, reason })));
      unpaid ||= outcome.unpaid.length > 0;
    }
    const pairs: CandidatePair[] = [];
    const heldOut: HeldOutPair[] = [];
    for (const prompt of prompts) {
      const made = candidatePairs({ id: prompt.id, text: promptText(prompt) }, candidates.get(prompt.id)!, pairsPerPrompt, rngFor(0, "pairs", prompt.id));
      if (!heldOutPrompts.has(prompt.id)) {
        pairs.push(...made);
        continue;
      }
      for (const pair of made) {
        const choice = goldPreference(pair.a, pair.b, prompt.answer!, pool.classes);
        if (choice !== "tie")
          heldOut.push({ id: pair.id, prompt: pair.prompt, chosen: choice === "A" ? pair.a : pair.b, rejected: choice === "A" ? pair.b : pair.a });
      }
    }
    return {
      pairs,
      heldOut,
      failed,
      ledger: bookedSpend(pools.services, config, nodeConfig, guard.cachedCalls()),
      toGenerate: unpaid ? [] : state.toGenerate.slice(wave.length),
      ...(unpaid ? { budgetRefused: true } : {}),
    };
  };
