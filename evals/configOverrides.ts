import { existsSync, readFileSync } from "node:fs";
import { ConfigError } from "../tools/errors.js";

/** The `--config` overrides: inline JSON or a JSON file, an object. */
export function configOverrides(value: string | undefined): Record<string, unknown> {
  if (value === undefined) return {};
  let parsed: unknown;
  try {
    parsed = JSON.parse(existsSync(value) ? readFileSync(value, "utf8") : value);
  } catch (error) {
    throw new ConfigError(`--config: neither a JSON file nor JSON (${(error as Error).message})`);
  }
  if (!parsed || typeof parsed !== "object" || Array.isArray(parsed)) throw new ConfigError("--config: a run config must be a JSON object");
  return parsed as Record<string, unknown>;
}
