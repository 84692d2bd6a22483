import type { Spend } from "../cost/spend.js";
import type { BudgetGuard } from "./budgetGuard.js";
import type { CallOptions, LlmCallResult, LlmClient } from "./llmClient.js";
import type { ChatTurn } from "./prompts/annotatePrompt.js";
import type { ScoreRequest, TextScores } from "./textScoring.js";

/**
 * A call paid from `guard`: each attempt's worst case reserved (and journaled) before it is sent and
 * its actual cost settled after (LlmClient.complete); what it cost is added to `spend`.
 */
export async function paidCall(
  client: LlmClient,
  turns: readonly ChatTurn[],
  guard: BudgetGuard,
  spend: Spend,
  options: Omit<CallOptions, "guard"> = {},
): Promise<LlmCallResult> {
  const result = await client.complete(turns, { ...options, guard });
  if (result.cached) spend.cachedCalls++;
  else {
    spend.calls++;
    spend.inputTokens += result.inputTokens;
    spend.outputTokens += result.outputTokens;
    spend.usd += result.usd;
    spend.seconds += result.seconds ?? 0;
  }
  return result;
}

/** A scoring call (tools/llm/textScoring.ts), reserved, journaled and booked like a chat call. */
export async function paidScore(client: LlmClient, request: ScoreRequest, guard: BudgetGuard, spend: Spend, signal?: AbortSignal): Promise<TextScores> {
  const result = await client.score(request, { signal, guard });
  if (result.cached) spend.cachedCalls++;
  else {
    spend.calls++;
    spend.inputTokens += result.inputTokens;
    spend.usd += result.usd;
    spend.seconds += result.seconds ?? 0;
  }
  return result;
}
