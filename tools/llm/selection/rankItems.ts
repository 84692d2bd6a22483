import { paidCall, type Spend } from "../annotator.js";
import type { BudgetGuard } from "../budgetGuard.js";
import type { LlmClient } from "../llmClient.js";
import { parseJsonReply } from "../prompts/delimit.js";
import { rankPrompt, RankReplySchema } from "../prompts/rankPrompt.js";

export interface RankSettings {
  readonly instructions: string;
  readonly labels: readonly string[];
  readonly labelDescriptions?: Readonly<Record<string, string>>;
}

/**
 * Asks the LLM for the `pick` most useful of `items` (ActiveLLM-style). Unknown, repeated or
 * missing ids in the reply are ignored; a reply that is not the JSON asked for is asked again once.
 * Returns the chosen ids in the LLM's order, possibly fewer than `pick` (the caller fills up).
 */
export async function rankItems(
  client: LlmClient,
  items: ReadonlyArray<{ id: string; text: string }>,
  pick: number,
  settings: RankSettings,
  guard: BudgetGuard,
  spend: Spend,
): Promise<string[]> {
  const turns = rankPrompt({ ...settings, items: items.map((item, i) => ({ key: String(i + 1), text: item.text })), pick });
  for (let attempt = 0; attempt < 2; attempt++) {
    const result = await paidCall(client, turns, guard, spend, { seed: attempt, accept: (content) => parse(content) !== null });
    const ranking = parse(result.content);
    if (!ranking) continue;
    const chosen: string[] = [];
    for (const key of ranking) {
      const item = items[Number(key) - 1];
      if (item && !chosen.includes(item.id)) chosen.push(item.id);
      if (chosen.length === pick) break;
    }
    return chosen;
  }
  return [];
}

function parse(content: string): string[] | null {
  return parseJsonReply(content, RankReplySchema)?.ranking ?? null;
}
