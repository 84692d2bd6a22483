import type { LabelRecord } from "../../tools/labels/labelRecord.js";
import type { GeneratedItem } from "../../tools/llm/generatedItem.js";
import type { Rng } from "../../tools/random.js";
import type { RunConfig } from "../config/runConfig.js";
import { getStrategy } from "../../tools/strategies/registry.js";
import type { QueryInput } from "../../tools/strategies/types.js";
import { runIndex, runVectors, targetCommittee, targetModel, type RunResources } from "./workspace.js";

/**
 * What `strategy` needs to pick a batch, and nothing more: scoring the pool costs a pass of the
 * model, a committee `size` fits and passes, vectors and an index a projection and a graph on first
 * use. None of it enters the state; all of it is rebuilt from the config and the labels.
 */
export async function queryInputFor(
  strategy: string,
  {
    config,
    run,
    labels,
    generated,
    round,
    rng,
  }: { config: RunConfig; run: RunResources; labels: readonly LabelRecord[]; generated: readonly GeneratedItem[]; round: number; rng: Rng },
): Promise<QueryInput> {
  const needs = new Set(getStrategy(strategy).needs);
  const labeledIds = labels.map((record) => record.id);
  const input: { -readonly [K in keyof QueryInput]: QueryInput[K] } = {
    unlabeled: run.pool.unlabeled(labeledIds),
    rng,
    numClasses: run.labels.length,
  };
  // Generated items have no place in the pool: "labelled" means labelled pool items.
  if (needs.has("labeled")) input.labeled = Uint32Array.from(new Set(labeledIds.filter((id) => run.pool.has(id)).map((id) => run.pool.indexOf(id)))).sort();
  // With no label yet (every answer failed) the model is uninformed: all its scores tie, and ties
  // are broken at random, so the strategy falls back to random sampling.
  if (needs.has("probs")) input.probs = targetModel(config, run, labels, generated).predictProba(run.poolFeatures);
  if (needs.has("committee")) {
    input.committee = targetCommittee(config, run, labels, generated, round).map((member) => member.predictProba(run.poolFeatures));
  }
  if (needs.has("vectors")) input.vectors = (await runVectors(config, run)).vectors;
  if (needs.has("index")) input.index = await runIndex(config, run);
  return input;
}
