import type { CsrMatrix } from "../../tools/linalg/csr.js";
import type { RunResources } from "./workspace.js";
import { trainingRows } from "./workspace.js";
import type { State } from "../../graphs/activeLearning/state.js";

/** The labelled items with their texts and feature rows (pool items and generated ones alike). */
export function labelledTexts(state: State, run: RunResources): { items: Array<{ id: string; text: string; label: string }>; rows: CsrMatrix } {
  const textOf = new Map(state.generated.map((item) => [item.id, item.text]));
  const items = state.labels.map((record) => ({
    id: record.id,
    label: record.label,
    text: run.pool.has(record.id) ? run.pool.texts[run.pool.indexOf(record.id)] : (textOf.get(record.id) ?? ""),
  }));
  return { items, rows: trainingRows(run, state.labels, state.generated) };
}
