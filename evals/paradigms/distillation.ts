/**
 * Active knowledge distillation and FreeAL, measured: `npm run bench:distill`.
 *
 * For each dataset, teacher, teacher budget (items put to the teacher, relabels included) and seed,
 * three ways to spend the same budget, each ending with the student (the loop's target model) scored
 * on the test split:
 *   random  the teacher labels random pool items (plain teacher labeling)
 *   margin  active distillation: the student picks what the teacher labels by its margin
 *   freeal  FreeAL: the teacher labels a random share, then two rounds in which the student keeps
 *           half of each class (smallest out-of-fold loss) and the rest goes back to the teacher
 *           with k-NN demonstrations from the kept half
 * It prints a markdown table per dataset and teacher (student accuracy, the teacher's label
 * accuracy against gold, calls, USD, tokens, teacher seconds, wall seconds) and appends each
 * finished cell to results/distill/cells.jsonl, so a rerun skips what is done.
 *
 *   --datasets trec6,sst2-sentences  --teachers simulated:gpt-4o-mini,simulated:gpt-4o-mini@0.5,llama:smollm2-135m-instruct
 *   --budgets 400  --seeds 3  --methods random,margin,freeal  --threads 1  --data-dir ../shared/datasets  --out results/distill
 */
import { appendFileSync, existsSync, mkdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { MemorySaver } from "@langchain/langgraph";
import { Command } from "commander";
import { runDistillation } from "../../graphs/activeDistillation/runDistillation.js";
import { parseDistillConfig } from "../../runtime/config/distillConfig.js";
import { createServices } from "../../runtime/services.js";
import type { LabelRecord } from "../../tools/labels/labelRecord.js";
import { latestLabels } from "../../tools/labels/latestLabels.js";
import { loadDataset } from "../../tools/pool/loadDataset.js";
import { benchDatasetSpec } from "../datasets.js";
import { benchTeacher, TASKS } from "./distillTeachers.js";

const opts = new Command()
  .option("--datasets <list>", "benchmark datasets", "trec6")
  .option("--teachers <list>", "simulated:<model>[@<demonstration weight>] or llama:<installed model>", "simulated:gpt-4o-mini,simulated:gpt-4o-mini@0.5")
  .option("--budgets <list>", "teacher budgets in items asked", "400")
  .option("--seeds <n>", "seeds per cell", Number, 3)
  .option("--methods <list>", "random, margin, freeal", "random,margin,freeal")
  .option("--threads <n>", "llama.cpp threads", Number, 1)
  .option("--data-dir <dir>", "folder of datasets", "../shared/datasets")
  .option("--out <dir>", "results folder", "results/distill")
  .parse()
  .opts<{ datasets: string; teachers: string; budgets: string; seeds: number; methods: string; threads: number; dataDir: string; out: string }>();

const list = (value: string) =>
  value
    .split(",")
    .map((entry) => entry.trim())
    .filter(Boolean);
const METHODS = {
  random: { method: "active", active: { strategy: "random" } },
  margin: { method: "active", active: { strategy: "margin" } },
  freeal: { method: "freeal", freeal: { rounds: 2, cleanShare: 0.5, lossFolds: 5 } },
} as const;
type MethodName = keyof typeof METHODS;

interface Cell {
  key: string;
  dataset: string;
  teacher: string;
  teacherLabel: string;
  simulated: boolean;
  budget: number;
  method: MethodName;
  seed: number;
  accuracy: number;
  macroF1: number;
  /** The teacher's labels (each item's latest) against gold. */
  labelAccuracy: number;
  labeled: number;
  teacherLabels: number;
  calls: number;
  /** Teacher calls answered from the response cache (a real teacher's cache is shared by the cells): no tokens, no seconds. */
  cachedCalls?: number;
  /** Items the teacher could not label (a reply that did not parse, a call that failed), and the first reason. */
  failed?: number;
  firstFailure?: string;
  usd: number;
  inputTokens: number;
  outputTokens: number;
  teacherSeconds: number;
  wallSeconds: number;
  curve: Array<{ round: number; teacherLabels: number; accuracy: number | null; labelAccuracy: number; changed?: number }>;
  /** FreeAL, its last round: how often the labels the student kept as clean were right, and the ones it sent back (before relabeling). */
  smallLoss?: { clean: number; noisy: number };
}

mkdirSync(opts.out, { recursive: true });
const cellsFile = join(opts.out, "cells.jsonl");
const done = new Map<string, Cell>();
if (existsSync(cellsFile))
  for (const line of readFileSync(cellsFile, "utf8").split("\n").filter(Boolean)) {
    const cell = JSON.parse(line) as Cell;
    done.set(cell.key, cell);
  }

const services = createServices();
const teachers = list(opts.teachers).map((spec) => benchTeacher(spec, opts.threads));
const methods = list(opts.methods).map((name) => {
  if (!(name in METHODS)) throw new Error(`unknown method "${name}" (${Object.keys(METHODS).join(", ")})`);
  return name as MethodName;
});
for (const datasetName of list(opts.datasets)) {
  const dataset = benchDatasetSpec(datasetName, opts.dataDir);
  const gold = new Map((await loadDataset(dataset)).train.map((item) => [item.id, item.label]));
  const labelAccuracy = (records: ReadonlyArray<{ id: string; label: string }>) =>
    records.length === 0 ? 0 : records.filter((record) => gold.get(record.id) === record.label).length / records.length;
  for (const teacher of teachers)
    for (const budget of list(opts.budgets).map(Number))
      for (const method of methods)
        for (let seed = 0; seed < opts.seeds; seed++) {
          const key = JSON.stringify([datasetName, teacher.spec, budget, method, seed]);
          if (done.has(key)) continue;
          const config = parseDistillConfig({
            dataset,
            seed,
            task: TASKS[datasetName] ?? {},
            teacher: { llm: teacher.llm, itemsPerCall: 10, demonstrations: 4 },
            budget: { maxTeacherLabels: budget },
            // The same pool for every teacher: the simulator's reservoir is held out for real models too.
            simulation: { holdOut: "always" },
            llmCache: teacher.simulated ? "off" : join(opts.out, "llm-cache.sqlite"),
            ...METHODS[method],
          });
          const started = performance.now();
          process.stderr.write(`${datasetName} ${teacher.spec} budget ${budget} ${method} seed ${seed}: `);
          const { state } = await runDistillation({
            threadId: key,
            checkpointer: new MemorySaver(),
            config,
            services,
            onWave: (asked) => process.stderr.write(`${asked} `),
          });
          const last = state.history.at(-1)!;
          const cell: Cell = {
            key,
            dataset: datasetName,
            teacher: teacher.spec,
            teacherLabel: teacher.label,
            simulated: teacher.simulated,
            budget,
            method,
            seed,
            accuracy: last.accuracy ?? 0,
            macroF1: last.macroF1 ?? 0,
            labelAccuracy: labelAccuracy(latestLabels(state.labels)),
            labeled: last.labeled,
            teacherLabels: last.teacherLabels,
            calls: last.teacherCalls,
            cachedCalls: Object.values(state.ledger.llm).reduce((sum, spend) => sum + spend.cachedCalls, 0),
            failed: state.failed.length,
            ...(state.failed.length > 0 ? { firstFailure: state.failed[0].reason } : {}),
            usd: last.usd,
            inputTokens: last.inputTokens,
            outputTokens: last.outputTokens,
            teacherSeconds: last.teacherSeconds,
            wallSeconds: (performance.now() - started) / 1000,
            curve: state.history.map((point) => ({
              round: point.round,
              teacherLabels: point.teacherLabels,
              accuracy: point.accuracy,
              labelAccuracy: labelAccuracy(latestLabels(state.labels.filter((record) => record.round <= point.round))),
              ...(point.changed !== undefined ? { changed: point.changed } : {}),
            })),
            ...(method === "freeal" && state.round > 0 ? { smallLoss: smallLossSplit(state.labels, state.clean, state.round, labelAccuracy) } : {}),
          };
          process.stderr.write(
            `→ student ${(cell.accuracy * 100).toFixed(1)}%, labels ${(cell.labelAccuracy * 100).toFixed(1)}% right${cell.failed ? `, ${cell.failed} failed (${cell.firstFailure})` : ""}\n`,
          );
          appendFileSync(cellsFile, `${JSON.stringify(cell)}\n`);
          done.set(key, cell);
        }
}
services.close();

// The tables: one per dataset and teacher, a row per budget and method, mean ± sd over seeds.
const mean = (values: number[]) => values.reduce((a, b) => a + b, 0) / values.length;
const sd = (values: number[]) => (values.length < 2 ? 0 : Math.sqrt(values.reduce((sum, v) => sum + (v - mean(values)) ** 2, 0) / (values.length - 1)));
const pct = (values: number[]) => `${(mean(values) * 100).toFixed(1)}${values.length > 1 ? ` ± ${(sd(values) * 100).toFixed(1)}` : ""}`;
const cells = [...done.values()].filter(
  (cell) =>
    list(opts.datasets).includes(cell.dataset) &&
    list(opts.teachers).includes(cell.teacher) &&
    list(opts.budgets).map(Number).includes(cell.budget) &&
    methods.includes(cell.method) &&
    cell.seed < opts.seeds,
);
for (const datasetName of list(opts.datasets))
  for (const teacher of teachers) {
    const rows = cells.filter((cell) => cell.dataset === datasetName && cell.teacher === teacher.spec);
    if (rows.length === 0) continue;
    console.log(`\n#### ${datasetName}, teacher ${teacher.label}, ${opts.seeds} seed${opts.seeds > 1 ? "s" : ""}\n`);
    console.log(
      "| budget | method | student accuracy % | teacher labels right % | items labeled | items failed | teacher calls (+ cached) | USD | tokens in / out | teacher s | wall s |",
    );
    console.log("| ---: | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |");
    for (const budget of list(opts.budgets).map(Number))
      for (const method of methods) {
        const group = rows.filter((cell) => cell.budget === budget && cell.method === method);
        if (group.length === 0) continue;
        const avg = (pick: (cell: Cell) => number) => mean(group.map(pick));
        console.log(
          `| ${budget} | ${method} | ${pct(group.map((c) => c.accuracy))} | ${pct(group.map((c) => c.labelAccuracy))} | ${avg((c) => c.labeled).toFixed(0)} | ${avg((c) => c.failed ?? 0).toFixed(0)} | ${avg((c) => c.calls).toFixed(0)}${cached(group)} | $${avg((c) => c.usd).toFixed(4)} | ${avg((c) => c.inputTokens).toFixed(0)} / ${avg((c) => c.outputTokens).toFixed(0)} | ${avg((c) => c.teacherSeconds).toFixed(1)} | ${avg((c) => c.wallSeconds).toFixed(1)} |`,
        );
      }
    freealRounds(rows);
  }
console.log(`\ncells: ${cellsFile}`);

/** The cached calls of a row, when there were any (old cells did not record them). */
function cached(group: Cell[]): string {
  const total = group.reduce((sum, cell) => sum + (cell.cachedCalls ?? 0), 0);
  return total > 0 ? ` (+${(total / group.length).toFixed(0)})` : "";
}

/** The labels before FreeAL's last relabeling, split as the student split them: how often each side was right. */
function smallLossSplit(
  labels: readonly LabelRecord[],
  cleanIds: readonly string[],
  round: number,
  rightShare: (records: readonly LabelRecord[]) => number,
): { clean: number; noisy: number } {
  const before = latestLabels(labels.filter((record) => record.round < round));
  const clean = new Set(cleanIds);
  return { clean: rightShare(before.filter((record) => clean.has(record.id))), noisy: rightShare(before.filter((record) => !clean.has(record.id))) };
}

/** FreeAL round by round: the teacher's labels against gold, the student, and the labels relabeling changed. */
function freealRounds(rows: Cell[]): void {
  const freeal = rows.filter((cell) => cell.method === "freeal");
  if (freeal.length === 0) return;
  console.log("\nFreeAL by round (mean over seeds): teacher labels right % / student accuracy % / labels the relabeling changed\n");
  console.log("| budget | round 0 (first labels) | round 1 | round 2 | last round: kept as clean / sent back, % right before relabeling |");
  console.log("| ---: | --- | --- | --- | --- |");
  for (const budget of [...new Set(freeal.map((cell) => cell.budget))]) {
    const group = freeal.filter((cell) => cell.budget === budget);
    const rounds = Math.max(...group.map((cell) => cell.curve.length));
    const columns = Array.from({ length: rounds }, (_, r) => {
      const points = group.map((cell) => cell.curve[r]).filter((point) => point !== undefined);
      const share = (values: number[]) => (mean(values) * 100).toFixed(1);
      const changed = r === 0 ? "" : ` / ${mean(points.map((point) => point.changed ?? 0)).toFixed(1)}`;
      return `${share(points.map((point) => point.labelAccuracy))} / ${share(points.map((point) => point.accuracy ?? 0))}${changed}`;
    });
    const split = group.flatMap((cell) => (cell.smallLoss ? [cell.smallLoss] : []));
    const last = split.length === 0 ? "–" : `${(mean(split.map((s) => s.clean)) * 100).toFixed(1)} / ${(mean(split.map((s) => s.noisy)) * 100).toFixed(1)}`;
    console.log(`| ${budget} | ${columns.join(" | ")} | ${last} |`);
  }
}
