import type { Spend } from "../cost/spend.js";
import { fitToContext } from "./contextFit.js";
import { paidCall } from "./paidCall.js";
import { textsGrammar } from "./providers/replyGrammars.js";
import { BudgetExhaustedError, type BudgetGuard } from "./budgetGuard.js";
import { LlmFatalError } from "./llmCallError.js";
import type { LlmClient } from "./llmClient.js";
import { parseJsonReply } from "./prompts/delimit.js";
import { generationPrompt, GenerationReplySchema, type GenerationPromptInput } from "./prompts/generatePrompt.js";
import { cacheKey } from "./responseCache.js";

export interface SynthesisOutcome {
  readonly texts: string[];
  /** sha256 of the prompt, recorded with each item kept. */
  readonly promptHash: string;
  /** Why no texts came back, when none did. */
  readonly failure?: string;
  readonly unpaid: boolean;
}

/**
 * Asks for `count` new texts of one class; a reply that is not the JSON asked for is asked again
 * once. Examples that would push the prompt out of the model's context are left out (the last
 * first); with none it still does not fit, nothing is asked.
 */
export async function synthesize(client: LlmClient, input: GenerationPromptInput, guard: BudgetGuard, spend: Spend): Promise<SynthesisOutcome> {
  const fitted = await fitToContext(client, [input], input.examples.length, ([one], keep) =>
    generationPrompt({ ...one, examples: one.examples.slice(0, keep) }),
  );
  const turns = generationPrompt({ ...input, examples: input.examples.slice(0, fitted.calls[0]?.extras ?? 0) });
  const promptHash = cacheKey(turns);
  if (fitted.tooLong.length > 0) return { texts: [], promptHash, failure: fitted.tooLong[0].reason, unpaid: false };
  const grammar = textsGrammar(input.count);
  let failure = "";
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      const result = await paidCall(client, turns, guard, spend, { seed: attempt, accept: (content) => parse(content) !== null, grammar });
      const texts = parse(result.content);
      if (texts) return { texts: texts.map((text) => text.trim()).filter((text) => text.length > 0), promptHash, unpaid: false };
      failure = "malformed reply";
    } catch (error) {
      if (error instanceof LlmFatalError) throw error;
      if (error instanceof BudgetExhaustedError) return { texts: [], promptHash, unpaid: true };
      return { texts: [], promptHash, failure: `call failed: ${(error as Error).message.split("\n")[0]}`, unpaid: false };
    }
  }
  return { texts: [], promptHash, failure, unpaid: false };
}

function parse(content: string): string[] | null {
  return parseJsonReply(content, GenerationReplySchema)?.texts ?? null;
}
