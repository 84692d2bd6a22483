import type { LabelRecord } from "../labels/labelRecord.js";
import type { LlmAnswer } from "./annotator.js";

/**
 * An LLM's answer as a label record: who gave it, at what cost and in which round, how its
 * confidence was measured, and the rationales behind it (`notes` first: why the item was asked,
 * then the LLM's own reasoning when it gave one).
 */
export function llmLabelRecord(
  answer: LlmAnswer,
  at: { readonly model: string; readonly costUsd: number; readonly round: number },
  notes: readonly string[] = [],
): LabelRecord {
  const rationales = [...notes, ...(answer.rationale ? [answer.rationale] : [])];
  return {
    id: answer.id,
    label: answer.label,
    source: "llm",
    confidence: answer.confidence,
    costUsd: at.costUsd,
    round: at.round,
    model: at.model,
    ...(answer.method ? { confidenceMethod: answer.method } : {}),
    ...(rationales.length > 0 ? { rationales } : {}),
  };
}
