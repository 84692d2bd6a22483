import type { PreferenceState, PreferenceUpdate } from "../../graphs/activePreference/state.js";
import { preferenceConfigOf } from "../../runtime/config/preferenceConfig.js";
import type { PromptPools } from "../../runtime/promptPool/promptPools.js";
import { pairAccuracy } from "../../tools/preference/rewardModel.js";
import { fitRewardModel, pairRows, preferencePool } from "./preferencePool.js";

/**
 * Measure the reward model the preferences so far train: refitted from the labels (ties left
 * out), its accuracy on the held-out pairs (the share whose chosen response it prefers). One row
 * of history a round.
 */
export const evaluate =
  (pools: PromptPools) =>
  async (state: PreferenceState): Promise<PreferenceUpdate> => {
    const config = preferenceConfigOf(state);
    const pool = await preferencePool(pools, config);
    const model = fitRewardModel(pool, state.pairs, state.preferences, config.rewardModel.C);
    const heldOut = state.heldOut.map(({ prompt, chosen, rejected }) => ({ prompt, a: chosen, b: rejected }));
    const accuracy = heldOut.length > 0 ? pairAccuracy(model.preferA(pairRows(pool, heldOut))) : null;
    return {
      history: [
        {
          round: state.round,
          labels: state.preferences.length,
          ties: state.preferences.filter((record) => record.choice === "tie").length,
          accuracy,
          heldOut: heldOut.length,
          usd: state.ledger.totalUsd,
          ms: Math.max(0, Date.now() - state.roundStartedAt),
        },
      ],
    };
  };
