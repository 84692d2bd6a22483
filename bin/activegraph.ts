#!/usr/bin/env -S npx tsx
import { Command } from "commander";
import { ActiveGraphError, ConfigError } from "../tools/errors.js";
import { runCommand } from "./runCommand.js";
import { addConfigFlags, describeIssue } from "./runFlags.js";

const program = new Command()
  .name("activegraph")
  .description("LLM-based active learning on LangGraph.js")
  .showHelpAfterError("(run with --help for usage)");

addConfigFlags(
  program
    .command("run")
    .description("run an active-learning loop (or resume one with --thread) and print its learning curve")
    .option("--dataset <name|path>", "built-in name (spamassassin), a JSONL/CSV file, or a folder with train/test files (default: spamassassin)")
    .option("--test <path>", "held-out JSONL/CSV file for evaluation")
    .option("--text-field <name>", "field holding the text (default: text)")
    .option("--label-field <name>", "field holding the label (default: label)")
    .option("--id-field <name>", "field holding a stable id (default: <split>:<line>)")
    .option("--config <file>", "run config as JSON (options given on the command line override it)"),
)
  .option("--out <dir>", "output folder: checkpoints.sqlite, <thread>.json, <thread>.labels.jsonl", "runs")
  .option("--thread <id>", "thread to start, or to resume after a crash")
  .option("--quiet", "no progress output")
  .action(runCommand);

try {
  await program.parseAsync();
} catch (error) {
  if (error instanceof ConfigError && error.issues.length > 0) {
    console.error(`activegraph: invalid options: ${error.issues.map(describeIssue).join("; ")}`);
    process.exit(2);
  }
  if (error instanceof ActiveGraphError) {
    console.error(`activegraph: ${error.message}`);
    process.exit(2);
  }
  throw error;
}
