import { mkdirSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";
import type { Command } from "commander";
import { runThread, threadStatus } from "../graphs/activeLearning/runThread.js";
import { nextLabelCostUsd } from "../runtime/costEstimate.js";
import { createServices } from "../runtime/services.js";
import { ConfigError } from "../tools/errors.js";
import { labelRows } from "../tools/export/labelRows.js";
import { labelsJsonl } from "../tools/export/labelsJsonl.js";
import { writeFiles } from "../tools/export/writeFiles.js";
import { quarantined } from "../tools/labels/quarantine.js";
import { LlmFatalError } from "../tools/llm/llmCallError.js";
import { asksPeople, parseRunConfig, type RunConfig } from "../runtime/config/runConfig.js";
import { preflight } from "../runtime/preflight.js";
import { configDifferences } from "./configDifferences.js";
import { estimateRounds } from "../runtime/budget.js";
import { checkpointing } from "./checkpointer.js";
import { roundProgress } from "./progress.js";
import { terminalHuman } from "./terminalHuman.js";
import { simulatedHumans } from "../graphs/activeLearning/simulatedHumans.js";
import { labelsLine, learningCurveTable, runResult, spentText } from "./report.js";
import { hasConfigInput, requestedConfig, type ConfigOptions } from "./configInput.js";

export interface RunOptions extends ConfigOptions {
  out: string;
  checkpointer?: string;
  thread?: string;
  quiet?: boolean;
  /** Who answers people's questions: the terminal, or the dataset's gold labels (to try hybrid routing offline). */
  people?: string;
}

/**
 * `activegraph run`: start a run, or resume one with `--thread`. Everything the user typed is
 * checked, and the data loaded, before the checkpoint database is opened, so bad input leaves no
 * checkpoint behind.
 */
export async function runCommand(options: RunOptions, command: Command): Promise<void> {
  const outDir = resolve(options.out);
  const store = checkpointing(options.checkpointer, outDir);
  const threadId = options.thread ?? newThreadId();
  const peopleFrom = options.people ?? "terminal";
  if (peopleFrom !== "terminal" && peopleFrom !== "gold") throw new ConfigError(`--people: "${peopleFrom}" is not terminal or gold`);
  const log = (line: string) => options.quiet || process.stderr.write(`${line}\n`);

  let existing: RunConfig | undefined;
  if (options.thread && store.mayExist) {
    const status = await threadStatus(await store.open(), threadId);
    if (status.kind !== "empty") existing = status.state.config;
  }
  const requested = options.thread && !hasConfigInput(options, command) ? null : requestedConfig(options, command, existing);
  if (existing && requested) {
    // Compared as the current schema reads both, so a default added since the thread began is no difference.
    const differences = configDifferences(parseRunConfig(existing), requested);
    if (differences.length > 0) {
      throw new ConfigError(
        `thread "${threadId}" was started with another config (${differences.join("; ")}): drop those options to resume it, or pass a new --thread`,
      );
    }
  }
  const config = existing ?? requested;
  if (!config) throw new ConfigError(`thread "${threadId}" does not exist in ${store.where}: give a dataset and options to start it`);

  const services = createServices();
  const workspace = await preflight(services, config);
  for (const warning of workspace.warnings) process.stderr.write(`warning: ${warning}\n`);
  mkdirSync(outDir, { recursive: true });
  const checkpointer = await store.open();
  log(
    `${existing ? "resuming" : "starting"} thread ${threadId}: ${workspace.name} (${workspace.pool.size} pool items, ${workspace.classes.length} classes), ${config.strategy}, batch ${config.batchSize}, seed ${config.seed}`,
  );
  log(`checkpoints: ${store.where} (resume with --out ${options.out}${options.checkpointer ? " --checkpointer <the same>" : ""} --thread ${threadId})`);

  const people = asksPeople(config);
  const progress = options.quiet
    ? null
    : roundProgress(estimateRounds(config, workspace.pool.size, nextLabelCostUsd(config, workspace)), process.stderr, people);
  // Gold answers stand for people from the labels the dataset already has: a hybrid or value route tried offline.
  const responder = !people ? null : peopleFrom === "gold" ? Object.assign(simulatedHumans(config, { services }), { close() {} }) : terminalHuman();
  let result: Awaited<ReturnType<typeof runThread>>;
  try {
    result = await runThread({
      threadId,
      checkpointer,
      config,
      services,
      onRound: (metrics) => progress?.round(metrics),
      ...(responder ? { responder } : {}),
    });
  } catch (error) {
    if (error instanceof LlmFatalError) {
      throw new LlmFatalError(
        error.kind,
        `${error.message}; the labels so far are checkpointed: fix it and resume with --out ${options.out} --thread ${threadId}`,
      );
    }
    throw error;
  } finally {
    progress?.stop();
    responder?.close();
    services.close();
  }
  const { state } = result;
  if (result.status === "finished") log(`thread ${threadId} had already finished`);
  const waitingItems = result.pending.reduce((sum, question) => sum + question.request.items.length, 0);
  if (result.status === "waiting") log(`stopped with ${waitingItems} item(s) waiting for a person: resume with --out ${options.out} --thread ${threadId}`);

  const resultPath = join(outDir, `${threadId}.json`);
  writeFileSync(
    resultPath,
    `${JSON.stringify({ status: result.status === "waiting" ? "waiting" : "done", ...runResult(threadId, workspace.name, state) }, null, 2)}\n`,
  );
  const rows = labelRows(state.labels, state.generated, (id) => (workspace.pool.has(id) ? workspace.textOf(id) : undefined));
  const [labelsPath] = writeFiles(outDir, [{ path: `${threadId}.labels.jsonl`, content: labelsJsonl(rows) }]);

  console.log(learningCurveTable(state.history, state.config?.stopping));
  console.log(`stopped: ${stopLine(state.stopReason, result.status === "waiting" ? waitingItems : null)}`);
  console.log(`${labelsLine(state)}, spent ${spentText(state.ledger)}`);
  const held = quarantined(state.failed, config.quarantineAfter);
  if (held.length > 0)
    console.log(
      `quarantined: ${held.length} item${held.length === 1 ? "" : "s"} that failed ${config.quarantineAfter} times, never picked again (listed in the result)`,
    );
  console.log(`result: ${resultPath}`);
  console.log(`labels: ${labelsPath}`);
}

/** Why the run stopped, or that it waits on people (`waiting` items), in one line. */
function stopLine(reason: { message: string; criterion: string; round: number } | null, waiting: number | null): string {
  if (reason) return `${reason.message} [${reason.criterion}, round ${reason.round}]`;
  return waiting === null ? "not stopped" : `waiting on people (${waiting} item${waiting === 1 ? "" : "s"} pending)`;
}

export function newThreadId(): string {
  const stamp = new Date().toISOString().replace(/[-:]/g, "").replace("T", "-").slice(0, 15);
  return `${stamp}-${Math.random().toString(36).slice(2, 6)}`;
}
