import { paidCall, type Spend } from "../annotator.js";
import type { BudgetGuard } from "../budgetGuard.js";
import { labelProbability } from "../confidence.js";
import type { LlmClient } from "../llmClient.js";
import { parseJsonReply } from "../prompts/delimit.js";
import { qualityPrompt, QualityReplySchema } from "../prompts/qualityPrompt.js";
import type { RankSettings } from "./rankItems.js";

/**
 * Ask-LLM quality scores (Sachdeva et al. 2024): P("yes") to "is this a useful training example?",
 * from token logprobs where the provider gives them, else 1 or 0 from the answer. Items without a
 * usable answer score 0.5 (unknown). Calls of `perCall` items.
 */
export async function qualityScores(
  client: LlmClient,
  items: ReadonlyArray<{ id: string; text: string }>,
  settings: RankSettings,
  guard: BudgetGuard,
  spend: Spend,
  perCall = 10,
): Promise<Map<string, number>> {
  const scores = new Map<string, number>(items.map((item) => [item.id, 0.5]));
  const calls: Array<Array<{ id: string; text: string }>> = [];
  for (let i = 0; i < items.length; i += perCall) calls.push(items.slice(i, i + perCall));
  await Promise.all(
    calls.map(async (call) => {
      const turns = qualityPrompt({ ...settings, items: call.map((item, i) => ({ key: String(i + 1), text: item.text })) });
      const result = await paidCall(client, turns, guard, spend, { accept: (content) => parse(content) !== null });
      const answers = parse(result.content) ?? [];
      answers.forEach((answer, index) => {
        const item = call[Number(answer.id) - 1];
        if (!item) return;
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
