import type { Command } from "commander";
import { existsSync, readFileSync } from "node:fs";
import { ConfigError } from "../tools/errors.js";
import { getPath, keyOf, setPath } from "./runFlags.js";

/** A flag of a paradigm command and the config field it sets: one table for parsing, help and errors. */
export interface ParadigmFlag {
  readonly flags: string;
  readonly path: readonly string[];
  readonly description: string;
  readonly parse?: (value: string) => unknown;
}

/** Adds the table's flags to a command, each with the schema's default in its help. */
export function addParadigmFlags(command: Command, flags: readonly ParadigmFlag[], defaults: unknown): Command {
  for (const flag of flags) {
    const fallback = getPath(defaults, flag.path);
    const shown = fallback === undefined || typeof fallback === "object" ? "" : ` (default: ${fallback})`;
    if (flag.parse) command.option(flag.flags, `${flag.description}${shown}`, flag.parse);
    else command.option(flag.flags, `${flag.description}${shown}`);
  }
  return command;
}

/** The config a --config file and the flags describe (the flags override the file). */
export function configFromParadigmFlags(command: Command, flags: readonly ParadigmFlag[], configFile: string | undefined): Record<string, unknown> {
  let config: Record<string, unknown> = {};
  if (configFile) {
    if (!existsSync(configFile)) throw new ConfigError(`--config: ${configFile}: no such file`);
    try {
      config = JSON.parse(readFileSync(configFile, "utf8"));
    } catch (error) {
      throw new ConfigError(`--config: ${configFile}: not valid JSON (${(error as Error).message})`);
    }
  }
  const options = command.opts();
  for (const flag of flags) {
    const value = options[keyOf(flag.flags)];
    if (value !== undefined) setPath(config, flag.path, value);
  }
  return config;
}
