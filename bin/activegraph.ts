#!/usr/bin/env node
import { Command } from "commander";
import { ActiveGraphError, ConfigError } from "../tools/errors.js";
import { allowManyAbortListeners } from "../tools/quietAbortListeners.js";
import { addConfigOptions } from "./configInput.js";
import { planCommand } from "./planCommand.js";
import { runCommand } from "./runCommand.js";
import { describeIssue } from "./runFlags.js";

allowManyAbortListeners();

const program = new Command().name("activegraph").description("LLM-based active learning on LangGraph.js").showHelpAfterError("(run with --help for usage)");

addConfigOptions(program.command("run").description("run an active-learning loop (or resume one with --thread) and print its learning curve"))
  .option("--out <dir>", "output folder: checkpoints.sqlite, <thread>.json, <thread>.labels.jsonl", "runs")
  .option("--thread <id>", "thread to start, or to resume after a crash")
  .option("--checkpointer <where>", "SQLite file, memory, or postgres://user:password@host/db (default: <out>/checkpoints.sqlite)")
  .option("--quiet", "no progress output")
  .action(runCommand);

addConfigOptions(program.command("plan").description("estimate what a run would label and cost, before it starts")).action(planCommand);

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
