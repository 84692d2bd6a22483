import { notToQuery } from "../tools/labels/quarantine.js";
import { Overwrite } from "@langchain/langgraph";
import type { State, Update } from "../graphs/activeLearning/state.js";
import { runConfigOf } from "../runtime/config/configOf.js";
import type { Services } from "../runtime/services.js";
import { measureStopSignals } from "../runtime/workspace/stopSignals.js";
import { labelsPerClass } from "../tools/labels/classCounts.js";
import { accuracy, macroF1 } from "../tools/metrics/classification.js";
import { checkLabelMix, predictedMix } from "../tools/metrics/labelMix.js";
import type { RoundMetrics } from "../tools/metrics/roundMetrics.js";

/**
 * Evaluate: score the target model on the test split, measure the stop signals on the stop set,
 * check the round's machine labels against the class mix the model predicts for the pool (one
 * line on stderr and in the round's warnings when they are all one class or far from it), and
 * record the round on the learning curve (with the round's stage times and counters, which it
 * clears). Whether to stop is the stop node's decision.
 */
export const evaluate =
  (services: Services) =>
  async (state: State): Promise<Update> => {
    const started = performance.now();
    const config = runConfigOf(state);
    const workspace = await services.workspace(config);
    let scores = { accuracy: null as number | null, macroF1: null as number | null };
    const { models } = workspace;
    const model = await models.target(config, state.labels, state.generated);
    const testRows = await models.testRows(config);
    if (workspace.test && testRows) {
      const predicted = await models.predict(config, model, testRows);
      scores = { accuracy: accuracy(workspace.test.truth, predicted), macroF1: macroF1(workspace.test.truth, predicted, workspace.classes.length) };
    }
    // Machine labels all of one class, or far from the mix the model predicts for the pool: say so.
    const machine = state.labels.filter((record) => record.round === state.round && record.source === "llm").map((record) => record.label);
    const mix =
      machine.length > 0
        ? checkLabelMix(machine, workspace.classes, predictedMix(await models.poolProbabilities(config, model), workspace.classes.length), state.round)
        : null;
    const warnings = [...(mix?.warning ? [mix.warning] : []), ...rankingWarnings(state.counters, state.round)];
    for (const warning of warnings) process.stderr.write(`warning: ${warning}\n`);
    const counters = { ...state.counters, ...(mix ? { machineLabelMixDeparture: mix.departure, ...(mix.oneClass ? { machineLabelsOneClass: 1 } : {}) } : {}) };
    const metrics: RoundMetrics = {
      round: state.round,
      labels: state.labels.length,
      usd: state.ledger.totalUsd,
      ...scores,
      labelsPerClass: Object.fromEntries(labelsPerClass(state.labels, workspace.classes)),
      ...banditChoiceOf(state),
      stageMs: { ...state.stageMs, evaluate: performance.now() - started },
      ...(Object.keys(counters).length > 0 ? { counters } : {}),
      stopSignals: await measureStopSignals(config, workspace, state),
      ...(warnings.length > 0 ? { warnings } : {}),
    };
    const unlabeled = workspace.pool.unlabeled(notToQuery(state.labels, state.failed, config.quarantineAfter)).length;
    return { history: [metrics], unlabeled, stageMs: new Overwrite({}), counters: new Overwrite({}) };
  };

/** Rankings by the selection LLM that only followed the order the candidates were shown in (tools/strategies/llm/positionBias.ts). */
function rankingWarnings(counters: State["counters"], round: number): string[] {
  const positional = counters.llmRankingsInShownOrder ?? 0;
  if (positional === 0) return [];
  return [
    `round ${round}: ${positional} of ${counters.llmRankings ?? positional} rankings by the selection LLM listed the candidates in the order shown, not by their content (position bias): its picks are the shortlist's own order`,
  ];
}

/** The query method the strategy bandit chose for this round, if it chose one (the one that ran, if the guard stood in). */
function banditChoiceOf(state: State): { strategy?: string } {
  const choice = state.bandit?.choices.at(-1);
  return choice && choice.round === state.round ? { strategy: choice.ranAs ?? choice.arm } : {};
}
