import type { LabelRecord } from "../../tools/labels/labelRecord.js";
import type { CsrMatrix } from "../../tools/linalg/csr.js";
import type { GeneratedItem } from "../../tools/llm/generatedItem.js";
import type { Workspace } from "./workspace.js";

/** Labeled items with their texts, and their feature rows in the same order. */
export interface LabeledTexts {
  readonly items: ReadonlyArray<{ readonly id: string; readonly text: string; readonly label: string }>;
  readonly rows: CsrMatrix;
}

/** The labeled items with their texts and feature rows (pool items and generated ones alike). */
export function labeledTexts(workspace: Workspace, labels: readonly LabelRecord[], generated: readonly GeneratedItem[]): LabeledTexts {
  const textOf = new Map(generated.map((item) => [item.id, item.text]));
  const items = labels.map((record) => ({
    id: record.id,
    label: record.label,
    text: workspace.pool.has(record.id) ? workspace.textOf(record.id) : (textOf.get(record.id) ?? ""),
  }));
  return { items, rows: workspace.models.trainingRows(labels, generated) };
}
