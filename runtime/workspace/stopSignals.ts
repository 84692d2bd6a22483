import { classIndices } from "../../tools/embed/featurize.js";
import { accuracy } from "../../tools/metrics/classification.js";
import type { StopSignals } from "../../tools/metrics/roundMetrics.js";
import type { RunConfig } from "../config/runConfig.js";
import { drawStopSet } from "../../tools/stopping/stopSet.js";
import { stopSetSignals } from "../../tools/stopping/stopSetSignals.js";
import type { LabelRecord } from "../../tools/labels/labelRecord.js";
import type { GeneratedItem } from "../../tools/llm/generatedItem.js";
import type { Workspace } from "./workspace.js";

/**
 * What the learning stopping criteria read after a round, recorded with it on the learning curve.
 * The previous round's model is not stored anywhere: it is the model of the labels given before
 * this round, which select used a moment ago (so it is still cached) and a resumed run refits.
 */
export async function measureStopSignals(
  config: RunConfig,
  workspace: Workspace,
  state: { readonly labels: readonly LabelRecord[]; readonly generated: readonly GeneratedItem[]; readonly round: number },
): Promise<StopSignals> {
  const { pool, models } = workspace;
  const stopSet = drawStopSet(pool.size, config.stopping.stopSet.size, config.seed);
  const rows = await models.poolRowsAt(config, stopSet);
  const model = await models.target(config, state.labels, state.generated);
  const labeled = new Set(state.labels.map((record) => record.id));
  const unlabeled = Uint8Array.from(stopSet, (index) => (labeled.has(pool.ids[index]) ? 0 : 1));
  const previous =
    state.round > 0
      ? await models.predict(
          config,
          await models.target(
            config,
            state.labels.filter((record) => record.round < state.round),
            state.generated,
          ),
          rows,
        )
      : null;
  const signals = stopSetSignals(await models.probabilities(config, model, rows), previous, workspace.classes.length, unlabeled);
  const llmLabels = state.labels.filter((record) => record.source === "llm");
  if (llmLabels.length > 0) {
    const training = await models.trainingSet(config, llmLabels, state.generated);
    signals.llmAgreement = accuracy(classIndices(llmLabels, workspace.classes), await models.predict(config, model, training));
  }
  return signals;
}
