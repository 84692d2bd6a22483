import { Overwrite } from "@langchain/langgraph";
import type { IclState, IclUpdate } from "../../graphs/activeIcl/state.js";
import { runConfigOf } from "../../runtime/config/configOf.js";
import type { Services } from "../../runtime/services.js";
import { labelsPerClass } from "../../tools/labels/classCounts.js";
import { accuracy, macroF1 } from "../../tools/metrics/classification.js";
import type { RoundMetrics } from "../../tools/metrics/roundMetrics.js";

/**
 * Score: the learner's few-shot accuracy and macro-F1 over the evaluated test inputs (an answer
 * that names no label counts as wrong), recorded as the run's one entry on the learning curve,
 * with the labels bought, the USD spent and each stage's wall time.
 */
export const scoreIcl =
  (services: Services) =>
  async (state: IclState): Promise<IclUpdate> => {
    const loop = runConfigOf(state);
    const workspace = await services.workspace(loop);
    const test = workspace.test;
    if (!test) throw new Error(`${workspace.name} has no test split`);
    const truth = Int32Array.from(state.predictions, (prediction) => test.truth[prediction.test]);
    const predicted = Int32Array.from(state.predictions, (prediction) => (prediction.label === null ? -1 : workspace.classes.indexOf(prediction.label)));
    const metrics: RoundMetrics = {
      round: state.selections,
      labels: state.labels.length,
      usd: state.ledger.totalUsd,
      accuracy: accuracy(truth, predicted),
      macroF1: macroF1(truth, predicted, workspace.classes.length),
      labelsPerClass: Object.fromEntries(labelsPerClass(state.labels, workspace.classes)),
      stageMs: state.stageMs,
      ...(Object.keys(state.counters).length > 0 ? { counters: state.counters } : {}),
    };
    return {
      history: [metrics],
      stageMs: new Overwrite({}),
      counters: new Overwrite({}),
      stopReason: { criterion: "evaluated", message: `${state.predictions.length} test inputs classified`, round: state.selections },
    };
  };
