#!/usr/bin/env node
import { Command, CommanderError, Option } from "commander";
import { ActiveGraphError, ConfigError } from "../tools/errors.js";
import { LlmFatalError } from "../tools/llm/llmCallError.js";
import { allowManyAbortListeners } from "../tools/quietAbortListeners.js";
import { redact } from "../tools/redact.js";
import { addConfigOptions } from "./configInput.js";
import type { ExportOptions } from "./exportCommand.js";
import { EXPORT_FORMATS } from "./exportFormats.js";
import type { IclOptions } from "./iclCommand.js";
import { addIclFlags } from "./iclFlags.js";
import { planCommand } from "./planCommand.js";
import { addPreferenceCommand } from "./preferenceOptions.js";
import { runCommand } from "./runCommand.js";
import type { LabelOptions } from "./label/labelCommand.js";
import { describeIssue } from "./runFlags.js";
import { addSftCommand } from "./sftOptions.js";
import type { DistillOptions } from "./distill/distillCommand.js";
import { addDistillFlags, describeDistillIssue } from "./distill/distillFlags.js";

allowManyAbortListeners();

/** Exit codes: 0 done (or waiting on people), 1 a bug, 2 bad input, 3 the LLM provider refused the run (key, model). */
const EXIT = { input: 2, provider: 3, bug: 1 } as const;

// Commander's own errors (an unknown option, a value its parser refused) are bad input too: one
// line, exit 2, like every other. They are collected here and printed at the end.
let usageError = "";
const program = new Command()
  .name("activegraph")
  .description("LLM-based active learning on LangGraph.js")
  .exitOverride()
  .configureOutput({ writeErr: (text) => (usageError += text) });

addConfigOptions(program.command("run").description("run an active-learning loop (or resume one with --thread) and print its learning curve"))
  .option("--out <dir>", "output folder: checkpoints.sqlite, <thread>.json, <thread>.labels.jsonl", "runs")
  .option("--thread <id>", "thread to start, or to resume after a crash")
  .option("--checkpointer <where>", "SQLite file, memory, or postgres://user:password@host/db (default: <out>/checkpoints.sqlite)")
  .option("--people <who>", "who answers the questions for people: terminal, or gold (the dataset's own labels, to try hybrid routing offline)", "terminal")
  .option("--quiet", "no progress output")
  .action(runCommand);

program
  .command("label")
  .description("serve a page on localhost where people label what a thread is waiting on (in-process checkpoints, or a LangGraph API server with --url)")
  .requiredOption("--thread <id>", "the thread to answer for")
  .option("--out <dir>", "output folder of the run (its checkpoints.sqlite)", "runs")
  .option("--checkpointer <where>", "SQLite file or postgres://user:password@host/db (default: <out>/checkpoints.sqlite)")
  .option("--url <url>", "a LangGraph API server holding the thread, instead of local checkpoints")
  .option("--graph <id>", "the graph the thread runs on the server", "activeLearning")
  .option("--port <n>", "port on 127.0.0.1", "8484")
  .option("--overlap <share>", "share of questions put to two people, whose agreement (Cohen's kappa) is measured", "0")
  .option("--settle <mode>", "how two people's disagreement is settled: third (a third person answers) or majority", "third")
  .option("--items-per-person <n>", "items handed to one person at a time", "5")
  .option("--lease <seconds>", "a person's items go to others after this long without their page", "300")
  // Loaded when used: the page's server, plots and API client would slow every other command's start.
  .action(async (options: LabelOptions) => (await import("./label/labelCommand.js")).labelCommand(options));

addConfigOptions(program.command("plan").description("estimate what a run would label and cost, before it starts")).action(planCommand);

program
  .command("export")
  .description("write a thread's labels as CSV, JSONL, OpenAI fine-tuning examples, a Hugging Face dataset folder or DPO pairs")
  .requiredOption("--thread <id>", "the thread to export")
  .addOption(
    new Option(
      "--format <format>",
      "csv | jsonl (labels with text, source, confidence, cost, round) | openai (chat fine-tuning JSONL) | hf (datasets folder with a dataset card) | dpo (preference pairs)",
    )
      .choices(EXPORT_FORMATS)
      .makeOptionMandatory(),
  )
  .option("--out <dir>", "the run's output folder", "runs")
  .option("--checkpointer <where>", "the run's checkpointer, if not <out>/checkpoints.sqlite")
  .option("--to <path>", "where to write (default: <out>/<thread>.labels.csv, .labels.jsonl, .openai.jsonl, .dpo.jsonl, or the folder <out>/<thread>-hf)")
  .option("--license <id>", "hf: the dataset's license (default: unknown)")
  // Loaded when used, like label: its writers need not slow every other command's start.
  .action(async (options: ExportOptions) => (await import("./exportCommand.js")).exportCommand(options));

addSftCommand(program);
addPreferenceCommand(program);
addIclFlags(
  program
    .command("icl")
    .description("active in-context learning: choose which pool items to label as an LLM's few-shot demonstrations, and measure its accuracy")
    .option("--dataset <name|path>", "built-in name, a JSONL/CSV file, or a folder with train/test files (needs a test split)")
    .option("--test <path>", "held-out JSONL/CSV file the learner is evaluated on")
    .option("--config <file>", "ICL config as JSON (options given on the command line override it)")
    .option("--learner <model>", "simulated[:model], openai:<model>, smollm2-135m-instruct or gemma-3-270m (local, after scripts/install-models.sh)")
    .option("--annotator-model <model>", "an LLM labels the chosen items (same forms as --learner)")
    .option("--threads <n>", "llama.cpp threads for a local model", "1")
    .option("--out <dir>", "output folder: checkpoints.sqlite, <thread>.icl.json", "runs")
    .option("--thread <id>", "thread to start, or to resume")
    .option("--checkpointer <where>", "SQLite file, memory, or postgres://user:password@host/db (default: <out>/checkpoints.sqlite)")
    .option("--quiet", "no progress output"),
)
  // Loaded when used, like label and export.
  .action(async (options: IclOptions, command: Command) => (await import("./iclCommand.js")).iclCommand(options, command));
addDistillFlags(
  program
    .command("distill")
    .description(
      "active knowledge distillation or FreeAL: a teacher LLM labels, the student (the target model) chooses what it is asked, or filters its labels and sends the noisy ones back",
    )
    .option("--dataset <name|path>", "built-in name (spamassassin), a JSONL/CSV file, or a folder with train/test files")
    .option("--test <path>", "held-out JSONL/CSV file for evaluation")
    .option("--config <file>", "distillation config as JSON (options given on the command line override it)"),
)
  .option("--out <dir>", "output folder: checkpoints.sqlite and exports", "runs")
  .option("--thread <id>", "thread to start, or to resume")
  .option("--checkpointer <where>", "SQLite file, memory, or postgres://user:password@host/db (default: <out>/checkpoints.sqlite)")
  .addOption(new Option("--export <format>", "write labels when done: csv | jsonl | openai | hf").choices(["csv", "jsonl", "openai", "hf"]))
  .addOption(
    new Option("--export-labels <whose>", "student (its label for every pool item) or teacher (each item's latest)")
      .choices(["student", "teacher"])
      .default("student"),
  )
  .option("--quiet", "no progress output")
  // Loaded when used, like label and export.
  .action(async (options: DistillOptions, command: Command) => (await import("./distill/distillCommand.js")).distillCommand(options, command));

/** One line on stderr, with nothing secret in it. */
const fail = (line: string, code: number): never => {
  console.error(redact(`activegraph: ${line.replace(/\s*\n\s*/g, " ").trim()}`));
  process.exit(code);
};

try {
  await program.parseAsync();
} catch (error) {
  if (error instanceof CommanderError) {
    if (error.exitCode === 0) process.exit(0);
    // Asked for nothing (no command): the help, in full, is the answer.
    if (error.code === "commander.help") {
      process.stderr.write(usageError);
      process.exit(EXIT.input);
    }
    const names = program.commands.map((command) => command.name());
    const command = process.argv.slice(2).find((arg) => names.includes(arg)) ?? "";
    fail(`${(usageError || error.message).replace(/^error:\s*/, "")} (see activegraph ${command ? `${command} ` : ""}--help)`, EXIT.input);
  }
  if (error instanceof ConfigError && error.issues.length > 0) {
    const describe = program.args[0] === "distill" ? describeDistillIssue : describeIssue;
    fail(`invalid options: ${error.issues.map(describe).join("; ")}`, EXIT.input);
  }
  if (error instanceof LlmFatalError) fail(error.message, EXIT.provider);
  if (error instanceof ActiveGraphError) fail(error.message, EXIT.input);
  // A bug: keep the stack trace, redacted like everything else activegraph prints.
  console.error(redact(error instanceof Error ? (error.stack ?? error.message) : String(error)));
  process.exit(EXIT.bug);
}
