import type { Spend } from "../cost/spend.js";
import { fitToContext } from "./contextFit.js";
import { paidCall } from "./paidCall.js";
import { verdictsGrammar } from "./providers/replyGrammars.js";
import { BudgetExhaustedError, type BudgetGuard } from "./budgetGuard.js";
import { LlmCallError } from "./llmCallError.js";
import type { LlmClient } from "./llmClient.js";
import { parseJsonReply } from "./prompts/delimit.js";
import { verificationPrompt, VerificationReplySchema } from "./prompts/verifyPrompt.js";

/** Items a verification call checks at most: about 25 tokens of reply each. */
const PER_CALL = 10;

/**
 * Asks a second model whether each proposed label is right. Returns, per item id, true (agrees),
 * false (disagrees), or null when it gave no usable verdict (a failed or malformed call): the
 * caller decides what an unverified label is worth.
 */
export async function verifyLabels(
  client: LlmClient,
  items: ReadonlyArray<{ id: string; text: string; proposed: string }>,
  settings: { instructions: string; labels: readonly string[]; labelDescriptions?: Readonly<Record<string, string>> },
  guard: BudgetGuard,
  spend: Spend,
): Promise<Map<string, boolean | null>> {
  const verdicts = new Map<string, boolean | null>(items.map((item) => [item.id, null]));
  if (items.length === 0) return verdicts;
  const promptOf = (part: typeof items) =>
    verificationPrompt({ ...settings, items: part.map((item, i) => ({ key: String(i + 1), text: item.text, proposed: item.proposed })) });
  // At most PER_CALL items a call, so the verdicts fit in maxTokens (a reply cut off there is no
  // verdict at all); calls that would not fit the model's context are split further, and an item
  // too long to check alone stays unverified.
  const chunks: Array<typeof items> = [];
  for (let i = 0; i < items.length; i += PER_CALL) chunks.push(items.slice(i, i + PER_CALL));
  const calls = (await Promise.all(chunks.map((chunk) => fitToContext(client, chunk, 0, (part) => promptOf(part))))).flatMap((fitted) => fitted.calls);
  await Promise.all(
    calls.map(async ({ items: part }) => {
      try {
        const grammar = verdictsGrammar(
          part.map((_, i) => String(i + 1)),
          settings.labels,
        );
        const result = await paidCall(client, promptOf(part), guard, spend, { accept: (content) => parse(content) !== null, grammar });
        for (const verdict of parse(result.content) ?? []) {
          const item = part[Number(verdict.id) - 1];
          if (item) verdicts.set(item.id, verdict.correct);
        }
      } catch (error) {
        if (!(error instanceof BudgetExhaustedError) && !(error instanceof LlmCallError)) throw error;
      }
    }),
  );
  return verdicts;
}

function parse(content: string) {
  return parseJsonReply(content, VerificationReplySchema)?.verdicts ?? null;
}
