import type { Spend } from "../cost/spend.js";
import type { BudgetGuard } from "./budgetGuard.js";
import { labelProbability } from "./confidence.js";
import type { LlmClient } from "./llmClient.js";
import { paidCall } from "./paidCall.js";
import type { ChatTurn } from "./prompts/annotatePrompt.js";
import { parseJsonReply } from "./prompts/delimit.js";
import { QualityReplySchema } from "./prompts/qualityPrompt.js";

/**
 * P("yes") for each of the `count` items (keyed "1".."count") of one call to a prompt whose reply
 * is `{"answers": [{"id", "label": "yes" | "no"}]}` (Ask-LLM): from the answer token's logprob
 * where the provider gives one, else 1 or 0 from the answer; null for an item with no usable answer.
 */
export async function yesProbabilities(
  client: LlmClient,
  turns: readonly ChatTurn[],
  count: number,
  guard: BudgetGuard,
  spend: Spend,
): Promise<Array<number | null>> {
  const parse = (content: string) => parseJsonReply(content, QualityReplySchema)?.answers ?? null;
  const result = await paidCall(client, turns, guard, spend, { accept: (content) => parse(content) !== null });
  const scores: Array<number | null> = Array.from({ length: count }, () => null);
  (parse(result.content) ?? []).forEach((answer, index) => {
    const position = Number(answer.id) - 1;
    if (!(position >= 0 && position < count) || scores[position] !== null) return;
    const p = labelProbability(result.content, result.logprobs, index);
    scores[position] = p === null ? (answer.label === "yes" ? 1 : 0) : answer.label === "yes" ? p : 1 - p;
  });
  return scores;
}
