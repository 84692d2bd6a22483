import { Overwrite } from "@langchain/langgraph";
import { accuracy, macroF1 } from "../tools/metrics/classification.js";
import type { RoundMetrics } from "../tools/metrics/roundMetrics.js";
import { decideStop } from "../tools/stopping/decide.js";
import { nextLabelCostUsd } from "../runtime/labelCost.js";
import { requireConfig } from "../runtime/config/configOf.js";
import { resolveRun, targetModel } from "../runtime/workspace/workspace.js";
import { measureStopSignals } from "../runtime/workspace/stopSignals.js";
import type { State, Update } from "../graphs/activeLearning/state.js";

/**
 * Evaluate: score the target model on the test split, measure the stop signals (nodes/stopSignals.ts),
 * record the round on the learning curve, and decide whether to stop (stopRoute reads the decision).
 */
export async function evaluate(state: State): Promise<Update> {
  const started = performance.now();
  const config = requireConfig(state);
  const run = await resolveRun(config);
  let scores = { accuracy: null as number | null, macroF1: null as number | null };
  if (run.test) {
    const predicted = targetModel(config, run, state.labels, state.generated).predict(run.test.features);
    scores = { accuracy: accuracy(run.test.truth, predicted), macroF1: macroF1(run.test.truth, predicted, run.labels.length) };
  }
  const labelsPerClass = Object.fromEntries(run.labels.map((label) => [label, 0]));
  for (const record of state.labels) labelsPerClass[record.label]++;
  const stopSignals = measureStopSignals(config, run, state);
  const metrics: RoundMetrics = {
    round: state.round,
    labels: state.labels.length,
    usd: state.ledger.totalUsd,
    ...scores,
    labelsPerClass,
    stageMs: { ...state.stageMs, evaluate: performance.now() - started },
    ...(Object.keys(state.counters).length > 0 ? { counters: state.counters } : {}),
    stopSignals,
  };
  const history = [...state.history, metrics];
  const unlabeled = run.pool.unlabeled(state.labels.map((record) => record.id)).length;
  const stopReason = decideStop(config.stopping, {
    history,
    ledger: state.ledger,
    labels: state.labels.length,
    unlabeled,
    labelCostUsd: nextLabelCostUsd(config, run),
    budgetRefusedCall: (state.counters.llmUnpaid ?? 0) > 0,
    canGenerate: config.generation?.whenPoolExhausted ?? false,
  });
  return { history: [metrics], stopReason, unlabeled, stageMs: new Overwrite({}), counters: new Overwrite({}) };
}
