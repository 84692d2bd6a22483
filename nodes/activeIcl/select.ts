import type { LangGraphRunnableConfig } from "@langchain/langgraph";
import { bookedSpend, taskBudget } from "../../runtime/llm/taskSpend.js";
import type { IclState, IclUpdate } from "../../graphs/activeIcl/state.js";
import { iclConfigOf, iclLabelBudget } from "../../runtime/config/iclConfig.js";
import { runConfigOf } from "../../runtime/config/configOf.js";
import { fewShotCallUsd, iclLabelCapacity, iclRemainingUsd } from "../../runtime/icl/budget.js";
import { inContextLearner } from "../../runtime/icl/learner.js";
import { iclQueryInput } from "../../runtime/icl/queryInput.js";
import type { Services } from "../../runtime/services.js";
import { emptySpend } from "../../tools/cost/spend.js";
import { BudgetExhaustedError } from "../../tools/llm/budgetGuard.js";
import { iclStrategy } from "../../tools/strategies/icl/registry.js";
import { queueForAnnotation } from "../query/queueForAnnotation.js";

/**
 * Select (Query): the strategy picks the next pool items to label, from what it declares it needs
 * (vectors, the pool's graph, the learner's answers about a scored sample, paid and booked here).
 * The batch is cut to what the budget buys after setting aside the evaluation still to run; an
 * empty batch (the strategy has what it wants, the budget buys nothing more, or the last batch
 * added no label) ends the selection, and the run goes on to the evaluation.
 */
export const selectIcl =
  (services: Services) =>
  async (state: IclState, nodeConfig?: LangGraphRunnableConfig): Promise<IclUpdate> => {
    const started = performance.now();
    const config = iclConfigOf(state);
    const loop = runConfigOf(state);
    const workspace = await services.workspace(loop);
    const done = (counters: Record<string, number> = {}): IclUpdate => ({
      selected: true,
      stageMs: { select: performance.now() - started },
      ...(Object.keys(counters).length > 0 ? { counters } : {}),
    });
    if (state.selections > 0 && state.labels.length === state.labelsAtSelect) return done({ selectionStalled: 1 });

    const strategy = iclStrategy(config.strategy);
    const client = services.llm(loop, config.learner, workspace);
    const method = config.inference === "generate" || !client.scoresText ? "generated" : "scored";
    const reserveUsd = state.testItems.length * fewShotCallUsd(config, loop, workspace, client, method);
    const labelBudget = iclLabelBudget(config, state.testItems.length);
    const spend = emptySpend();
    // What the budget buys, less what this selection has already paid the learner.
    const capacity = () =>
      iclLabelCapacity(labelBudget, { labels: state.labels.length, ledger: state.ledger, reserveUsd: reserveUsd + spend.usd, config }, loop, workspace);
    if (capacity() === 0) return done();

    // Journaled before each call is sent: a select re-run after a crash counts what its killed attempt spent.
    const guard = taskBudget(services, loop, Math.max(0, iclRemainingUsd(config, state.ledger) - reserveUsd), nodeConfig);
    const learner = inContextLearner(services, config, loop, workspace, guard, spend);
    let picks: Uint32Array;
    try {
      const input = await iclQueryInput(strategy, {
        config,
        workspace,
        labels: state.labels,
        failed: state.failed,
        testItems: state.testItems,
        round: state.selections,
        capacity: capacity(),
        target: config.retrieval === "nearest" ? labelBudget : config.k,
        learner,
      });
      picks = await strategy.next(input);
    } catch (error) {
      if (!(error instanceof BudgetExhaustedError)) throw error;
      // The learner's answers the strategy needs cost more than is left: select with what was labeled.
      picks = new Uint32Array();
    }
    const ledger = bookedSpend(services, loop, nodeConfig, guard.cachedCalls());
    const ids = Array.from(picks.slice(0, capacity()), (index) => workspace.pool.ids[index]);
    if (ids.length === 0) return { ...done(), ledger };
    return {
      ...queueForAnnotation(loop, workspace, ids),
      round: state.selections,
      selections: state.selections + 1,
      labelsAtSelect: state.labels.length,
      ledger,
      stageMs: { select: performance.now() - started },
      counters: { selected: ids.length, ...(spend.calls > 0 ? { learnerCalls: spend.calls } : {}) },
    };
  };
