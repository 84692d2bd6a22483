import { type LlmConfig, priceOf } from "../tools/llm/config.js";
import { annotationPrompt, type ChatTurn } from "../tools/llm/prompts/annotatePrompt.js";
import { biasAuditPrompt } from "../tools/llm/prompts/biasAuditPrompt.js";
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
  return itemCost(config, workspace, llm, { itemsPerCall: annotator.itemsPerCall, demonstrations: annotator.demonstrations, samples });
}

/** One item's share of an annotation call of `itemsPerCall` items of average text after `demonstrations` examples, `samples` answers each. */
function itemCost(
  config: RunConfig,
  workspace: Workspace,
  llm: LlmConfig,
  { itemsPerCall, demonstrations, samples }: { itemsPerCall: number; demonstrations: number; samples: number },
): CostRange {
  const text = averageText(workspace);
  const items = Array.from({ length: itemsPerCall }, (_, i) => ({ key: String(i + 1), text }));
  const turns = annotationPrompt({
    instructions: taskInstructions(config),
    labels: workspace.classes,
    labelDescriptions: config.task.labelDescriptions,
    demonstrations: Array.from({ length: demonstrations }, () => ({ text, label: workspace.classes[0] })),
    items,
    askConfidence: true,
  });
  const call = callCost(llm, turns, 16 * itemsPerCall + 8);
  return { expectedUsd: (call.expectedUsd * samples) / itemsPerCall, atMostUsd: (call.atMostUsd * samples) / itemsPerCall };
}

/**
 * One bias audit (CAL): expected, its call, a prompt showing `clusters` clusters of `perCluster`
 * items of average text with every class counted, answered with `maxPatterns` patterns; at most,
 * that call's worst case and `maxRelabel` relabels, by the audit's LLM (zero-shot, as relabel.ts
 * asks) or by people at the audit's fee. How many items an audit flags is not known before it runs.
 */
export function biasAuditCost(config: RunConfig, workspace: Workspace): CostRange | null {
  const audit = config.biasAudit;
  if (!audit) return null;
  const text = averageText(workspace);
  const clusters = Array.from({ length: Math.min(audit.clusters, workspace.pool.size) }, (_, c) => ({
    key: String(c + 1),
    labelCounts: workspace.classes.map((label) => [label, audit.perCluster] as const),
    items: Array.from({ length: audit.perCluster }, () => ({ text, label: workspace.classes[0] })),
  }));
  const turns = biasAuditPrompt({
    instructions: taskInstructions(config),
    labels: workspace.classes,
    labelDescriptions: config.task.labelDescriptions,
    clusters,
    maxPatterns: audit.maxPatterns,
  });
  // A pattern is a cluster, a label, a description of up to 120 characters and a keyword: about 40 tokens.
  const call = callCost(audit.llm, turns, 40 * audit.maxPatterns + 8);
  return { expectedUsd: call.expectedUsd, atMostUsd: call.atMostUsd + audit.maxRelabel * biasAuditRelabelUsd(config, workspace) };
}

/** What one relabel of a bias audit may cost at most: the audit's fee for people, or its LLM's zero-shot call share. */
export function biasAuditRelabelUsd(config: RunConfig, workspace: Workspace): number {
  const audit = config.biasAudit;
  if (!audit) return 0;
  return audit.relabelBy === "human"
    ? audit.humanFeeUsd
    : itemCost(config, workspace, audit.llm, { itemsPerCall: audit.itemsPerCall, demonstrations: 0, samples: 1 }).atMostUsd;
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
