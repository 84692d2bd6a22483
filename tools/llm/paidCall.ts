import type { Spend } from "../cost/spend.js";
import type { BudgetGuard } from "./budgetGuard.js";
import type { LlmCallResult, LlmClient } from "./llmClient.js";
import type { ChatTurn } from "./prompts/annotatePrompt.js";

/** A call with its worst case reserved first and its actual cost booked after. */
export async function paidCall(
  client: LlmClient,
  turns: readonly ChatTurn[],
  guard: BudgetGuard,
  spend: Spend,
  options: Parameters<LlmClient["complete"]>[1] = {},
): Promise<LlmCallResult> {
  const settle = guard.reserve(client.worstCaseUsd(turns));
  const result = await client.complete(turns, options);
  settle(result.usd);
  if (result.cached) spend.cachedCalls++;
  else {
    spend.calls++;
    spend.inputTokens += result.inputTokens;
    spend.outputTokens += result.outputTokens;
    spend.usd += result.usd;
  }
  return result;
}
