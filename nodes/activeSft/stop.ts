import type { SftState, SftUpdate } from "../../graphs/activeSft/state.js";
import { sftConfigOf } from "../../runtime/config/sftConfig.js";
import { USD_EPSILON } from "../../tools/cost/ledger.js";
import type { StopReason } from "../../tools/stopping/types.js";

/**
 * Stop when the examples asked for are chosen, the budget is spent (or refused a call), the rounds
 * are used up, the pool has no prompt left to draw, or two rounds in a row added no example.
 */
export async function stop(state: SftState): Promise<SftUpdate> {
  const config = sftConfigOf(state);
  const { maxExamples, maxUsd, maxRounds } = config.stopping;
  const n = state.examples.length;
  const reason = (criterion: string, message: string): SftUpdate => ({ stopReason: { criterion, message, round: state.round } satisfies StopReason });
  if (n >= maxExamples) return reason("maxExamples", `chose ${n} examples (limit ${maxExamples})`);
  if (maxUsd !== undefined && (state.budgetRefused || state.ledger.totalUsd >= maxUsd - USD_EPSILON))
    return reason(
      "maxUsd",
      `spent $${state.ledger.totalUsd.toFixed(4)} of $${maxUsd}${state.budgetRefused ? ": the rest cannot pay for the next call or response" : ""}`,
    );
  if (maxRounds !== undefined && state.round >= maxRounds) return reason("maxRounds", `ran ${state.round} rounds (limit ${maxRounds})`);
  const taken = new Set([...state.examples.map((example) => example.id), ...state.failed.map((item) => item.id)]);
  if (taken.size >= state.poolSize) return reason("poolExhausted", `no prompt of the ${state.poolSize} is left to draw`);
  const [before, last] = state.history.slice(-2);
  if (before && last && last.examples === before.examples && state.history.length >= 3 && state.history.at(-3)?.examples === last.examples)
    return reason("stalled", "two rounds in a row added no example");
  return { stopReason: null };
}
