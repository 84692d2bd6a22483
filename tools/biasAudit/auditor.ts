import type { Spend } from "../cost/spend.js";
import { BudgetExhaustedError, type BudgetGuard } from "../llm/budgetGuard.js";
import type { LlmClient } from "../llm/llmClient.js";
import { paidCall } from "../llm/paidCall.js";
import {
  type BiasAuditPromptInput,
  biasAuditPrompt,
  BiasAuditReplySchema,
  checkBiasAuditReply,
  MAX_DESCRIPTION_CHARS,
  MAX_KEYWORD_CHARS,
} from "../llm/prompts/biasAuditPrompt.js";
import { parseJsonReply } from "../llm/prompts/delimit.js";
import { biasAuditGrammar } from "../llm/providers/replyGrammars.js";
import type { BiasPattern } from "./patterns.js";

/**
 * Asks the auditing LLM once, under the grammar of the reply when the model takes one: the
 * patterns it names, or why there are none (a reply refused in one line, a failed call, no
 * budget). Only a reply that passes every check is cached, so a refused one is asked afresh.
 */
export async function auditLabels(
  client: LlmClient,
  input: BiasAuditPromptInput,
  guard: BudgetGuard,
  spend: Spend,
): Promise<{ ok: true; patterns: BiasPattern[] } | { ok: false; error: string }> {
  const keys = input.clusters.map((cluster) => cluster.key);
  const check = (content: string) => {
    const reply = parseJsonReply(content, BiasAuditReplySchema);
    return reply
      ? checkBiasAuditReply(reply, keys, input.labels, input.maxPatterns)
      : ({ ok: false, error: "bias audit reply refused: not the JSON asked for" } as const);
  };
  const grammar = biasAuditGrammar({
    clusterKeys: keys,
    labels: input.labels,
    maxPatterns: input.maxPatterns,
    maxKeyword: MAX_KEYWORD_CHARS,
    maxDescription: MAX_DESCRIPTION_CHARS,
  });
  try {
    const result = await paidCall(client, biasAuditPrompt(input), guard, spend, { grammar, accept: (content) => check(content).ok });
    return check(result.content);
  } catch (error) {
    if (error instanceof BudgetExhaustedError) return { ok: false, error: "bias audit not asked: the budget cannot pay for the call" };
    return { ok: false, error: `bias audit call failed: ${(error as Error).message.split("\n")[0]}` };
  }
}
