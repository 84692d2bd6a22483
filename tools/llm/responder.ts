import { emptySpend, type Spend } from "../cost/spend.js";
import { BudgetExhaustedError, type BudgetGuard } from "./budgetGuard.js";
import type { LlmClient } from "./llmClient.js";
import { paidCall } from "./paidCall.js";
import { respondPrompt } from "./prompts/respondPrompt.js";

export interface ResponderSettings {
  /** The label set of prompts made from a labeled dataset (the response starts with one); empty for free prompts. */
  readonly labels: readonly string[];
  readonly explain: boolean;
  /** Responses per prompt: 1 for one answer, more for self-consistency. */
  readonly samples: number;
  /** Of every sample; 0 gives the model's greedy answer. Samples differ by seed (0, 1, …). */
  readonly temperature: number;
}

export interface ResponseOutcome {
  /** Each prompt's responses, in seed order; a failed sample is left out. */
  readonly responses: Map<string, string[]>;
  /** Prompts with no response at all, and why. */
  readonly failures: Array<{ id: string; reason: string }>;
  /** Prompts not asked because the budget could not pay for the call. */
  readonly unpaid: string[];
  readonly spend: Spend;
}

/**
 * An LLM writes responses to instructions: `samples` per prompt, one call each (a small model
 * answers one instruction at a time far better than several), all in flight at once up to the
 * client's concurrency. Every call is paid through the budget guard; an empty reply is no response.
 */
export async function sampleResponses(
  client: LlmClient,
  items: ReadonlyArray<{ id: string; instruction: string; input?: string }>,
  settings: ResponderSettings,
  guard: BudgetGuard,
): Promise<ResponseOutcome> {
  const spend = emptySpend();
  const responses = new Map<string, string[]>(items.map((item) => [item.id, []]));
  const reasons = new Map<string, string>();
  const unpaid = new Set<string>();
  await Promise.all(
    items.flatMap((item) =>
      Array.from({ length: settings.samples }, async (_, seed) => {
        const turns = respondPrompt({ instruction: item.instruction, input: item.input, labels: settings.labels, explain: settings.explain });
        try {
          const result = await paidCall(client, turns, guard, spend, {
            seed,
            temperature: settings.temperature,
            accept: (content) => content.trim().length > 0,
          });
          const text = result.content.trim();
          if (text.length > 0) responses.get(item.id)!.push(`${seed}\u0000${text}`);
          else reasons.set(item.id, "empty response");
        } catch (error) {
          if (error instanceof BudgetExhaustedError) unpaid.add(item.id);
          else reasons.set(item.id, `call failed: ${(error as Error).message.split("\n")[0]}`);
        }
      }),
    ),
  );
  const failures: ResponseOutcome["failures"] = [];
  for (const [id, tagged] of responses) {
    // Calls finish in any order: put the samples back in seed order, so results do not depend on timing.
    const ordered = tagged
      .map((entry) => entry.split("\u0000"))
      .sort((a, b) => Number(a[0]) - Number(b[0]))
      .map(([, text]) => text);
    responses.set(id, ordered);
    if (ordered.length === 0) {
      responses.delete(id);
      if (!unpaid.has(id)) failures.push({ id, reason: reasons.get(id) ?? "no response" });
    }
  }
  return { responses, failures, unpaid: [...unpaid].filter((id) => !responses.has(id)), spend };
}
