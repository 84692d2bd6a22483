import { argmaxRows } from "../../tools/models/linearModel.js";
import type { LabelRecord } from "../../tools/labels/labelRecord.js";
import type { GeneratedItem } from "../../tools/llm/generatedItem.js";
import type { RunConfig } from "../config/runConfig.js";
import type { Workspace } from "./workspace.js";

/**
 * What the target model of the round's start predicts for pool items: the model fitted on the
 * labels of earlier rounds, the one the round's query read (so it is fitted once, and a resumed
 * wave sees the very same predictions). Null in round 0, when no model has been trained yet;
 * undefined for an item that is not in the pool (a generated one).
 */
export async function roundStartPredictions(
  config: RunConfig,
  workspace: Workspace,
  state: { readonly round: number; readonly labels: readonly LabelRecord[]; readonly generated: readonly GeneratedItem[] },
): Promise<((id: string) => string | undefined) | null> {
  const before = state.labels.filter((record) => record.round < state.round);
  if (state.round === 0 || before.length === 0) return null;
  const { models, classes, pool } = workspace;
  const probs = await models.poolProbabilities(config, await models.target(config, before, state.generated));
  const predicted = argmaxRows(probs, classes.length);
  return (id) => (pool.has(id) ? classes[predicted[pool.indexOf(id)]] : undefined);
}
