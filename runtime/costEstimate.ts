import type { LlmClient } from "../tools/llm/llmClient.js";
import { annotationPrompt, type ChatTurn } from "../tools/llm/prompts/annotatePrompt.js";
import { generationPrompt } from "../tools/llm/prompts/generatePrompt.js";
import { costUsd } from "../tools/llm/prices.js";
import { taskInstructions, type RunConfig } from "./config/runConfig.js";
import { llmClientFor } from "./llm/clients.js";
import type { RunResources } from "./workspace/workspace.js";

/** A cost as planned: what it should be, and what it can be at most (what budgets are checked on). */
export interface CostRange {
  readonly expectedUsd: number;
  readonly atMostUsd: number;
}

/**
 * The cost of one label, from a prompt built around a pool text of average length: expected with
 * about four bytes a token and a short answer, at most with the client's worst case (bytes / 2 in,
 * maxTokens out), samples included.
 */
export function labelCost(config: RunConfig, run: RunResources): CostRange {
  const annotator = config.annotator;
  if (annotator.kind === "oracle" || annotator.kind === "human") return { expectedUsd: annotator.feeUsd, atMostUsd: annotator.feeUsd };
  const text = averageText(run);
  if (annotator.kind === "committee") {
    // Every LLM member labels every item (chain of thought makes the answer longer).
    const turns = annotationPrompt({ instructions: taskInstructions(config), labels: run.labels, demonstrations: [], items: Array.from({ length: annotator.itemsPerCall }, (_, i) => ({ key: String(i + 1), text })), askConfidence: true, chainOfThought: true });
    const parts = config.committee.members.flatMap((member) => (member.kind === "llm" ? [llmClientFor(config, member.llm, run)] : []));
    return {
      expectedUsd: parts.reduce((sum, client) => sum + expectedCallUsd(client, turns, 60 * annotator.itemsPerCall + 8), 0) / annotator.itemsPerCall,
      atMostUsd: parts.reduce((sum, client) => sum + client.worstCaseUsd(turns), 0) / annotator.itemsPerCall + (annotator.review?.humanFeeUsd ?? 0),
    };
  }
  const turns = annotationPrompt({
    instructions: taskInstructions(config),
    labels: run.labels,
    labelDescriptions: config.task.labelDescriptions,
    demonstrations: Array.from({ length: annotator.demonstrations }, () => ({ text, label: run.labels[0] })),
    items: Array.from({ length: annotator.itemsPerCall }, (_, i) => ({ key: String(i + 1), text })),
    askConfidence: true,
  });
  const calls = annotator.confidence === "self-consistency" ? annotator.samples : 1;
  const perItem = (client: LlmClient, samples: number): CostRange => ({
    expectedUsd: (expectedCallUsd(client, turns, 16 * annotator.itemsPerCall + 8) * samples) / annotator.itemsPerCall,
    atMostUsd: (client.worstCaseUsd(turns) * samples) / annotator.itemsPerCall,
  });
  // At most, every item is escalated, verified and sent to a person; expected, the LLM alone.
  const parts = [perItem(llmClientFor(config, annotator.llm, run), calls)];
  if (annotator.escalation) parts.push(perItem(llmClientFor(config, annotator.escalation.llm, run), 1));
  if (annotator.review?.verifier) parts.push(perItem(llmClientFor(config, annotator.review.verifier, run), 1));
  const human = annotator.review?.humanFeeUsd ?? 0;
  return {
    expectedUsd: parts[0].expectedUsd,
    atMostUsd: parts.reduce((sum, part) => sum + part.atMostUsd, 0) + human,
  };
}

/** The cost of one generation round (all its calls). */
export function generationRoundCost(config: RunConfig, run: RunResources): CostRange | null {
  const generation = config.generation;
  if (!generation) return null;
  const text = averageText(run);
  const turns = generationPrompt({
    instructions: taskInstructions(config),
    labels: run.labels,
    labelDescriptions: config.task.labelDescriptions,
    target: run.labels[0],
    count: generation.perCall,
    examples: Array.from({ length: generation.examples }, () => text),
  });
  const calls = Math.ceil(generation.perRound / generation.perCall);
  const client = llmClientFor(config, generation.llm, run);
  return {
    expectedUsd: calls * expectedCallUsd(client, turns, Math.ceil((generation.perCall * Buffer.byteLength(text, "utf8")) / 4) + 8),
    atMostUsd: calls * client.worstCaseUsd(turns),
  };
}

function expectedCallUsd(client: LlmClient, turns: readonly ChatTurn[], outputTokens: number): number {
  const bytes = turns.reduce((sum, turn) => sum + Buffer.byteLength(turn.content, "utf8"), 0);
  return costUsd(client.price, Math.ceil(bytes / 4), Math.min(outputTokens, client.config.maxTokens));
}

const texts = new WeakMap<RunResources, string>();

/** A stand-in text as long as the pool's average (in UTF-8 bytes). */
function averageText(run: RunResources): string {
  let text = texts.get(run);
  if (text === undefined) {
    const bytes = run.pool.texts.reduce((sum, t) => sum + Buffer.byteLength(t, "utf8"), 0) / Math.max(1, run.pool.size);
    texts.set(run, (text = "x".repeat(Math.ceil(bytes))));
  }
  return text;
}
