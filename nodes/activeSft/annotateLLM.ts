import type { LangGraphRunnableConfig } from "@langchain/langgraph";
import { bookedSpend, taskBudget } from "../../runtime/llm/taskSpend.js";
import type { SftState, SftUpdate } from "../../graphs/activeSft/state.js";
import { remainingUsd } from "../../runtime/budget.js";
import { sftConfigOf } from "../../runtime/config/sftConfig.js";
import type { PromptPools } from "../../runtime/promptPool/promptPools.js";
import { promptText } from "../../tools/instructions/instructionItem.js";
import type { FailedItem } from "../../tools/labels/labelRecord.js";
import { sampleResponses } from "../../tools/llm/responder.js";
import type { SftExample } from "../../tools/sft/sftRecords.js";
import { sftPool } from "./sftPool.js";

/**
 * A stronger LLM writes the responses the model was unsure of (its greedy answer), in waves of its
 * concurrency, each checkpointed before the next is paid for. Each example carries its share of
 * the wave's cost.
 */
export const annotateLLM =
  (pools: PromptPools) =>
  async (state: SftState, nodeConfig?: LangGraphRunnableConfig): Promise<SftUpdate> => {
    const config = sftConfigOf(state);
    if (config.annotator.kind !== "llm") throw new Error(`annotateLLM runs for annotator "llm", not "${config.annotator.kind}"`);
    const pool = await sftPool(pools, config);
    const client = pools.llm(config, config.annotator.llm, pool);
    const wave = state.toAnnotate.slice(0, Math.max(1, config.annotator.llm.concurrency));
    // Journaled before each call is sent: a wave re-run after a crash counts what its killed attempt spent.
    const guard = taskBudget(pools.services, config, remainingUsd(config, state.ledger), nodeConfig);
    const outcome = await sampleResponses(
      client,
      wave.map((id) => pool.item(id)),
      { labels: pool.classes, explain: config.responder.explain, samples: 1, temperature: 0 },
      guard,
    );
    const share = outcome.responses.size > 0 ? outcome.spend.usd / outcome.responses.size : 0;
    const examples: SftExample[] = [...outcome.responses].map(([id, [response]]) => ({
      id,
      prompt: promptText(pool.item(id)),
      response,
      source: "llm",
      costUsd: share,
      round: state.round,
      model: client.key,
    }));
    const failed: FailedItem[] = outcome.failures.map(({ id, reason }) => ({ id, round: state.round, annotator: client.key, reason }));
    const unpaid = outcome.unpaid.length > 0;
    return {
      examples,
      failed,
      ledger: bookedSpend(pools.services, config, nodeConfig, guard.cachedCalls()),
      toAnnotate: unpaid ? [] : state.toAnnotate.slice(wave.length),
      ...(unpaid ? { budgetRefused: true } : {}),
    };
  };
