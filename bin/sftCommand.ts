import { mkdirSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";
import Table from "cli-table3";
import type { Command } from "commander";
import { checkLocalLlms } from "../runtime/llm/localModels.js";
import { parseSftConfig, sftLlmRoles } from "../runtime/config/sftConfig.js";
import { compileActiveSft, sftContext } from "../graphs/activeSft/graph.js";
import type { SftState } from "../graphs/activeSft/state.js";
import { openaiChatFromPairs } from "../tools/export/openaiChat.js";
import { toJsonl } from "../tools/export/jsonl.js";
import { writeFiles } from "../tools/export/writeFiles.js";
import { datasetSpecFromArg } from "../tools/pool/datasetSpec.js";
import { sftHfDataset } from "../tools/sft/sftHfDataset.js";
import type { SftRound } from "../tools/sft/sftRecords.js";
import { checkpointing } from "./checkpointer.js";
import { configFromParadigmFlags } from "./paradigmFlags.js";
import { type ParadigmOptions, SFT_FLAGS } from "./sftOptions.js";
import { runParadigmThread } from "./paradigmThread.js";
import { TABLE_STYLE } from "./report.js";
import { newThreadId } from "./runCommand.js";

/**
 * `activegraph sft`: start an active-SFT thread, resume it (after a crash, or with people's
 * answers), print its rounds and write its examples as OpenAI chat JSONL and a HF dataset folder.
 */
export async function sftCommand(options: ParadigmOptions, command: Command): Promise<void> {
  const outDir = resolve(options.out);
  const threadId = options.thread ?? newThreadId();
  const log = (line: string) => options.quiet || process.stderr.write(`${line}\n`);
  const resuming = options.thread !== undefined && (options.answer !== undefined || (!options.dataset && !options.prompts && !options.config));
  const start = resuming ? undefined : startConfig(options, command);
  if (start) await checkLocalLlms(sftLlmRoles(start));
  const store = checkpointing(options.checkpointer, outDir);
  mkdirSync(outDir, { recursive: true });
  const graph = compileActiveSft(await store.open());
  if (resuming) {
    const existing = (await graph.getState({ configurable: { thread_id: threadId } })).values as SftState;
    if (existing.config) await checkLocalLlms(sftLlmRoles(existing.config));
  }
  log(`${start ? "starting" : "resuming"} active SFT thread ${threadId} (checkpoints: ${store.where})`);
  const { state, requests } = await runParadigmThread<SftState>(
    graph,
    threadId,
    { ...(start ? { start: { config: start, context: sftContext(start) } } : {}), ...(options.answer ? { answerFile: options.answer } : {}) },
    (node, update) => {
      if (node === "evaluate") for (const row of (update.history ?? []) as SftRound[]) log(roundLine(row));
    },
  );
  if (Object.keys(requests).length > 0) {
    const path = join(outDir, `${threadId}.requests.json`);
    writeFileSync(path, `${JSON.stringify(requests, null, 2)}\n`);
    log(`waiting for people: the prompts are in ${path}; answer with --thread ${threadId} --answer <file.json>`);
  }
  const files = writeFiles(outDir, [
    {
      path: `${threadId}.sft.json`,
      content: `${JSON.stringify({ thread: threadId, stopReason: state.stopReason, history: state.history, ledger: state.ledger }, null, 2)}\n`,
    },
    ...(state.examples.length > 0 ? [{ path: `${threadId}.sft.openai.jsonl`, content: toJsonl(openaiChatFromPairs(state.examples)) }] : []),
  ]);
  if (state.examples.length > 0 && state.config) {
    const source = state.config.source.kind === "file" ? state.config.source.file : "a labeled dataset";
    files.push(
      ...writeFiles(
        join(outDir, `${threadId}-sft-hf`),
        sftHfDataset({ thread: threadId, source, strategy: state.config.strategy, examples: state.examples, ledger: state.ledger }),
      ),
    );
  }
  process.stdout.write(`${sftTable(state.history)}\n`);
  if (state.stopReason) log(`stopped: ${state.stopReason.message}`);
  log(`wrote ${files.join(", ")}`);
}

function startConfig(options: ParadigmOptions, command: Command) {
  const config = configFromParadigmFlags(command, SFT_FLAGS, options.config);
  if (options.prompts) config.source = { ...((config.source as object) ?? {}), kind: "file", file: resolve(options.prompts) };
  else if (options.dataset || !config.source)
    config.source = { ...((config.source as object) ?? {}), kind: "dataset", dataset: datasetSpecFromArg(options.dataset ?? "spamassassin", options.test) };
  return parseSftConfig(config);
}

const percent = (value: number | null) => (value === null ? "–" : `${(100 * value).toFixed(1)}%`);

function roundLine(row: SftRound): string {
  return `round ${row.round}: ${row.examples} examples, ${row.clustersCovered}/${row.clusters} clusters, quality ${percent(row.quality)}, ${row.duplicates} duplicates, $${row.usd.toFixed(4)}`;
}

function sftTable(history: readonly SftRound[]): string {
  const table = new Table({ head: ["round", "examples", "by source", "clusters covered", "quality %", "duplicates", "USD", "ms"], ...TABLE_STYLE });
  for (const row of history)
    table.push([
      row.round,
      row.examples,
      Object.entries(row.bySource)
        .map(([source, n]) => `${source} ${n}`)
        .join(", "),
      `${row.clustersCovered}/${row.clusters}`,
      row.quality === null ? "–" : (100 * row.quality).toFixed(1),
      row.duplicates,
      row.usd.toFixed(4),
      row.ms.toFixed(0),
    ]);
  return table.toString();
}
