import { type LlmConfig, priceOf } from "../tools/llm/config.js";
import { annotationPrompt, type ChatTurn } from "../tools/llm/prompts/annotatePrompt.js";
import { generationPrompt } from "../tools/llm/prompts/generatePrompt.js";
import { expectedCallUsd, worstCaseCallUsd } from "../tools/llm/prices.js";
import { taskInstructions, type RunConfig } from "./config/runConfig.js";
import type { Workspace } from "./workspace/workspace.js";

/** A cost as planned: what it should be, and what it can be at most (what budgets are checked on). */
export interface CostRange {
  readonly expectedUsd: number;
  readonly atMostUsd: number;
}

/** One LLM call's cost range, from the model's price and its maxTokens. */
function callCost(llm: LlmConfig, turns: readonly ChatTurn[], expectedOutputTokens: number): CostRange {
  const price = priceOf(llm);
  return { expectedUsd: expectedCallUsd(price, llm.maxTokens, turns, expectedOutputTokens), atMostUsd: worstCaseCallUsd(price, llm.maxTokens, turns) };
}

/**
 * The cost of one label, from a prompt built around a pool text of average length: expected with
 * about four bytes a token and a short answer, at most with the worst case (bytes / 2 in,
 * maxTokens out), samples included.
 */
export function labelCost(config: RunConfig, workspace: Workspace): CostRange {
  const annotator = config.annotator;
  if (annotator.kind === "oracle" || annotator.kind === "human") return { expectedUsd: annotator.feeUsd, atMostUsd: annotator.feeUsd };
  const text = averageText(workspace);
  const items = Array.from({ length: annotator.itemsPerCall }, (_, i) => ({ key: String(i + 1), text }));
  if (annotator.kind === "committee") {
    // Every LLM member labels every item (chain of thought makes the answer longer).
    const turns = annotationPrompt({
      instructions: taskInstructions(config),
      labels: workspace.classes,
      demonstrations: [],
      items,
      askConfidence: true,
      chainOfThought: true,
    });
    const calls = config.committee.members.flatMap((member) => (member.kind === "llm" ? [callCost(member.llm, turns, 60 * annotator.itemsPerCall + 8)] : []));
    return {
      expectedUsd: calls.reduce((sum, call) => sum + call.expectedUsd, 0) / annotator.itemsPerCall,
      atMostUsd: calls.reduce((sum, call) => sum + call.atMostUsd, 0) / annotator.itemsPerCall + (annotator.review?.humanFeeUsd ?? 0),
    };
  }
  const perItem = (llm: LlmConfig, samples: number) => annotationItemCost(config, workspace, llm, samples);
  // At most, every item is escalated, verified and sent to a person; expected, the LLM alone.
  const parts = [perItem(annotator.llm, annotator.confidence === "self-consistency" ? annotator.samples : 1)];
  if (annotator.escalation) parts.push(perItem(annotator.escalation.llm, 1));
  if (annotator.review?.verifier) parts.push(perItem(annotator.review.verifier, 1));
  return {
    expectedUsd: parts[0].expectedUsd,
    atMostUsd: parts.reduce((sum, part) => sum + part.atMostUsd, 0) + (annotator.review?.humanFeeUsd ?? 0),
  };
}

/**
 * What `llm` costs to label one item in the run's LLM annotator calls (its itemsPerCall sharing a
 * prompt and its demonstrations), `samples` answers per item: expected and at most.
 */
export function annotationItemCost(config: RunConfig, workspace: Workspace, llm: LlmConfig, samples = 1): CostRange {
  const annotator = config.annotator;
  if (annotator.kind !== "llm") throw new Error(`annotationItemCost is for an llm annotator, not ${annotator.kind}`);
  const text = averageText(workspace);
  const items = Array.from({ length: annotator.itemsPerCall }, (_, i) => ({ key: String(i + 1), text }));
  const turns = annotationPrompt({
    instructions: taskInstructions(config),
    labels: workspace.classes,
    labelDescriptions: config.task.labelDescriptions,
    demonstrations: Array.from({ length: annotator.demonstrations }, () => ({ text, label: workspace.classes[0] })),
    items,
    askConfidence: true,
  });
  const call = callCost(llm, turns, 16 * annotator.itemsPerCall + 8);
  return { expectedUsd: (call.expectedUsd * samples) / annotator.itemsPerCall, atMostUsd: (call.atMostUsd * samples) / annotator.itemsPerCall };
}

/**
 * What the next label may cost, at most: the human fee, or an LLM call's worst case shared by the
 * items of the call. Batches are cut and stops decided on this figure, so it errs high; the budget
 * itself is enforced per call.
 */
export function nextLabelCostUsd(config: RunConfig, workspace: Workspace): number {
  return labelCost(config, workspace).atMostUsd;
}

/** The cost of one generation round (all its calls). */
export function generationRoundCost(config: RunConfig, workspace: Workspace): CostRange | null {
  const generation = config.generation;
  if (!generation) return null;
  const text = averageText(workspace);
  const turns = generationPrompt({
    instructions: taskInstructions(config),
    labels: workspace.classes,
    labelDescriptions: config.task.labelDescriptions,
    target: workspace.classes[0],
    count: generation.perCall,
    examples: Array.from({ length: generation.examples }, () => text),
  });
  const calls = Math.ceil(generation.perRound / generation.perCall);
  const call = callCost(generation.llm, turns, Math.ceil((generation.perCall * Buffer.byteLength(text, "utf8")) / 4) + 8);
  return { expectedUsd: calls * call.expectedUsd, atMostUsd: calls * call.atMostUsd };
}

/** A stand-in text as long as the pool's average (in UTF-8 bytes). */
function averageText(workspace: Workspace): string {
  return "x".repeat(Math.ceil(workspace.meanTextBytes));
}
