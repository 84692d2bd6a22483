import { mkdirSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";
import Table from "cli-table3";
import type { Command } from "commander";
import { checkLocalLlms } from "../runtime/llm/localModels.js";
import { compileActivePreference, preferenceContext } from "../graphs/activePreference/graph.js";
import type { PreferenceState } from "../graphs/activePreference/state.js";
import { parsePreferenceConfig, preferenceLlmRoles } from "../runtime/config/preferenceConfig.js";
import { dpoJsonl } from "../tools/export/dpo.js";
import { writeFiles } from "../tools/export/writeFiles.js";
import { datasetSpecFromArg } from "../tools/pool/datasetSpec.js";
import { dpoPairsOf } from "../tools/preference/dpoPairs.js";
import type { PreferenceRound } from "../tools/preference/preferenceRecords.js";
import { checkpointing } from "./checkpointer.js";
import { configFromParadigmFlags } from "./paradigmFlags.js";
import { runParadigmThread } from "./paradigmThread.js";
import { PREFERENCE_FLAGS } from "./preferenceOptions.js";
import { TABLE_STYLE } from "./report.js";
import { newThreadId } from "./runCommand.js";
import type { ParadigmOptions } from "./sftOptions.js";

/**
 * `activegraph preference`: start an active-preference thread, resume it (after a crash, or with
 * people's answers), print the reward model's curve and write the labels as DPO pairs.
 */
export async function preferenceCommand(options: ParadigmOptions, command: Command): Promise<void> {
  const outDir = resolve(options.out);
  const threadId = options.thread ?? newThreadId();
  const log = (line: string) => options.quiet || process.stderr.write(`${line}\n`);
  const resuming = options.thread !== undefined && (options.answer !== undefined || (!options.dataset && !options.prompts && !options.config));
  const start = resuming ? undefined : startConfig(options, command);
  if (start) await checkLocalLlms(preferenceLlmRoles(start));
  const store = checkpointing(options.checkpointer, outDir);
  mkdirSync(outDir, { recursive: true });
  const graph = compileActivePreference(await store.open());
  if (resuming) {
    const existing = (await graph.getState({ configurable: { thread_id: threadId } })).values as PreferenceState;
    if (existing.config) await checkLocalLlms(preferenceLlmRoles(existing.config));
  }
  log(`${start ? "starting" : "resuming"} active preference thread ${threadId} (checkpoints: ${store.where})`);
  let written = 0;
  const { state, requests } = await runParadigmThread<PreferenceState>(
    graph,
    threadId,
    { ...(start ? { start: { config: start, context: preferenceContext(start) } } : {}), ...(options.answer ? { answerFile: options.answer } : {}) },
    (node, update) => {
      const made = ((update.pairs as unknown[]) ?? []).length + ((update.heldOut as unknown[]) ?? []).length;
      if (node === "generate" && made > 0) log(`candidates: ${(written += made)} pairs written (held-out ones included)`);
      if (node === "evaluate") for (const row of (update.history ?? []) as PreferenceRound[]) log(roundLine(row));
    },
  );
  if (Object.keys(requests).length > 0) {
    const path = join(outDir, `${threadId}.requests.json`);
    writeFileSync(path, `${JSON.stringify(requests, null, 2)}\n`);
    log(`waiting for people: the comparisons are in ${path}; answer with --thread ${threadId} --answer <file.json>`);
  }
  const pairs = dpoPairsOf(state.pairs, state.preferences);
  const files = writeFiles(outDir, [
    {
      path: `${threadId}.preference.json`,
      content: `${JSON.stringify({ thread: threadId, stopReason: state.stopReason, history: state.history, ledger: state.ledger }, null, 2)}\n`,
    },
    ...(pairs.length > 0 ? [{ path: `${threadId}.dpo.jsonl`, content: dpoJsonl(pairs) }] : []),
  ]);
  process.stdout.write(`${preferenceTable(state.history)}\n`);
  if (state.stopReason) log(`stopped: ${state.stopReason.message}`);
  log(`wrote ${files.join(", ")} (${pairs.length} DPO pairs)`);
}

function startConfig(options: ParadigmOptions, command: Command) {
  const config = configFromParadigmFlags(command, PREFERENCE_FLAGS, options.config);
  if (options.prompts) config.source = { ...((config.source as object) ?? {}), kind: "file", file: resolve(options.prompts) };
  else if (options.dataset || !config.source)
    config.source = { ...((config.source as object) ?? {}), kind: "dataset", dataset: datasetSpecFromArg(options.dataset ?? "spamassassin", options.test) };
  return parsePreferenceConfig(config);
}

const percent = (value: number | null) => (value === null ? "–" : (100 * value).toFixed(1));

function roundLine(row: PreferenceRound): string {
  return `round ${row.round}: ${row.labels} labels (${row.ties} ties), reward-model accuracy ${percent(row.accuracy)}% on ${row.heldOut} held-out pairs, $${row.usd.toFixed(4)}`;
}

function preferenceTable(history: readonly PreferenceRound[]): string {
  const table = new Table({ head: ["round", "labels", "ties", "reward-model accuracy %", "held-out pairs", "USD", "ms"], ...TABLE_STYLE });
  for (const row of history) table.push([row.round, row.labels, row.ties, percent(row.accuracy), row.heldOut, row.usd.toFixed(4), row.ms.toFixed(0)]);
  return table.toString();
}
