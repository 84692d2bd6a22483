/**
 * Bias discovery (CAL in the survey's sense), measured: `npm run bench:cal`.
 *
 * For each dataset, auditor and seed, the loop runs with an LLM annotator (a weak simulated one by
 * default: its mistakes are a text classifier's, systematic rather than uniform) for `--rounds`
 * query rounds, then a bias audit takes the next query step: the auditor sees the most typical
 * labeled items of each density cluster and names patterns; simulated people (gold) relabel what the
 * patterns match. Against it, at equal cost, the same number of labeled items drawn at random and
 * relabeled by the same people. Printed: label accuracy (each item's latest label against gold)
 * before the audit, after it, and after the random relabeling; how many items were flagged and how
 * many of them were wrong; the auditor's calls, USD, tokens and seconds; a markdown table per
 * dataset.
 *
 *   --datasets trec6  --auditors simulated:gpt-4o,llama:smollm2-135m-instruct  --annotator simulated:gpt-4.1-nano
 *   --seeds 3  --rounds 3  --batch 20  --clusters 8  --per-cluster 3  --threads 1  --data-dir ../shared/datasets
 */
import { MemorySaver } from "@langchain/langgraph";
import { Command } from "commander";
import { runThread } from "../../graphs/activeLearning/runThread.js";
import { simulatedHumans } from "../../graphs/activeLearning/simulatedHumans.js";
import { parseRunConfig } from "../../runtime/config/runConfig.js";
import { createServices } from "../../runtime/services.js";
import { latestLabels } from "../../tools/labels/latestLabels.js";
import type { LabelRecord } from "../../tools/labels/labelRecord.js";
import { modelKey } from "../../tools/llm/config.js";
import { rngFor, shuffleInPlace } from "../../tools/random.js";
import { loadDataset } from "../../tools/pool/loadDataset.js";
import { localModelsMissing } from "../../tools/localModels/manifest.js";
import { benchDatasetSpec } from "../datasets.js";
import { benchTeacher, TASKS } from "./distillTeachers.js";
import { markdownTable, mean, writeParadigmResults } from "./markdown.js";

const opts = new Command()
  .option("--datasets <list>", "benchmark datasets", "trec6")
  .option(
    "--auditors <list>",
    "simulated:<model> or llama:<installed model>",
    "simulated:gpt-4o" + (localModelsMissing() ? "" : ",llama:smollm2-135m-instruct"),
  )
  .option("--annotator <spec>", "the LLM whose labels are audited", "simulated:gpt-4.1-nano")
  .option("--seeds <n>", "seeds per cell", Number, 3)
  .option("--rounds <n>", "query rounds before the audit", Number, 3)
  .option("--batch <n>", "items per round (and in the initial batch)", Number, 20)
  .option("--clusters <n>", "density clusters", Number, 8)
  .option("--per-cluster <n>", "typical labeled items shown per cluster", Number, 3)
  .option("--threads <n>", "llama.cpp threads", Number, 1)
  .option("--data-dir <dir>", "folder of datasets", "../shared/datasets")
  .parse()
  .opts<{
    datasets: string;
    auditors: string;
    annotator: string;
    seeds: number;
    rounds: number;
    batch: number;
    clusters: number;
    perCluster: number;
    threads: number;
    dataDir: string;
  }>();

const list = (value: string) =>
  value
    .split(",")
    .map((entry) => entry.trim())
    .filter(Boolean);

interface Cell {
  dataset: string;
  auditor: string;
  seed: number;
  labeled: number;
  before: number;
  after: number;
  random: number;
  flagged: number;
  flaggedWrong: number;
  patterns: string[];
  failure?: string;
  calls: number;
  usd: number;
  inputTokens: number;
  outputTokens: number;
  auditSeconds: number;
  wallSeconds: number;
}

const services = createServices();
const annotator = benchTeacher(opts.annotator, opts.threads);
const cells: Cell[] = [];
for (const datasetName of list(opts.datasets)) {
  const dataset = benchDatasetSpec(datasetName, opts.dataDir);
  const gold = new Map((await loadDataset(dataset)).train.map((item) => [item.id, item.label]));
  const accuracy = (records: readonly LabelRecord[]) => mean(latestLabels(records).map((r) => (gold.get(r.id) === r.label ? 1 : 0)));
  for (const auditorSpec of list(opts.auditors)) {
    const auditor = benchTeacher(auditorSpec, opts.threads);
    for (let seed = 0; seed < opts.seeds; seed++) {
      const config = parseRunConfig({
        dataset,
        seed,
        strategy: "random",
        initial: { size: opts.batch },
        batchSize: opts.batch,
        task: TASKS[datasetName] ?? {},
        annotator: { kind: "llm", llm: annotator.llm, itemsPerCall: 10, demonstrations: 4 },
        biasAudit: {
          every: opts.rounds,
          clusters: opts.clusters,
          perCluster: opts.perCluster,
          relabelBy: "human",
          humanFeeUsd: 0,
          itemsPerTask: 100,
          llm: auditor.llm,
        },
        stopping: { maxRounds: opts.rounds + 1 },
        simulation: { holdOut: "always" },
        llmCache: "off",
      });
      const started = performance.now();
      process.stderr.write(`${datasetName} auditor ${auditorSpec} seed ${seed}: `);
      const { state } = await runThread({
        threadId: `cal-${seed}`,
        checkpointer: new MemorySaver(),
        config,
        services,
        responder: simulatedHumans(config, { services }),
      });
      const audit = state.audits[0];
      if (!audit) throw new Error("the run ended before its audit");
      const before = state.labels.filter((r) => r.round < audit.round);
      const current = latestLabels(before);
      const wrong = new Set(current.filter((r) => gold.get(r.id) !== r.label).map((r) => r.id));
      // The same number of labeled items, drawn at random, relabeled by the same (gold) people.
      const rng = rngFor(seed, "bench-cal-random");
      const drawn = new Set(shuffleInPlace([...current.map((r) => r.id)], rng).slice(0, audit.flagged.length));
      const randomAfter = current.map((r) => (drawn.has(r.id) ? { ...r, label: gold.get(r.id)! } : r));
      const auditSpend = state.ledger.llm[modelKey(config.biasAudit!.llm)];
      const cell: Cell = {
        dataset: datasetName,
        auditor: auditor.label,
        seed,
        labeled: current.length,
        before: accuracy(before),
        after: accuracy(state.labels.filter((r) => r.round <= audit.round)),
        random: accuracy(randomAfter),
        flagged: audit.flagged.length,
        flaggedWrong: audit.flagged.filter((f) => wrong.has(f.id)).length,
        patterns: audit.patterns.map((p) => `${p.cluster ?? "any"}/${p.label}${p.keyword ? `/"${p.keyword}"` : ""}: ${p.description}`),
        ...(audit.failure ? { failure: audit.failure } : {}),
        calls: auditSpend?.calls ?? 0,
        usd: auditSpend?.usd ?? 0,
        inputTokens: auditSpend?.inputTokens ?? 0,
        outputTokens: auditSpend?.outputTokens ?? 0,
        auditSeconds: (state.history.find((m) => m.round === audit.round)?.stageMs?.biasAudit ?? 0) / 1000,
        wallSeconds: (performance.now() - started) / 1000,
      };
      cells.push(cell);
      process.stderr.write(
        `${cell.flagged} flagged (${cell.flaggedWrong} wrong), labels ${pct(cell.before)} → ${pct(cell.after)} (random ${pct(cell.random)})${cell.failure ? `; ${cell.failure}` : ""}\n`,
      );
    }
  }
}
services.close();

function pct(value: number): string {
  return `${(value * 100).toFixed(1)}%`;
}

const path = writeParadigmResults("bias-audit", { opts, cells });
for (const datasetName of list(opts.datasets)) {
  const rows = list(opts.auditors).map((spec) => {
    const label = benchTeacher(spec, opts.threads).label;
    const group = cells.filter((cell) => cell.dataset === datasetName && cell.auditor === label);
    const sum = (pick: (cell: Cell) => number) => group.reduce((total, cell) => total + pick(cell), 0);
    const flagged = sum((cell) => cell.flagged);
    return [
      label,
      group.length,
      mean(group.map((cell) => cell.labeled)).toFixed(0),
      (mean(group.map((cell) => cell.before)) * 100).toFixed(1),
      (mean(group.map((cell) => cell.after)) * 100).toFixed(1),
      (mean(group.map((cell) => cell.random)) * 100).toFixed(1),
      `${(flagged / group.length).toFixed(1)}`,
      flagged > 0 ? `${((sum((cell) => cell.flaggedWrong) / flagged) * 100).toFixed(0)}%` : "–",
      `${((1 - mean(group.map((cell) => cell.before))) * 100).toFixed(0)}%`,
      group.filter((cell) => cell.failure).length,
      (sum((cell) => cell.usd) / group.length).toFixed(5),
      `${(sum((cell) => cell.inputTokens) / group.length).toFixed(0)} / ${(sum((cell) => cell.outputTokens) / group.length).toFixed(0)}`,
      mean(group.map((cell) => cell.auditSeconds)).toFixed(1),
      mean(group.map((cell) => cell.wallSeconds)).toFixed(1),
    ];
  });
  console.log(
    `\n#### ${datasetName}: labels by ${annotator.label}, audited after ${opts.rounds} rounds of ${opts.batch}, relabeled by simulated people (gold)\n`,
  );
  console.log(
    markdownTable(
      [
        "auditor",
        "seeds",
        "labeled items",
        "labels right before %",
        "after the audit %",
        "after random relabels, same count %",
        "flagged per audit",
        "flagged that were wrong",
        "wrong among all labels",
        "audits refused",
        "audit USD",
        "audit tokens in / out",
        "audit s",
        "wall s",
      ],
      rows,
    ),
  );
}
for (const cell of cells)
  if (cell.patterns.length > 0 || cell.failure)
    console.log(`- ${cell.dataset}, ${cell.auditor}, seed ${cell.seed}: ${cell.failure ?? cell.patterns.join("; ")}`);
console.log(`\n(written to ${path})`);
