import type { LabelRecord } from "../../tools/labels/labelRecord.js";
import { latestLabels } from "../../tools/labels/latestLabels.js";
import { reasonOf } from "../../tools/labels/labelReason.js";
import type { CsrMatrix } from "../../tools/linalg/csr.js";
import type { GeneratedItem } from "../../tools/llm/generatedItem.js";
import { labeledSources, tfidfRowsOf } from "./labeledRows.js";
import type { Workspace } from "./workspace.js";

/** Labeled items with their texts, and their TF-IDF rows in the same order. */
export interface LabeledTexts {
  /** `reason`: why the item has its label, when whoever gave it said (a person's comment, an LLM's rationale). */
  readonly items: ReadonlyArray<{ readonly id: string; readonly text: string; readonly label: string; readonly reason?: string }>;
  readonly rows: CsrMatrix;
}

/** The labeled items with their texts and TF-IDF rows (pool items and generated ones alike), each with its latest label. */
export function labeledTexts(workspace: Workspace, records: readonly LabelRecord[], generated: readonly GeneratedItem[]): LabeledTexts {
  // A relabeled item (a bias audit's, FreeAL's) counts once, with its latest label.
  const labels = latestLabels(records);
  const { texts } = labeledSources(workspace, labels, generated);
  const items = labels.map((record, i) => {
    const reason = reasonOf(record);
    return { id: record.id, label: record.label, text: texts[i], ...(reason ? { reason } : {}) };
  });
  return { items, rows: tfidfRowsOf(workspace, labels, generated) };
}
