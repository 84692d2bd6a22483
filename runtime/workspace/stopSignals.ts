import { classIndices } from "../../tools/embed/featurize.js";
import { selectRows } from "../../tools/linalg/csr.js";
import { accuracy } from "../../tools/metrics/classification.js";
import type { StopSignals } from "../../tools/metrics/roundMetrics.js";
import type { RunConfig } from "../config/runConfig.js";
import { drawStopSet } from "../../tools/stopping/stopSet.js";
import { stopSetSignals } from "../../tools/stopping/stopSetSignals.js";
import { targetModel, trainingRows, type RunResources } from "./workspace.js";
import type { State } from "../../graphs/activeLearning/state.js";

/**
 * What the learning stopping criteria read after a round, recorded with it on the learning curve.
 * The previous round's model is not stored anywhere: it is the model of the labels given before
 * this round, which select used a moment ago (so it is still cached) and a resumed run refits.
 */
export function measureStopSignals(config: RunConfig, run: RunResources, state: Pick<State, "labels" | "generated" | "round">): StopSignals {
  const stopSet = drawStopSet(run.pool.size, config.stopping.stopSet.size, config.seed);
  const rows = selectRows(run.poolFeatures, stopSet);
  const model = targetModel(config, run, state.labels, state.generated);
  const labelled = new Set(state.labels.map((record) => record.id));
  const unlabeled = Uint8Array.from(stopSet, (index) => (labelled.has(run.pool.ids[index]) ? 0 : 1));
  const previous =
    state.round > 0
      ? targetModel(config, run, state.labels.filter((record) => record.round < state.round), state.generated).predict(rows)
      : null;
  const signals = stopSetSignals(model.predictProba(rows), previous, run.labels.length, unlabeled);
  const llmLabels = state.labels.filter((record) => record.source === "llm");
  if (llmLabels.length > 0) {
    signals.llmAgreement = accuracy(classIndices(llmLabels, run.labels), model.predict(trainingRows(run, llmLabels, state.generated)));
  }
  return signals;
}
