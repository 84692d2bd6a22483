import { ActiveGraphError } from "../errors.js";
import type { LabelRecord } from "../labels/labelRecord.js";
import { latestLabels } from "../labels/latestLabels.js";
import type { GeneratedItem } from "../llm/generatedItem.js";

/** A label record with the text it labels: one row of every export. */
export type LabelRow = LabelRecord & { readonly text: string };

/**
 * The label of each item of a thread with its text, in the order items were first labeled: its
 * latest label, so an item relabeled (by a bias audit, by FreeAL) is one row. Pool items' texts come from the dataset
 * (`poolText`, looked up by id: the checkpoint holds no pool text); generated items' texts come
 * from the thread's own state, the only place they exist. A label whose text is found in neither
 * is refused: the dataset was changed or moved since the run.
 */
export function labelRows(labels: readonly LabelRecord[], generated: readonly GeneratedItem[], poolText: (id: string) => string | undefined): LabelRow[] {
  const generatedText = new Map(generated.map((item) => [item.id, item.text]));
  return latestLabels(labels).map((record) => {
    const text = poolText(record.id) ?? generatedText.get(record.id);
    if (text === undefined) {
      throw new ActiveGraphError(
        `label "${record.id}" (round ${record.round}) has no text: the id is neither in the dataset nor among the generated items (was the dataset changed since the run?)`,
      );
    }
    return { ...record, text };
  });
}
