import type { State, Update } from "../../graphs/activeLearning/state.js";
import { runConfigOf } from "../../runtime/config/configOf.js";
import type { Services } from "../../runtime/services.js";
import type { LabelRecord } from "../../tools/labels/labelRecord.js";

/**
 * Annotate with the simulated human: gold labels (with the configured noise) for the configured fee
 * per label. The labels and their cost are checkpointed together when this node returns.
 */
export const annotateOracle =
  (services: Services) =>
  async (state: State): Promise<Update> => {
    const started = performance.now();
    const config = runConfigOf(state);
    if (config.annotator.kind !== "oracle") throw new Error(`annotateOracle ran for a ${config.annotator.kind} annotator`);
    const workspace = await services.workspace(config);
    const { noiseRate, feeUsd } = config.annotator;
    const answers = workspace.oracle(noiseRate, config.seed).annotate(state.batch);
    const labels: LabelRecord[] = answers.map(({ id, label }) => ({
      id,
      label,
      source: "oracle",
      confidence: null,
      costUsd: feeUsd,
      round: state.round,
      ...(state.queryNotes[id]?.length ? { rationales: state.queryNotes[id] } : {}),
    }));
    return {
      labels,
      batch: [],
      ledger: [{ kind: "human", labels: labels.length, usd: labels.length * feeUsd }],
      stageMs: { annotate: performance.now() - started },
    };
  };
