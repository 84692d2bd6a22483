import type { LabelRecord } from "../../tools/labels/labelRecord.js";
import { selectRowsFrom, type CsrMatrix } from "../../tools/linalg/csr.js";
import type { GeneratedItem } from "../../tools/llm/generatedItem.js";
import type { Workspace } from "./workspace.js";

/**
 * Where each labeled item's row comes from, in label order: `[0, pool index]` for a pool item,
 * `[1, i]` for the i-th of `outside`, the texts of generated items (which live only in the state).
 */
export interface LabeledSources {
  readonly picks: ReadonlyArray<readonly [0 | 1, number]>;
  readonly outside: readonly string[];
  /** Every labeled item's text, in label order. */
  readonly texts: readonly string[];
}

export function labeledSources(workspace: Workspace, labels: readonly LabelRecord[], generated: readonly GeneratedItem[]): LabeledSources {
  const { pool } = workspace;
  const textOf = new Map(generated.map((item) => [item.id, item.text]));
  const outside: string[] = [];
  const texts: string[] = [];
  const picks = labels.map((record): [0 | 1, number] => {
    if (pool.has(record.id)) {
      const index = pool.indexOf(record.id);
      texts.push(pool.texts[index]);
      return [0, index];
    }
    const text = textOf.get(record.id);
    if (text === undefined) throw new Error(`label for "${record.id}", which is neither in the pool nor generated`);
    texts.push(text);
    return [1, outside.push(text) - 1];
  });
  return { picks, outside, texts };
}

/** TF-IDF rows of the labeled items, in label order: what k-NN demonstrations and duplicate checks compare. */
export function tfidfRowsOf(workspace: Workspace, labels: readonly LabelRecord[], generated: readonly GeneratedItem[]): CsrMatrix {
  const { picks, outside } = labeledSources(workspace, labels, generated);
  return selectRowsFrom([workspace.poolFeatures, workspace.vectorizer.transform(outside)], picks);
}
