import { stringify } from "yaml";
import { LABEL_CSV_COLUMNS } from "./csv.js";
import { toJsonl } from "./jsonl.js";
import type { LabelRow } from "./labelRows.js";
import { isSimulatedModel, type Provenance } from "./provenance.js";

/** What the dataset card says about the run that made the dataset. */
export interface RunSummary {
  readonly thread: string;
  readonly dataset: string;
  readonly strategy: string;
  /** Who labeled, in words ("people", "a simulated LLM standing for gpt-4o-mini"…). */
  readonly annotator: string;
  readonly rounds: number;
  /** Why the run stopped, or null while it has not. */
  readonly stopReason: string | null;
}

export interface HfDatasetInput {
  readonly run: RunSummary;
  /** The label set, in class-index order. */
  readonly classes: readonly string[];
  /** The thread's labels: the train split. */
  readonly train: readonly LabelRow[];
  /** The dataset's held-out test split with its own labels, when it has one. */
  readonly test: ReadonlyArray<{ id: string; text: string; label: string }> | null;
  readonly provenance: Provenance;
  /** An SPDX id or a Hugging Face license id; "unknown" unless given. */
  readonly license?: string;
}

/** A file of the dataset folder, its path relative to the folder. */
export interface DatasetFile {
  readonly path: string;
  readonly content: string;
}

/** The columns of both splits (the label export's columns), every row carrying each (null where a row has no value). */
const COLUMNS = LABEL_CSV_COLUMNS;

/**
 * A folder that Hugging Face `datasets` loads (`load_dataset("<folder>")`, or pushed to the Hub as
 * it is): `data/train.jsonl` with the thread's labels, `data/test.jsonl` with the dataset's test
 * split when there is one, and a README.md dataset card whose YAML front matter names the data
 * files per split (`configs`), the features (the label a `class_label` over the label set) and the
 * license, and whose text records the provenance: how many labels came from people, from the
 * simulated oracle, from which LLM, how many items an LLM wrote, and what the run spent.
 */
export function hfDataset(input: HfDatasetInput): DatasetFile[] {
  const splits: Array<{ name: string; path: string; rows: Array<Record<string, unknown>> }> = [
    { name: "train", path: "data/train.jsonl", rows: input.train.map(trainRow) },
  ];
  if (input.test) splits.push({ name: "test", path: "data/test.jsonl", rows: input.test.map(testRow) });
  const total = splits.reduce((sum, split) => sum + split.rows.length, 0);
  const front = {
    pretty_name: `${input.run.dataset} (activegraph thread ${input.run.thread})`,
    license: input.license ?? "unknown",
    task_categories: ["text-classification"],
    tags: ["activegraph", "active-learning", ...(usesSimulation(input.provenance) ? ["simulated-annotations"] : [])],
    size_categories: [sizeCategory(total)],
    configs: [{ config_name: "default", data_files: splits.map((split) => ({ split: split.name, path: split.path })) }],
    dataset_info: {
      features: [
        { name: "id", dtype: "string" },
        { name: "text", dtype: "string" },
        { name: "label", dtype: { class_label: { names: Object.fromEntries(input.classes.map((name, i) => [String(i), name])) } } },
        { name: "source", dtype: "string" },
        { name: "confidence", dtype: "float64" },
        { name: "costUsd", dtype: "float64" },
        { name: "round", dtype: "int64" },
        { name: "model", dtype: "string" },
        { name: "confidenceMethod", dtype: "string" },
        { name: "suggestion", dtype: "string" },
        { name: "reviewReason", dtype: "string" },
        { name: "comment", dtype: "string" },
        { name: "rationales", sequence: "string" },
      ],
      splits: splits.map((split) => ({ name: split.name, num_examples: split.rows.length })),
    },
  };
  return [
    { path: "README.md", content: `---\n${stringify(front)}---\n\n${cardBody(input)}` },
    ...splits.map((split) => ({ path: split.path, content: toJsonl(split.rows) })),
  ];
}

function trainRow(row: LabelRow): Record<string, unknown> {
  return Object.fromEntries(COLUMNS.map((column) => [column, row[column] ?? null]));
}

function testRow(item: { id: string; text: string; label: string }): Record<string, unknown> {
  return Object.fromEntries(COLUMNS.map((column) => [column, column === "source" ? "dataset" : ((item as Record<string, unknown>)[column] ?? null)]));
}

/** The Hub's size buckets. */
function sizeCategory(n: number): string {
  const buckets: Array<[number, string]> = [
    [1_000, "n<1K"],
    [10_000, "1K<n<10K"],
    [100_000, "10K<n<100K"],
    [1_000_000, "100K<n<1M"],
    [10_000_000, "1M<n<10M"],
  ];
  return buckets.find(([limit]) => n < limit)?.[1] ?? "10M<n<100M";
}

function usesSimulation(p: Provenance): boolean {
  return p.oracle.labels > 0 || [...p.llm, ...p.generated].some((origin) => isSimulatedModel(origin.model)) || Object.keys(p.ledger.llm).some(isSimulatedModel);
}

const usd = (value: number): string => `$${value.toFixed(value > 0 && value < 1 ? 4 : 2)}`;
const modelName = (model: string): string =>
  isSimulatedModel(model) ? `${model.slice("simulated:".length)} (simulated offline: not a real LLM's labels)` : model;

function cardBody(input: HfDatasetInput): string {
  const { run, provenance: p } = input;
  const origins: string[] = [
    ...(p.human.labels > 0 ? [`| people | ${p.human.labels} | ${usd(p.human.usd)} |`] : []),
    ...(p.oracle.labels > 0 ? [`| gold oracle: a simulated person answering from the dataset's own labels | ${p.oracle.labels} | ${usd(p.oracle.usd)} |`] : []),
    ...p.llm.map((origin) => `| LLM ${modelName(origin.model)} | ${origin.labels} | ${usd(origin.usd)} |`),
    ...p.generated.map(
      (origin) => `| written by LLM ${modelName(origin.model)} for its label (kept after rejection sampling) | ${origin.labels} | ${usd(origin.usd)} |`,
    ),
    ...p.student.map(
      (origin) => `| student model ${origin.model}, trained on the LLM labels of the ledger below (distillation) | ${origin.labels} | ${usd(origin.usd)} |`,
    ),
  ];
  const models = Object.entries(p.ledger.llm).sort(([a], [b]) => a.localeCompare(b));
  const lines = [
    `# ${run.dataset}, labeled by activegraph`,
    "",
    `A text-classification dataset (${input.classes.length} classes: ${input.classes.map((name) => `\`${name}\``).join(", ")}) labeled by an active-learning run of activegraph (LLM-based active learning on LangGraph.js), thread \`${run.thread}\`: the items were chosen by the \`${run.strategy}\` query strategy over ${run.rounds} round${run.rounds === 1 ? "" : "s"} and labeled by ${run.annotator}.${run.stopReason ? ` The run stopped: ${run.stopReason}.` : " The run had not finished when this was exported."}`,
    "",
    "## Provenance",
    "",
    `The train split holds the run's ${p.labels} label${p.labels === 1 ? "" : "s"}:`,
    "",
    "| labeled by | labels | cost recorded with the labels |",
    "| --- | ---: | ---: |",
    ...origins,
    "",
    `The run's ledger: ${usd(p.ledger.totalUsd)} in all: ${usd(p.ledger.human.usd)} in fees for ${p.ledger.human.labels} label${p.ledger.human.labels === 1 ? "" : "s"} by ${p.oracle.labels > 0 ? "the oracle or people" : "people"}${models.length > 0 ? ", and LLM calls of every role (annotation, review, selection, generation):" : "."}`,
    ...(models.length > 0
      ? [
          "",
          "| model | calls | cached calls | input tokens | output tokens | USD |",
          "| --- | ---: | ---: | ---: | ---: | ---: |",
          ...models.map(
            ([model, spend]) =>
              `| ${modelName(model)} | ${spend.calls} | ${spend.cachedCalls} | ${spend.inputTokens} | ${spend.outputTokens} | ${usd(spend.usd)} |`,
          ),
        ]
      : []),
    "",
    ...(usesSimulation(p)
      ? [
          "Some labels here are simulated: the gold oracle reads the dataset's own labels, and a `simulated:` model is activegraph's offline stand-in for an LLM (a classifier trained on held-out gold labels). Such a dataset measures a method; it is not new annotation.",
          "",
        ]
      : []),
    "## Splits",
    "",
    `- \`train\` (\`data/train.jsonl\`, ${input.train.length} rows): the labels above, in the order the run gave them.`,
    ...(input.test
      ? [
          `- \`test\` (\`data/test.jsonl\`, ${input.test.length} rows): the dataset's held-out test split with the labels its file gives (\`source: dataset\`); this run labeled none of it.`,
        ]
      : []),
    "",
    "## Fields",
    "",
    "| field | meaning |",
    "| --- | --- |",
    "| `id` | the item's id in the dataset, or the id activegraph gave a generated item |",
    "| `text` | the text |",
    '| `label` | the label (a class index; `features["label"].names` has the names) |',
    "| `source` | `human`, `oracle` (simulated person), `llm`, `generated`, `student` (a model distilled from LLM labels), or `dataset` (test split) |",
    "| `confidence` | the annotator's confidence in [0, 1], where it has one |",
    "| `costUsd` | what this label cost: a person's fee, or its share of the LLM call |",
    "| `round` | the active-learning round that asked for it (0: the initial batch) |",
    "| `model` | the LLM that gave or wrote the label |",
    "| `confidenceMethod` | how the LLM's confidence was measured (logprobs, verbalized, self-consistency, committee) |",
    "| `suggestion` | the LLM's label a person was shown when reviewing |",
    "| `reviewReason` | why a person was asked (review, spot-check, disagreement, llm-failed) |",
    "| `comment` | the person's comment |",
    "| `rationales` | the LLMs' chain-of-thought rationales |",
    "",
    "```python",
    "from datasets import load_dataset",
    'ds = load_dataset("path/to/this/folder")',
    "```",
    "",
  ];
  return lines.join("\n");
}
