import type { PreferenceState, PreferenceUpdate } from "../../graphs/activePreference/state.js";
import { preferenceConfigOf } from "../../runtime/config/preferenceConfig.js";
import { USD_EPSILON } from "../../tools/cost/ledger.js";
import type { StopReason } from "../../tools/stopping/types.js";

/**
 * Stop when the labels asked for are in, the budget is spent (or refused a call), the rounds are
 * used up, no pair is left to ask about, or three rounds in a row added no label.
 */
export async function stop(state: PreferenceState): Promise<PreferenceUpdate> {
  const config = preferenceConfigOf(state);
  const { maxLabels, maxUsd, maxRounds } = config.stopping;
  const n = state.preferences.length;
  const reason = (criterion: string, message: string): PreferenceUpdate => ({ stopReason: { criterion, message, round: state.round } satisfies StopReason });
  if (n >= maxLabels) return reason("maxLabels", `collected ${n} preference labels (limit ${maxLabels})`);
  if (state.budgetRefused || (maxUsd !== undefined && state.ledger.totalUsd >= maxUsd - USD_EPSILON))
    return reason(
      "maxUsd",
      `spent $${state.ledger.totalUsd.toFixed(4)}${maxUsd !== undefined ? ` of $${maxUsd}` : ""}${state.budgetRefused ? ": the rest cannot pay for the next call or label" : ""}`,
    );
  if (maxRounds !== undefined && state.round >= maxRounds) return reason("maxRounds", `ran ${state.round} rounds (limit ${maxRounds})`);
  const taken = new Set([...state.preferences.map((record) => record.id), ...state.failed.map((item) => item.id), ...state.humanQueue.map((item) => item.id)]);
  if (state.pairs.every((pair) => taken.has(pair.id))) return reason("poolExhausted", `no pair of the ${state.pairs.length} is left to ask about`);
  const last = state.history.slice(-3);
  if (last.length === 3 && last.every((row) => row.labels === last[0].labels)) return reason("stalled", "three rounds in a row added no label");
  return { stopReason: null };
}
