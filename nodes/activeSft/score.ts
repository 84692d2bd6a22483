import type { LangGraphRunnableConfig } from "@langchain/langgraph";
import { bookedSpend, taskBudget } from "../../runtime/llm/taskSpend.js";
import type { SftState, SftUpdate } from "../../graphs/activeSft/state.js";
import { remainingUsd } from "../../runtime/budget.js";
import { qualityLlm, scoresQuality, sftConfigOf } from "../../runtime/config/sftConfig.js";
import type { PromptPool } from "../../runtime/promptPool/promptPool.js";
import type { PromptPools } from "../../runtime/promptPool/promptPools.js";
import { emptySpend } from "../../tools/cost/spend.js";
import { promptText } from "../../tools/instructions/instructionItem.js";
import type { FailedItem } from "../../tools/labels/labelRecord.js";
import { BudgetExhaustedError, type BudgetGuard } from "../../tools/llm/budgetGuard.js";
import type { LlmClient } from "../../tools/llm/llmClient.js";
import { pairQualityPrompt } from "../../tools/llm/prompts/pairQualityPrompt.js";
import { sampleResponses } from "../../tools/llm/responder.js";
import { yesProbabilities } from "../../tools/llm/yesNoScores.js";
import { selfConsistency } from "../../tools/sft/selfConsistency.js";
import type { ScoredPrompt } from "../../tools/sft/sftRecords.js";
import { sftPool } from "./sftPool.js";

/**
 * Score a wave of prompts (as many as the responder's concurrency; each wave is checkpointed
 * before the next is paid for): the responder samples n responses to each (self-consistency:
 * their agreement and spread), and, when the run ranks or filters by it, an LLM judges each
 * (prompt, response) pair with Ask-LLM. A call the budget cannot pay for ends the scoring.
 */
export const score =
  (pools: PromptPools) =>
  async (state: SftState, nodeConfig?: LangGraphRunnableConfig): Promise<SftUpdate> => {
    const config = sftConfigOf(state);
    const pool = await sftPool(pools, config);
    const wave = state.pending.slice(0, Math.max(1, config.responder.llm.concurrency));
    // Journaled before each call is sent: a wave re-run after a crash counts what its killed attempt spent.
    const guard = taskBudget(pools.services, config, remainingUsd(config, state.ledger), nodeConfig);
    const responder = pools.llm(config, config.responder.llm, pool);
    const needSamples = wave.filter((id) => !state.scored[id]).map((id) => pool.item(id));
    const outcome = await sampleResponses(
      responder,
      needSamples,
      { labels: pool.classes, explain: config.responder.explain, samples: config.responder.samples, temperature: config.responder.temperature },
      guard,
    );
    const scored: Record<string, ScoredPrompt> = {};
    for (const [id, responses] of outcome.responses) {
      const consistency = selfConsistency(responses, pool.classes, pool.vectorizer);
      const uncertainty = config.uncertainty === "answers" ? 1 - consistency.agreement : consistency.spread;
      scored[id] = { ...consistency, samples: responses.length, uncertainty };
    }
    const failed: FailedItem[] = outcome.failures.map(({ id, reason }) => ({ id, round: state.round, annotator: responder.key, reason }));
    let unpaid = outcome.unpaid.length > 0;
    if (scoresQuality(config) && !unpaid) {
      const judge = pools.llm(config, qualityLlm(config), pool);
      const toJudge = wave.filter((id) => (scored[id] ?? state.scored[id])?.quality === undefined && (scored[id] ?? state.scored[id]));
      const judged = await judgeQuality(judge, pool, toJudge, (id) => scored[id] ?? state.scored[id], config.quality.itemsPerCall, guard);
      for (const [id, quality] of judged.scores) scored[id] = { ...(scored[id] ?? state.scored[id]), quality };
      unpaid = judged.unpaid;
    }
    return {
      scored,
      failed,
      ledger: bookedSpend(pools.services, config, nodeConfig, guard.cachedCalls()),
      pending: unpaid ? [] : state.pending.slice(wave.length),
      ...(unpaid ? { budgetRefused: true, batch: [], shortlist: [] } : {}),
    };
  };

/** Ask-LLM P(yes) for each prompt's pair: the file's response when it gives one, else the model's majority response. */
async function judgeQuality(
  judge: LlmClient,
  pool: PromptPool,
  ids: readonly string[],
  scoredOf: (id: string) => ScoredPrompt,
  perCall: number,
  guard: BudgetGuard,
): Promise<{ scores: Map<string, number | null>; spend: ReturnType<typeof emptySpend>; unpaid: boolean }> {
  const spend = emptySpend();
  const scores = new Map<string, number | null>();
  let unpaid = false;
  const calls: string[][] = [];
  for (let i = 0; i < ids.length; i += perCall) calls.push(ids.slice(i, i + perCall));
  await Promise.all(
    calls.map(async (call) => {
      const items = call.map((id, i) => ({ key: String(i + 1), prompt: promptText(pool.item(id)), response: pool.item(id).response ?? scoredOf(id).response }));
      try {
        const yes = await yesProbabilities(judge, pairQualityPrompt({ labels: pool.classes, items }), call.length, guard, spend);
        call.forEach((id, i) => scores.set(id, yes[i]));
      } catch (error) {
        if (error instanceof BudgetExhaustedError) unpaid = true;
        // A failed judge call leaves the pairs unjudged (null), as a judge that gave no answer would.
        else call.forEach((id) => scores.set(id, null));
      }
    }),
  );
  return { scores, spend, unpaid };
}
