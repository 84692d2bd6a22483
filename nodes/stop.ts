import type { State, Update } from "../graphs/activeLearning/state.js";
import { runConfigOf } from "../runtime/config/configOf.js";
import { nextLabelCostUsd } from "../runtime/costEstimate.js";
import type { Services } from "../runtime/services.js";
import { decideStop } from "../tools/stopping/decide.js";

/**
 * Stop: decide from the learning curve, the ledger and the pool whether the run ends here, and
 * why. The budget's hard stops win, then the learning criteria the config sets (stopRoute reads
 * the decision). The criteria are stateless functions of the history, so a resumed run decides
 * exactly as the uninterrupted one would.
 */
export const stop =
  (services: Services) =>
  async (state: State): Promise<Update> => {
    const config = runConfigOf(state);
    const workspace = await services.workspace(config);
    const stopReason = decideStop(config.stopping, {
      history: state.history,
      ledger: state.ledger,
      labels: state.labels.length,
      unlabeled: state.unlabeled,
      labelCostUsd: nextLabelCostUsd(config, workspace),
      budgetRefusedCall: (state.history.at(-1)?.counters?.llmUnpaid ?? 0) > 0,
      canGenerate: config.generation?.whenPoolExhausted ?? false,
    });
    return { stopReason };
  };
