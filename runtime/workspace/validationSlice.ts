import { classIndices } from "../../tools/embed/featurize.js";
import type { LabelRecord } from "../../tools/labels/labelRecord.js";
import type { GeneratedItem } from "../../tools/llm/generatedItem.js";
import { accuracy } from "../../tools/metrics/classification.js";
import { rngFor, sampleIndices } from "../../tools/random.js";
import type { RunConfig } from "../config/runConfig.js";
import { DEFAULT_BANDIT } from "../../tools/bandit/config.js";
import type { Workspace } from "./workspace.js";

/**
 * The strategy bandit's validation slice: pool items drawn uniformly from the seed alone, labeled
 * with the initial batch (paid for like any label). The test split is never read.
 */
export function validationSliceIds(config: RunConfig, workspace: Workspace): string[] {
  const size = (config.bandit ?? DEFAULT_BANDIT).validationSize;
  return Array.from(sampleIndices(workspace.pool.size, size, rngFor(config.seed, "bandit-validation")), (index) => workspace.pool.ids[index]);
}

/**
 * The bandit's validation signal: a model fitted like the target model on every label but the
 * slice's, scored on the slice (against the labels the annotator gave it). The target model itself
 * learns from the slice too; this one leaves it out so the score is a held-out one.
 */
export async function validationAccuracy(
  config: RunConfig,
  workspace: Workspace,
  labels: readonly LabelRecord[],
  generated: readonly GeneratedItem[],
): Promise<number> {
  const slice = new Set(validationSliceIds(config, workspace));
  const held = labels.filter((record) => slice.has(record.id));
  if (held.length === 0) return 0;
  const { models } = workspace;
  const model = await models.target(
    config,
    labels.filter((record) => !slice.has(record.id)),
    generated,
  );
  const rows = await models.poolRowsAt(
    config,
    held.map((record) => workspace.pool.indexOf(record.id)),
  );
  return accuracy(classIndices(held, workspace.classes), await models.predict(config, model, rows));
}
