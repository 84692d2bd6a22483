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

const isPlainObject = (value: unknown): value is Record<string, unknown> => !!value && typeof value === "object" && !Array.isArray(value);

/**
 * A cell's own setting with the `--config` overrides laid over it, object by object: an annotator
 * named on `--annotators` keeps its kind, LLM and route, and `--config` can still set a field inside
 * it (e.g. `{"annotator":{"value":{"byAgreement":true}}}`).
 */
export function withOverrides(base: Record<string, unknown>, overrides: unknown): Record<string, unknown> {
  if (!isPlainObject(overrides)) return base;
  const merged: Record<string, unknown> = { ...base };
  for (const [key, value] of Object.entries(overrides)) {
    merged[key] = isPlainObject(value) && isPlainObject(base[key]) ? withOverrides(base[key], value) : value;
  }
  return merged;
}
