import { fitToContext } from "../../llm/contextFit.js";
import { paidCall } from "../../llm/paidCall.js";
import { rankGrammar } from "../../llm/providers/replyGrammars.js";
import { parseJsonReply } from "../../llm/prompts/delimit.js";
import { rankPrompt, RankReplySchema } from "../../llm/prompts/rankPrompt.js";
import type { LlmQuery, QueryInput } from "../types.js";
import { fillFromCandidates, llmItems } from "./llmItems.js";
import { looksPositional } from "./positionBias.js";

/**
 * Asks the LLM for the `pick` most useful of `items` (ActiveLLM-style). Unknown, repeated or
 * missing ids in the reply are ignored; a reply that is not the JSON asked for is asked again once.
 * Returns the chosen ids in the LLM's order, possibly fewer than `pick` (the caller fills up).
 * Candidates that do not fit the model's context in one prompt are ranked in parts, each asked for
 * its share of the picks, and the parts' choices interleaved (first choices first).
 */
export async function rankItems(llm: LlmQuery, items: ReadonlyArray<{ id: string; text: string }>, pick: number): Promise<string[]> {
  const fitted = await fitToContext(llm.client, items, 0, (part) => promptOf(llm, part, pick));
  if (fitted.calls.length <= 1) return fitted.calls.length === 0 ? [] : rankCall(llm, fitted.calls[0].items, pick);
  const shares = fitted.calls.map((call) => Math.max(1, Math.round((pick * call.items.length) / items.length)));
  const parts = await Promise.all(fitted.calls.map((call, c) => rankCall(llm, call.items, Math.min(shares[c], call.items.length))));
  const chosen: string[] = [];
  for (let rank = 0; chosen.length < pick && parts.some((part) => rank < part.length); rank++)
    for (const part of parts) if (rank < part.length && chosen.length < pick) chosen.push(part[rank]);
  return chosen;
}

function promptOf(llm: LlmQuery, items: ReadonlyArray<{ text: string }>, pick: number) {
  return rankPrompt({
    instructions: llm.instructions,
    labels: llm.classes,
    labelDescriptions: llm.labelDescriptions,
    items: items.map((item, i) => ({ key: String(i + 1), text: item.text })),
    pick,
  });
}

async function rankCall(llm: LlmQuery, items: ReadonlyArray<{ id: string; text: string }>, pick: number): Promise<string[]> {
  const turns = promptOf(llm, items, pick);
  const grammar = rankGrammar(
    items.map((_, i) => String(i + 1)),
    pick,
  );
  for (let attempt = 0; attempt < 2; attempt++) {
    const result = await paidCall(llm.client, turns, llm.guard, llm.spend, { seed: attempt, accept: (content) => parse(content) !== null, grammar });
    const ranking = parse(result.content);
    if (!ranking) continue;
    if (llm.counters) {
      llm.counters.llmRankings = (llm.counters.llmRankings ?? 0) + 1;
      if (looksPositional(ranking.map(Number).filter(Number.isInteger))) llm.counters.llmRankingsInShownOrder = (llm.counters.llmRankingsInShownOrder ?? 0) + 1;
    }
    const chosen: string[] = [];
    for (const key of ranking) {
      const item = items[Number(key) - 1];
      if (item && !chosen.includes(item.id)) chosen.push(item.id);
      if (chosen.length === pick) break;
    }
    return chosen;
  }
  return [];
}

function parse(content: string): string[] | null {
  return parseJsonReply(content, RankReplySchema)?.ranking ?? null;
}

/**
 * LLM ranking (ActiveLLM, Bayer & Reuter 2024): the LLM reads the shortlist and names the k whose
 * labels would teach the classifier most; what it leaves open is filled in the shortlist's order.
 */
export async function llmRank(input: QueryInput, k: number): Promise<Uint32Array> {
  const chosen = await rankItems(input.llm!, llmItems(input, input.candidates), k);
  return fillFromCandidates(chosen.map(Number), input.candidates, k);
}
