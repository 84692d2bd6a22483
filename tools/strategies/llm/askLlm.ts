import { labelProbability } from "../../llm/confidence.js";
import { fitToContext } from "../../llm/contextFit.js";
import { qualityGrammar } from "../../llm/providers/replyGrammars.js";
import { paidCall } from "../../llm/paidCall.js";
import { parseJsonReply } from "../../llm/prompts/delimit.js";
import { qualityPrompt, QualityReplySchema } from "../../llm/prompts/qualityPrompt.js";
import type { LlmQuery, QueryInput } from "../types.js";
import { llmItems } from "./llmItems.js";

/** Items per quality call. */
const PER_CALL = 10;

/**
 * Ask-LLM quality scores (Sachdeva et al. 2024): P("yes") to "is this a useful training example?",
 * from token logprobs where the provider gives them, else 1 or 0 from the answer. Items without a
 * usable answer score 0.5 (unknown).
 */
export async function askLlmScores(llm: LlmQuery, items: ReadonlyArray<{ id: string; text: string }>): Promise<Map<string, number>> {
  const scores = new Map<string, number>(items.map((item) => [item.id, 0.5]));
  const chunks: Array<Array<{ id: string; text: string }>> = [];
  for (let i = 0; i < items.length; i += PER_CALL) chunks.push(items.slice(i, i + PER_CALL));
  const promptOf = (call: ReadonlyArray<{ text: string }>) =>
    qualityPrompt({
      instructions: llm.instructions,
      labels: llm.classes,
      labelDescriptions: llm.labelDescriptions,
      items: call.map((item, i) => ({ key: String(i + 1), text: item.text })),
    });
  // Calls that would not fit the model's context are split; an item too long to ask about alone keeps 0.5.
  const calls = (await Promise.all(chunks.map((chunk) => fitToContext(llm.client, chunk, 0, (part) => promptOf(part))))).flatMap((fitted) =>
    fitted.calls.map((call) => call.items),
  );
  await Promise.all(
    calls.map(async (call) => {
      const turns = promptOf(call);
      const result = await paidCall(llm.client, turns, llm.guard, llm.spend, {
        accept: (content) => parse(content) !== null,
        grammar: qualityGrammar(call.map((_, i) => String(i + 1))),
      });
      const answers = parse(result.content) ?? [];
      answers.forEach((answer, index) => {
        const item = call[Number(answer.id) - 1];
        if (!item) return;
        // Under the grammar the answer is "yes" or "no", so the label's probability is P(yes) or 1 − P(yes).
        const p = labelProbability(result.content, result.logprobs, index);
        scores.set(item.id, p === null ? (answer.label === "yes" ? 1 : 0) : answer.label === "yes" ? p : 1 - p);
      });
    }),
  );
  return scores;
}

function parse(content: string) {
  return parseJsonReply(content, QualityReplySchema)?.answers ?? null;
}

/** Ask-LLM's utility of each candidate: its P("yes"). */
export async function askLlmUtilities(input: QueryInput): Promise<Float64Array> {
  const scores = await askLlmScores(input.llm!, llmItems(input, input.candidates));
  return Float64Array.from(input.candidates, (index) => scores.get(String(index))!);
}

/** Ask-LLM (Sachdeva et al. 2024): the shortlist ranked by the LLM's P("yes"). */
export async function askLlm(input: QueryInput, k: number): Promise<Uint32Array> {
  const utilities = await askLlmUtilities(input);
  const order = Array.from(input.candidates.keys()).sort((a, b) => utilities[b] - utilities[a]);
  return Uint32Array.from(order.slice(0, k), (position) => input.candidates[position]);
}
