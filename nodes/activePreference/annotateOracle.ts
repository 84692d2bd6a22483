import type { PreferenceState, PreferenceUpdate } from "../../graphs/activePreference/state.js";
import { preferenceConfigOf } from "../../runtime/config/preferenceConfig.js";
import type { PromptPools } from "../../runtime/promptPool/promptPools.js";
import type { FailedItem } from "../../tools/labels/labelRecord.js";
import { goldPreference } from "../../tools/preference/goldPreference.js";
import type { PreferenceRecord } from "../../tools/preference/preferenceRecords.js";
import { preferencePool } from "./preferencePool.js";

/**
 * The simulated person of benchmarks answers the round's comparisons: the response whose answer is
 * right against the prompt's gold answer, a tie when both or neither are, for a fee each. A pair
 * whose prompt has no gold answer is recorded as failed.
 */
export const annotateOracle =
  (pools: PromptPools) =>
  async (state: PreferenceState): Promise<PreferenceUpdate> => {
    const config = preferenceConfigOf(state);
    const pool = await preferencePool(pools, config);
    const fee = config.annotator.kind === "oracle" ? config.annotator.feeUsd : 0;
    const byId = new Map(state.pairs.map((pair) => [pair.id, pair]));
    const preferences: PreferenceRecord[] = [];
    const failed: FailedItem[] = [];
    for (const id of state.batch) {
      const pair = byId.get(id);
      const gold = pair && pool.has(pair.promptId) ? pool.item(pair.promptId).answer : undefined;
      if (!pair || gold === undefined) failed.push({ id, round: state.round, annotator: "oracle", reason: "the prompt has no gold answer to prefer by" });
      else
        preferences.push({
          id,
          choice: goldPreference(pair.a, pair.b, gold, pool.classes),
          source: "oracle",
          costUsd: fee,
          round: state.round,
          confidence: null,
        });
    }
    return {
      batch: [],
      preferences,
      failed,
      ledger: preferences.length > 0 ? [{ kind: "human", labels: preferences.length, usd: preferences.length * fee }] : [],
    };
  };
