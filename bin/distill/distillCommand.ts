import { existsSync, mkdirSync, readFileSync } from "node:fs";
import { basename, dirname, join, resolve } from "node:path";
import type { Command } from "commander";
import { distillationStatus, runDistillation } from "../../graphs/activeDistillation/runDistillation.js";
import type { DistillRound, DistillState } from "../../graphs/activeDistillation/state.js";
import { type DistillConfig, loopConfigOf, parseDistillConfig } from "../../runtime/config/distillConfig.js";
import { taskInstructions } from "../../runtime/config/runConfig.js";
import { createServices } from "../../runtime/services.js";
import { studentLabels } from "../../runtime/workspace/studentLabels.js";
import type { Workspace } from "../../runtime/workspace/workspace.js";
import { ConfigError } from "../../tools/errors.js";
import { labelsCsv } from "../../tools/export/csv.js";
import { hfDataset } from "../../tools/export/hfDataset.js";
import { toJsonl } from "../../tools/export/jsonl.js";
import { labelRows } from "../../tools/export/labelRows.js";
import { labelsJsonl } from "../../tools/export/labelsJsonl.js";
import { openaiChatExamples } from "../../tools/export/openaiChat.js";
import { provenance } from "../../tools/export/provenance.js";
import { writeFiles } from "../../tools/export/writeFiles.js";
import { latestLabels } from "../../tools/labels/latestLabels.js";
import { loadDataset } from "../../tools/pool/loadDataset.js";
import { datasetSpecFromArg } from "../../tools/pool/datasetSpec.js";
import { checkpointing } from "../checkpointer.js";
import { anyDistillFlag, distillConfigFromFlags } from "./distillFlags.js";

export interface DistillOptions {
  dataset?: string;
  test?: string;
  config?: string;
  out: string;
  thread?: string;
  checkpointer?: string;
  export?: "csv" | "jsonl" | "openai" | "hf";
  exportLabels: "student" | "teacher";
  quiet?: boolean;
}

/**
 * `activegraph distill`: start a distillation thread (or resume one with `--thread`), print the
 * student's accuracy against what the teacher cost, and optionally export the labels: the
 * student's for every pool item (default), or each item's latest teacher label. Everything typed
 * is checked, and the data loaded, before the checkpoint database is opened.
 */
export async function distillCommand(options: DistillOptions, command: Command): Promise<void> {
  const outDir = resolve(options.out);
  const store = checkpointing(options.checkpointer, outDir);
  const threadId = options.thread ?? `distill-${new Date().toISOString().replace(/[-:]/g, "").replace("T", "-").slice(0, 15)}`;
  const log = (line: string) => options.quiet || process.stderr.write(`${line}\n`);
  const given = options.dataset !== undefined || options.config !== undefined || anyDistillFlag(command);
  let existing: DistillConfig | undefined;
  let finished = false;
  if (options.thread && store.mayExist) {
    const status = await distillationStatus(await store.open(), threadId);
    if (status.kind !== "empty") existing = status.state.config;
    finished = status.kind === "finished";
  }
  if (existing && given) throw new ConfigError(`thread "${threadId}" exists: resume it with --out and --thread alone, or pass a new --thread`);
  const config = existing ?? (given ? requestedConfig(options, command) : undefined);
  if (!config) throw new ConfigError(`thread "${threadId}" does not exist in ${store.where}: give a --dataset and a budget to start it`);

  const services = createServices();
  try {
    const workspace = await services.workspace(loopConfigOf(config));
    mkdirSync(outDir, { recursive: true });
    log(
      `${finished ? `thread ${threadId} had already finished` : `${existing ? "resuming" : "starting"} thread ${threadId}`}: ${workspace.name} (${workspace.pool.size} pool items), ${config.method}${config.method === "active" ? ` (${config.active.strategy})` : ` (${config.freeal.rounds} rounds, clean share ${config.freeal.cleanShare})`}, teacher ${config.teacher.llm.provider}:${config.teacher.llm.model}`,
    );
    log(`checkpoints: ${store.where} (resume with --out ${options.out} --thread ${threadId})`);
    const { state } = await runDistillation({
      threadId,
      checkpointer: await store.open(),
      config,
      services,
      onWave: (asked) => log(`  teacher: ${asked} items asked`),
      onRound: (point) => log(`  round ${point.round}: student ${percent(point.accuracy)} on the test split`),
    });
    console.log(curveTable(state.history));
    console.log(`stopped: ${state.stopReason ? `${state.stopReason.message} [${state.stopReason.criterion}]` : "not stopped"}`);
    if (options.export) await exportLabels(options, threadId, outDir, state, workspace);
  } finally {
    services.close();
  }
}

function requestedConfig(options: DistillOptions, command: Command): DistillConfig {
  let base: Record<string, unknown> = {};
  if (options.config) {
    if (!existsSync(options.config)) throw new ConfigError(`--config: ${options.config}: no such file`);
    try {
      base = JSON.parse(readFileSync(options.config, "utf8"));
    } catch (error) {
      throw new ConfigError(`--config: ${options.config}: not valid JSON (${(error as Error).message})`);
    }
  }
  const dataset = options.dataset !== undefined || base.dataset === undefined ? datasetSpecFromArg(options.dataset ?? "spamassassin", options.test) : undefined;
  return parseDistillConfig(distillConfigFromFlags(command, base, dataset));
}

const percent = (value: number | null) => (value === null ? "—" : `${(value * 100).toFixed(1)}%`);

/** Student accuracy against what the teacher cost, a row per round. */
function curveTable(history: readonly DistillRound[]): string {
  const lines = [
    "| round | teacher labels | calls | USD | tokens in / out | teacher s | items labeled | student accuracy | macro-F1 | clean / sent back / changed |",
    "| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | --- |",
  ];
  for (const p of history)
    lines.push(
      `| ${p.round} | ${p.teacherLabels} | ${p.teacherCalls} | $${p.usd.toFixed(4)} | ${p.inputTokens} / ${p.outputTokens} | ${p.teacherSeconds.toFixed(1)} | ${p.labeled} | ${percent(p.accuracy)} | ${percent(p.macroF1)} | ${p.clean === undefined ? "" : `${p.clean} / ${p.relabeled} / ${p.changed}`} |`,
    );
  return lines.join("\n");
}

/** Writes the student's (or the teacher's) labels with the loop's export writers. */
async function exportLabels(options: DistillOptions, threadId: string, outDir: string, state: DistillState, workspace: Workspace): Promise<void> {
  const config = state.config!;
  const records =
    options.exportLabels === "student" ? await studentLabels(workspace, loopConfigOf(config), state.labels, state.round) : latestLabels(state.labels);
  const rows = labelRows(records, [], (id) => (workspace.pool.has(id) ? workspace.textOf(id) : undefined));
  const task = { instructions: taskInstructions(loopConfigOf(config)), labels: state.classes, labelDescriptions: config.task.labelDescriptions };
  const name = `${threadId}.${options.exportLabels}`;
  const write = (file: string, content: string) => writeFiles(dirname(file), [{ path: basename(file), content }]);
  let target = join(outDir, `${name}.${options.export === "openai" ? "openai.jsonl" : options.export}`);
  if (options.export === "csv") write(target, labelsCsv(rows));
  else if (options.export === "jsonl") write(target, labelsJsonl(rows));
  else if (options.export === "openai") write(target, toJsonl(openaiChatExamples(rows, task)));
  else {
    target = join(outDir, `${name}-hf`);
    const run = {
      thread: threadId,
      dataset: workspace.name,
      strategy: config.method === "active" ? config.active.strategy : "freeal",
      annotator: `the teacher ${config.teacher.llm.provider}:${config.teacher.llm.model}${options.exportLabels === "student" ? ", and a student model trained on its labels labeled the pool" : ""}`,
      rounds: state.history.length,
      stopReason: state.stopReason?.message ?? null,
    };
    const { test } = await loadDataset(config.dataset);
    writeFiles(target, hfDataset({ run, classes: state.classes, train: rows, test: test ?? null, provenance: provenance(records, state.ledger) }));
  }
  console.log(`exported ${rows.length} ${options.exportLabels} labels as ${options.export}: ${target}`);
}
