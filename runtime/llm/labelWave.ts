import type { FailedItem, LabelRecord } from "../../tools/labels/labelRecord.js";
import { type AnnotatorSettings, annotateWithLlm } from "../../tools/llm/annotator.js";
import type { BudgetGuard } from "../../tools/llm/budgetGuard.js";
import { llmLabelRecord } from "../../tools/llm/llmLabelRecord.js";
import type { LlmClient } from "../../tools/llm/llmClient.js";
import type { Workspace } from "../workspace/workspace.js";

/**
 * One wave of LLM labels: the calls (each a list of pool ids sharing a prompt, with its
 * demonstrations) sent at once, each answer a label record carrying its share of its call's cost,
 * each failure recorded, and how many items the budget could not pay for. The one wave behind
 * distillation's teacher and the bias audit's relabels.
 */
export async function labelWave(
  client: LlmClient,
  workspace: Workspace,
  calls: readonly (readonly string[])[],
  demonstrations: ReadonlyArray<ReadonlyArray<{ text: string; label: string; reason?: string }>> | null,
  settings: AnnotatorSettings,
  guard: BudgetGuard,
  round: number,
  notesOf: (id: string) => readonly string[] = () => [],
): Promise<{ labels: LabelRecord[]; failed: FailedItem[]; unpaid: number }> {
  const outcomes = await Promise.all(
    calls.map((call, c) =>
      annotateWithLlm(
        client,
        call.map((id) => ({ id, text: workspace.textOf(id) })),
        demonstrations?.[c] ?? [],
        settings,
        guard,
      ),
    ),
  );
  const labels: LabelRecord[] = [];
  const failed: FailedItem[] = [];
  let unpaid = 0;
  outcomes.forEach((outcome, c) => {
    unpaid += outcome.unpaid.length;
    for (const answer of outcome.answers)
      labels.push(llmLabelRecord(answer, { model: client.key, costUsd: outcome.spend.usd / calls[c].length, round }, notesOf(answer.id)));
    for (const failure of outcome.failures) failed.push({ id: failure.id, round, annotator: client.key, reason: failure.reason });
  });
  return { labels, failed, unpaid };
}
