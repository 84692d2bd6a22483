import { existsSync, readFileSync } from "node:fs";
import type { Command } from "commander";
import { ConfigError } from "../tools/errors.js";
import { datasetSpecFromArg } from "../tools/pool/datasetSpec.js";
import { parseRunConfig, type RunConfig } from "../runtime/config/runConfig.js";
import { addConfigFlags, CONFIG_FLAGS, configFromFlags, keyOf } from "./runFlags.js";

/** The options `run` and `plan` share: where the data is, and every run-config flag. */
export interface ConfigOptions {
  dataset?: string;
  test?: string;
  textField?: string;
  labelField?: string;
  idField?: string;
  config?: string;
}

export function addConfigOptions(command: Command): Command {
  return addConfigFlags(
    command
      .option("--dataset <name|path>", "built-in name (spamassassin), a JSONL/CSV file, or a folder with train/test files (default: spamassassin)")
      .option("--test <path>", "held-out JSONL/CSV file for evaluation")
      .option("--text-field <name>", "field holding the text (default: text)")
      .option("--label-field <name>", "field holding the label (default: label)")
      .option("--id-field <name>", "field holding a stable id (default: <split>:<line>)")
      .option("--config <file>", "run config as JSON (options given on the command line override it)"),
  );
}

/** Did the user say anything about the run itself (beyond where it lives)? */
export function hasConfigInput(options: ConfigOptions, command: Command): boolean {
  return (
    options.dataset !== undefined || options.config !== undefined || CONFIG_FLAGS.some((flag) => command.getOptionValueSource(keyOf(flag.flags)) === "cli")
  );
}

/**
 * The run config the command line describes: a --config file, the dataset options and the flags,
 * over `thread` (the config of the thread being resumed, if any), so that a resume that names one
 * option asks to change that option and nothing else.
 */
export function requestedConfig(options: ConfigOptions, command: Command, thread?: RunConfig): RunConfig {
  let base: Record<string, unknown> = thread ? structuredClone(thread) : {};
  if (options.config) {
    if (!existsSync(options.config)) throw new ConfigError(`--config: ${options.config}: no such file`);
    try {
      base = JSON.parse(readFileSync(options.config, "utf8"));
    } catch (error) {
      throw new ConfigError(`--config: ${options.config}: not valid JSON (${(error as Error).message})`);
    }
  }
  let dataset: unknown;
  if (options.dataset !== undefined || base.dataset === undefined) {
    const spec = datasetSpecFromArg(options.dataset ?? "spamassassin", options.test);
    dataset =
      "builtin" in spec ? spec : { ...spec, textField: options.textField ?? "text", labelField: options.labelField ?? "label", idField: options.idField };
  }
  return parseRunConfig(configFromFlags(command, base, dataset));
}
