import type { LangGraphRunnableConfig } from "@langchain/langgraph";
import { bookedSpend, taskBudget } from "../../runtime/llm/taskSpend.js";
import type { PreferenceState, PreferenceUpdate } from "../../graphs/activePreference/state.js";
import { remainingUsd } from "../../runtime/budget.js";
import { preferenceConfigOf } from "../../runtime/config/preferenceConfig.js";
import type { PromptPools } from "../../runtime/promptPool/promptPools.js";
import type { FailedItem } from "../../tools/labels/labelRecord.js";
import { judgePairs } from "../../tools/llm/preferenceJudge.js";
import type { PreferenceRecord } from "../../tools/preference/preferenceRecords.js";
import { preferencePool } from "./preferencePool.js";

/**
 * An LLM judge answers the round's comparisons, one a call (a small judge compares one pair far
 * better than several), in waves of its concurrency, each checkpointed before the next is paid
 * for. Asked in both orders (the default) it cannot win by position alone. Each label carries its
 * share of the wave's cost and the judge's P(its choice).
 */
export const annotateLLM =
  (pools: PromptPools) =>
  async (state: PreferenceState, nodeConfig?: LangGraphRunnableConfig): Promise<PreferenceUpdate> => {
    const config = preferenceConfigOf(state);
    if (config.annotator.kind !== "llm") throw new Error(`annotateLLM runs for annotator "llm", not "${config.annotator.kind}"`);
    const pool = await preferencePool(pools, config);
    const client = pools.llm(config, config.annotator.llm, pool);
    const wave = state.batch.slice(0, Math.max(1, config.annotator.llm.concurrency));
    // Journaled before each call is sent: a wave re-run after a crash counts what its killed attempt spent.
    const guard = taskBudget(pools.services, config, remainingUsd(config, state.ledger), nodeConfig);
    const byId = new Map(state.pairs.map((pair) => [pair.id, pair]));
    const outcome = await judgePairs(
      client,
      wave.map((id) => byId.get(id)!),
      { itemsPerCall: 1, bothOrders: config.annotator.bothOrders },
      guard,
    );
    const share = outcome.pA.size > 0 ? outcome.spend.usd / outcome.pA.size : 0;
    const preferences: PreferenceRecord[] = [...outcome.pA].map(([id, pA]) => ({
      id,
      // An even split (both orders disagreeing fully) prefers nothing.
      choice: pA > 0.5 ? "A" : pA < 0.5 ? "B" : "tie",
      source: "llm",
      costUsd: share,
      round: state.round,
      confidence: Math.max(pA, 1 - pA),
      model: client.key,
    }));
    const failed: FailedItem[] = outcome.failures.map(({ id, reason }) => ({ id, round: state.round, annotator: client.key, reason }));
    const unpaid = outcome.unpaid.length > 0;
    return {
      preferences,
      failed,
      ledger: bookedSpend(pools.services, config, nodeConfig, guard.cachedCalls()),
      batch: unpaid ? [] : state.batch.slice(wave.length),
      ...(unpaid ? { budgetRefused: true } : {}),
    };
  };
