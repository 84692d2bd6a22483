import type { Ledger } from "../cost/ledger.js";
import type { LabelRecord } from "../labels/labelRecord.js";

/** Labels of one origin, and what they cost as recorded with each label. */
export interface LabelOrigin {
  readonly labels: number;
  readonly usd: number;
}

/** Where a thread's labels came from, and what the run spent (from its ledger). */
export interface Provenance {
  readonly labels: number;
  /** Labels people gave (at the terminal, on a page, over the API). */
  readonly human: LabelOrigin;
  /** Labels of the gold oracle: a simulated person answering from the dataset's own labels. */
  readonly oracle: LabelOrigin;
  /** Labels an LLM gave to pool items, per model ("simulated:…" for the offline simulator). */
  readonly llm: ReadonlyArray<LabelOrigin & { readonly model: string }>;
  /** Items an LLM wrote for a label and kept after rejection sampling, per model. */
  readonly generated: ReadonlyArray<LabelOrigin & { readonly model: string }>;
  /** Labels a student model predicted after learning from an LLM's labels (distillation), per model. */
  readonly student: ReadonlyArray<LabelOrigin & { readonly model: string }>;
  /** Everything the run paid, label fees and LLM calls of every role (selection, review, generation…). */
  readonly ledger: Ledger;
}

/** Counts a thread's labels by origin and model; the ledger is carried as it is. */
export function provenance(labels: readonly LabelRecord[], ledger: Ledger): Provenance {
  const add = (origin: { labels: number; usd: number }, record: LabelRecord) => {
    origin.labels++;
    origin.usd += record.costUsd;
  };
  const human = { labels: 0, usd: 0 };
  const oracle = { labels: 0, usd: 0 };
  const llm = new Map<string, { model: string; labels: number; usd: number }>();
  const generated = new Map<string, { model: string; labels: number; usd: number }>();
  const student = new Map<string, { model: string; labels: number; usd: number }>();
  for (const record of labels) {
    if (record.source === "human") add(human, record);
    else if (record.source === "oracle") add(oracle, record);
    else {
      const byModel = record.source === "llm" ? llm : record.source === "student" ? student : generated;
      const model = record.model ?? "unknown model";
      let origin = byModel.get(model);
      if (!origin) byModel.set(model, (origin = { model, labels: 0, usd: 0 }));
      add(origin, record);
    }
  }
  const sorted = (map: Map<string, { model: string; labels: number; usd: number }>) =>
    [...map.values()].sort((a, b) => b.labels - a.labels || a.model.localeCompare(b.model));
  return { labels: labels.length, human, oracle, llm: sorted(llm), generated: sorted(generated), student: sorted(student), ledger };
}

/** Whether a model name is activegraph's offline simulator standing for a real model. */
export function isSimulatedModel(model: string): boolean {
  return model.startsWith("simulated:");
}
