import { emptySpend, type Spend } from "../cost/spend.js";
import { BudgetExhaustedError, type BudgetGuard } from "./budgetGuard.js";
import { labelProbability } from "./confidence.js";
import type { LlmClient } from "./llmClient.js";
import { paidCall } from "./paidCall.js";
import { parseJsonReply } from "./prompts/delimit.js";
import { type PreferenceItem, preferencePrompt, PreferenceReplySchema } from "./prompts/preferencePrompt.js";

export interface JudgeSettings {
  /** Comparisons per call. */
  readonly itemsPerCall: number;
  /**
   * Ask twice, with A and B swapped the second time, and average: small judges prefer a position
   * (often the first) whatever it holds. Doubles the calls.
   */
  readonly bothOrders: boolean;
  readonly instructions?: string;
}

export interface JudgeOutcome {
  /** P(A ≻ B) per pair id, from the choice token's probability (or 1/0 without logprobs). */
  readonly pA: Map<string, number>;
  readonly failures: Array<{ id: string; reason: string }>;
  readonly unpaid: string[];
  readonly spend: Spend;
}

/** An LLM judges which of two responses to the same prompt is better. */
export async function judgePairs(
  client: LlmClient,
  pairs: ReadonlyArray<{ id: string; prompt: string; a: string; b: string }>,
  settings: JudgeSettings,
  guard: BudgetGuard,
): Promise<JudgeOutcome> {
  const spend = emptySpend();
  const votes = new Map<string, number[]>(pairs.map((pair) => [pair.id, []]));
  const failures = new Map<string, string>();
  const unpaid = new Set<string>();
  const orders = settings.bothOrders ? [false, true] : [false];
  const calls: Array<{ swapped: boolean; pairs: typeof pairs }> = [];
  for (const swapped of orders)
    for (let i = 0; i < pairs.length; i += settings.itemsPerCall) calls.push({ swapped, pairs: pairs.slice(i, i + settings.itemsPerCall) });
  await Promise.all(
    calls.map(async (call) => {
      const items: PreferenceItem[] = call.pairs.map((pair, i) => ({
        key: String(i + 1),
        prompt: pair.prompt,
        a: call.swapped ? pair.b : pair.a,
        b: call.swapped ? pair.a : pair.b,
      }));
      const parse = (content: string) => parseJsonReply(content, PreferenceReplySchema)?.answers ?? null;
      try {
        const result = await paidCall(client, preferencePrompt({ instructions: settings.instructions, items }), guard, spend, {
          accept: (content) => parse(content) !== null,
        });
        const answers = parse(result.content);
        if (!answers) return call.pairs.forEach((pair) => failures.set(pair.id, "malformed reply"));
        const seen = new Set<number>();
        answers.forEach((answer, index) => {
          const position = Number(answer.id) - 1;
          const pair = call.pairs[position];
          if (!pair || seen.has(position)) return;
          seen.add(position);
          const p = labelProbability(result.content, result.logprobs, index) ?? 1;
          const shownA = answer.label === "A" ? p : 1 - p;
          votes.get(pair.id)!.push(call.swapped ? 1 - shownA : shownA);
        });
        for (const [position, pair] of call.pairs.entries()) if (!seen.has(position)) failures.set(pair.id, "no answer for the comparison");
      } catch (error) {
        if (error instanceof BudgetExhaustedError) call.pairs.forEach((pair) => unpaid.add(pair.id));
        else call.pairs.forEach((pair) => failures.set(pair.id, `call failed: ${(error as Error).message.split("\n")[0]}`));
      }
    }),
  );
  const pA = new Map<string, number>();
  for (const [id, values] of votes) if (values.length > 0) pA.set(id, values.reduce((a, b) => a + b, 0) / values.length);
  return {
    pA,
    failures: [...failures].filter(([id]) => !pA.has(id)).map(([id, reason]) => ({ id, reason })),
    unpaid: [...unpaid].filter((id) => !pA.has(id)),
    spend,
  };
}
