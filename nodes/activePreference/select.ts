import type { LangGraphRunnableConfig } from "@langchain/langgraph";
import { bookedSpend, taskBudget } from "../../runtime/llm/taskSpend.js";
import type { PreferenceState, PreferenceUpdate } from "../../graphs/activePreference/state.js";
import { labelsAffordable, remainingUsd } from "../../runtime/budget.js";
import { type PreferenceConfig, preferenceConfigOf } from "../../runtime/config/preferenceConfig.js";
import type { PromptPool } from "../../runtime/promptPool/promptPool.js";
import type { PromptPools } from "../../runtime/promptPool/promptPools.js";
import type { LedgerEntry } from "../../tools/cost/ledger.js";
import type { BudgetGuard } from "../../tools/llm/budgetGuard.js";
import { judgePairs } from "../../tools/llm/preferenceJudge.js";
import type { CandidatePair } from "../../tools/preference/preferenceRecords.js";
import { PREFERENCE_STRATEGIES } from "../../tools/preference/strategies.js";
import { rngFor, shuffleInPlace } from "../../tools/random.js";
import { fitRewardModel, pairRows, preferencePool } from "./preferencePool.js";

/**
 * Query: choose the round's pairs among those not yet labeled. The first round draws
 * `initialSize` at random; then the strategy ranks: the reward model's uncertainty over every
 * unlabeled pair, or a judge committee's disagreement over a random shortlist (its calls are
 * paid and booked), or a random draw. The picks go to people, or wait in the batch for the
 * oracle or the LLM judge, as many as the label budget and the money left allow.
 */
export const select =
  (pools: PromptPools) =>
  async (state: PreferenceState, nodeConfig?: LangGraphRunnableConfig): Promise<PreferenceUpdate> => {
    const config = preferenceConfigOf(state);
    const pool = await preferencePool(pools, config);
    const round = state.round + 1;
    const update: PreferenceUpdate = { round, roundStartedAt: Date.now() };
    const taken = new Set([
      ...state.preferences.map((record) => record.id),
      ...state.humanQueue.map((item) => item.id),
      ...state.failed.map((item) => item.id),
    ]);
    const open = state.pairs.filter((pair) => !taken.has(pair.id));
    const fee = config.annotator.kind === "llm" ? 0 : config.annotator.feeUsd;
    const wanted = state.preferences.length === 0 ? config.initialSize : config.batchSize;
    const k = Math.min(
      wanted,
      config.stopping.maxLabels - state.preferences.length - state.humanQueue.length,
      labelsAffordable(remainingUsd(config, state.ledger), fee),
    );
    if (open.length === 0 || k <= 0) return { ...update, batch: [], ...(k <= 0 && open.length > 0 ? { budgetRefused: true } : {}) };
    const rng = rngFor(config.seed, "preference-select", round);
    const positions = Uint32Array.from(open.keys());
    let picked: Uint32Array;
    let ledger: LedgerEntry[] = [];
    if (state.preferences.length === 0 || config.strategy === "random") picked = PREFERENCE_STRATEGIES.random.pick({ candidates: positions, rng }, k);
    else if (config.strategy === "reward-uncertainty") {
      const model = fitRewardModel(pool, state.pairs, state.preferences, config.rewardModel.C);
      picked = PREFERENCE_STRATEGIES["reward-uncertainty"].pick({ candidates: positions, rewardModel: model.preferA(pairRows(pool, open)), rng }, k);
    } else {
      const shortlist = shuffleInPlace(Uint32Array.from(positions), rng).slice(0, k * config.shortlistFactor);
      // Journaled before each call is sent: a select re-run after a crash counts what its killed attempt spent.
      const guard = taskBudget(pools.services, config, remainingUsd(config, state.ledger), nodeConfig);
      const judges = await judgeShortlist(
        pools,
        pool,
        config,
        guard,
        Array.from(shortlist, (p) => open[p]),
      );
      ledger = bookedSpend(pools.services, config, nodeConfig, guard.cachedCalls());
      if (judges === null) return { ...update, ledger, batch: [], budgetRefused: true };
      picked = PREFERENCE_STRATEGIES.committee.pick({ candidates: shortlist, judges, rng }, k);
    }
    const chosen = Array.from(picked, (p) => open[p]);
    if (config.annotator.kind === "human")
      return { ...update, ledger, batch: [], humanQueue: { add: chosen.map(({ id, prompt, a, b }) => ({ id, prompt, a, b })) } };
    return { ...update, ledger, batch: chosen.map((pair) => pair.id) };
  };

/** Each committee member's P(A ≻ B) on the shortlist (NaN where it gave none), or null when the budget refused a call. */
async function judgeShortlist(
  pools: PromptPools,
  pool: PromptPool,
  config: PreferenceConfig,
  guard: BudgetGuard,
  pairs: readonly CandidatePair[],
): Promise<Float64Array[] | null> {
  const { itemsPerCall, bothOrders } = config.committee;
  const judges: Float64Array[] = [];
  for (const member of config.committee.members) {
    const client = pools.llm(config, member, pool);
    const outcome = await judgePairs(client, pairs, { itemsPerCall, bothOrders }, guard);
    if (outcome.unpaid.length > 0) return null;
    judges.push(Float64Array.from(pairs, (pair) => outcome.pA.get(pair.id) ?? Number.NaN));
  }
  return judges;
}
