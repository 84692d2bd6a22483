/**
 * Beyond-Labels, measured: `npm run bench:beyond`.
 *
 * For each dataset, annotator and seed: `--demos` pool items labeled by simulated people (gold
 * labels) who also say why, and `--items` other pool items the LLM annotator labels, one a call,
 * each with its `--k` nearest labeled examples as demonstrations (the loop's k-NN demonstrations,
 * class-balanced), twice: the demonstrations with their labels only, and with the people's reasons
 * (`annotator.explanations`). The people's reasons are simulated: the words the simulator's strong
 * teacher (trained on held-out gold labels) finds most in favour of the gold label, as "The words
 * "a", "b" point to LABEL." Printed: the annotator's accuracy against gold with and without them,
 * its tokens and seconds, a markdown table per dataset.
 *
 *   --datasets trec6  --annotators simulated:gpt-4o-mini@0.5,llama:smollm2-135m-instruct
 *   --seeds 2  --demos 100  --items 30  --k 4  --threads 1  --data-dir ../shared/datasets
 */
import { Command } from "commander";
import { parseRunConfig, taskInstructions } from "../../runtime/config/runConfig.js";
import { createServices } from "../../runtime/services.js";
import { demonstrationsFor } from "../../runtime/workspace/demonstrations.js";
import { labeledTexts } from "../../runtime/workspace/labeledTexts.js";
import { addSpend, emptySpend } from "../../tools/cost/spend.js";
import type { LabelRecord } from "../../tools/labels/labelRecord.js";
import { annotateWithLlm, type AnnotatorSettings } from "../../tools/llm/annotator.js";
import { BudgetGuard } from "../../tools/llm/budgetGuard.js";
import { LlmSchema } from "../../tools/llm/config.js";
import { rngFor, shuffleInPlace } from "../../tools/random.js";
import { localModelsMissing } from "../../tools/localModels/manifest.js";
import { benchDatasetSpec } from "../datasets.js";
import { benchTeacher, TASKS } from "./distillTeachers.js";
import { markdownTable, mean, writeParadigmResults } from "./markdown.js";

const opts = new Command()
  .option("--datasets <list>", "benchmark datasets", "trec6")
  .option(
    "--annotators <list>",
    "simulated:<model>[@<demonstration weight>] or llama:<installed model>",
    "simulated:gpt-4o-mini@0.5" + (localModelsMissing() ? "" : ",llama:smollm2-135m-instruct"),
  )
  .option("--seeds <n>", "seeds per cell", Number, 2)
  .option("--demos <n>", "labeled items with reasons the demonstrations come from", Number, 100)
  .option("--items <n>", "items the LLM labels per seed and arm", Number, 30)
  .option("--k <n>", "demonstrations per item", Number, 4)
  .option("--threads <n>", "llama.cpp threads", Number, 1)
  .option("--data-dir <dir>", "folder of datasets", "../shared/datasets")
  .parse()
  .opts<{ datasets: string; annotators: string; seeds: number; demos: number; items: number; k: number; threads: number; dataDir: string }>();

const list = (value: string) =>
  value
    .split(",")
    .map((entry) => entry.trim())
    .filter(Boolean);

interface Arm {
  accuracy: number;
  failed: number;
  inputTokens: number;
  outputTokens: number;
  seconds: number;
  wallSeconds: number;
}
interface Cell {
  dataset: string;
  annotator: string;
  seed: number;
  without: Arm;
  with: Arm;
  /** Items whose answer the reasons changed. */
  changed: number;
  example: string;
}

const services = createServices();
const cells: Cell[] = [];
for (const datasetName of list(opts.datasets)) {
  const dataset = benchDatasetSpec(datasetName, opts.dataDir);
  for (const spec of list(opts.annotators)) {
    const annotator = benchTeacher(spec, opts.threads);
    for (let seed = 0; seed < opts.seeds; seed++) {
      const config = parseRunConfig({
        dataset,
        seed,
        task: TASKS[datasetName] ?? {},
        annotator: { kind: "llm", llm: annotator.llm },
        stopping: { maxLabels: opts.demos },
        simulation: { holdOut: "always" },
        llmCache: "off",
      });
      const workspace = await services.workspace(config);
      const gold = new Map(
        workspace
          .oracle(0, seed)
          .annotate([...workspace.pool.ids])
          .map(({ id, label }) => [id, label]),
      );
      const ids = shuffleInPlace([...workspace.pool.ids], rngFor(seed, "bench-beyond"));
      const explainer = workspace.teacher("gpt-4o", 1);
      const records: LabelRecord[] = ids.slice(0, opts.demos).map((id) => {
        const label = gold.get(id)!;
        const terms = explainer.keyTerms?.(workspace.textOf(id), label, 2) ?? [];
        const comment = terms.length > 0 ? `The words ${terms.map((term) => `"${term}"`).join(", ")} point to ${label}.` : undefined;
        return { id, label, source: "human", confidence: null, costUsd: 0, round: 0, ...(comment ? { comment } : {}) };
      });
      const items = ids.slice(opts.demos, opts.demos + opts.items);
      const calls = items.map((id) => [id]);
      const demos = demonstrationsFor(workspace, labeledTexts(workspace, records, []), calls, opts.k);
      const client = services.llm(config, LlmSchema.parse(annotator.llm), workspace);
      const settings: AnnotatorSettings = {
        instructions: taskInstructions(config),
        labels: workspace.classes,
        labelDescriptions: config.task.labelDescriptions,
        confidence: "auto",
        samples: 5,
      };
      const answers: Array<Map<string, string>> = [];
      const arm = async (explanations: boolean): Promise<Arm> => {
        const started = performance.now();
        const outcomes = await Promise.all(
          calls.map((call, c) =>
            annotateWithLlm(client, [{ id: call[0], text: workspace.textOf(call[0]) }], demos[c], { ...settings, explanations }, BudgetGuard.unlimited()),
          ),
        );
        const spend = emptySpend();
        for (const outcome of outcomes) addSpend(spend, outcome.spend);
        const labels = new Map(outcomes.flatMap((outcome) => outcome.answers.map((answer) => [answer.id, answer.label] as const)));
        answers.push(labels);
        process.stderr.write(`${explanations ? "with" : "without"} reasons ${labels.size}/${items.length} `);
        return {
          accuracy: mean(items.map((id) => (labels.get(id) === gold.get(id) ? 1 : 0))),
          failed: items.length - labels.size,
          inputTokens: spend.inputTokens,
          outputTokens: spend.outputTokens,
          seconds: spend.seconds,
          wallSeconds: (performance.now() - started) / 1000,
        };
      };
      process.stderr.write(`${datasetName} ${spec} seed ${seed}: `);
      const without = await arm(false);
      const withReasons = await arm(true);
      const changed = items.filter((id) => answers[0].get(id) !== answers[1].get(id)).length;
      const example = demos[0].find((demo) => demo.reason)?.reason ?? "";
      cells.push({ dataset: datasetName, annotator: annotator.label, seed, without, with: withReasons, changed, example });
      process.stderr.write(`→ ${(without.accuracy * 100).toFixed(1)}% without, ${(withReasons.accuracy * 100).toFixed(1)}% with, ${changed} answers changed\n`);
    }
  }
}
services.close();

const path = writeParadigmResults("beyond-labels", { opts, cells });
for (const datasetName of list(opts.datasets)) {
  const rows = list(opts.annotators).flatMap((spec) => {
    const label = benchTeacher(spec, opts.threads).label;
    const group = cells.filter((cell) => cell.dataset === datasetName && cell.annotator === label);
    if (group.length === 0) return [];
    const row = (name: string, pick: (cell: Cell) => Arm) => [
      label,
      name,
      group.length * opts.items,
      (mean(group.map((cell) => pick(cell).accuracy)) * 100).toFixed(1),
      group.reduce((sum, cell) => sum + pick(cell).failed, 0),
      `${mean(group.map((cell) => pick(cell).inputTokens / opts.items)).toFixed(0)} / ${mean(group.map((cell) => pick(cell).outputTokens / opts.items)).toFixed(0)}`,
      mean(group.map((cell) => pick(cell).seconds / opts.items)).toFixed(2),
      mean(group.map((cell) => pick(cell).wallSeconds)).toFixed(1),
    ];
    return [
      [...row("labels only", (cell) => cell.without), "–"],
      [...row("labels + reasons", (cell) => cell.with), group.reduce((sum, cell) => sum + cell.changed, 0)],
    ];
  });
  console.log(`\n#### ${datasetName}: ${opts.k} demonstrations an item from ${opts.demos} labeled by simulated people, ${opts.seeds} seed(s)\n`);
  console.log(
    markdownTable(
      [
        "annotator",
        "demonstrations",
        "items labeled",
        "accuracy %",
        "failed",
        "tokens in / out an item",
        "model s an item",
        "wall s a seed",
        "answers changed",
      ],
      rows,
    ),
  );
}
const example = cells.find((cell) => cell.example)?.example;
if (example) console.log(`\nA reason as the prompts show it: ${example}`);
console.log(`\n(written to ${path})`);
