import { annotationPrompt } from "../tools/llm/prompts/annotatePrompt.js";
import type { RunConfig } from "../tools/runConfig.js";
import { llmClientFor } from "./llmClients.js";
import type { RunResources } from "./runResources.js";

/**
 * What the next label may cost, at most: the human fee, or an LLM call's worst case (a pool text
 * of average length, its demonstrations and all samples) shared by the items of the call. Budgets
 * are cut and stops decided on this figure, so it errs high.
 */
export function nextLabelCostUsd(config: RunConfig, run: RunResources): number {
  const annotator = config.annotator;
  if (annotator.kind === "oracle") return annotator.feeUsd;
  const text = "x".repeat(Math.ceil(averageLength(run)));
  const turns = annotationPrompt({
    instructions: config.task.description,
    labels: run.labels,
    labelDescriptions: config.task.labelDescriptions,
    demonstrations: Array.from({ length: annotator.demonstrations }, () => ({ text, label: run.labels[0] })),
    items: Array.from({ length: annotator.itemsPerCall }, (_, i) => ({ key: String(i + 1), text })),
    askConfidence: true,
  });
  const calls = annotator.confidence === "self-consistency" ? annotator.samples : 1;
  return (llmClientFor(config, annotator.llm, run).worstCaseUsd(turns) * calls) / annotator.itemsPerCall;
}

const lengths = new WeakMap<RunResources, number>();

function averageLength(run: RunResources): number {
  let length = lengths.get(run);
  if (length === undefined) {
    length = run.pool.texts.reduce((sum, text) => sum + Buffer.byteLength(text, "utf8"), 0) / Math.max(1, run.pool.size);
    lengths.set(run, length);
  }
  return length;
}
