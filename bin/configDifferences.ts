import type { RunConfig } from "../runtime/config/runConfig.js";
import { CONFIG_FLAGS } from "./runFlags.js";

/**
 * Each field in which `requested` differs from a thread's config, named as the user would type it
 * (`--batch-size differs: 10 in the thread, 20 given`), down to the leaf that differs.
 */
export function configDifferences(thread: RunConfig, requested: RunConfig): string[] {
  const out: string[] = [];
  const walk = (a: unknown, b: unknown, path: string[]) => {
    if (JSON.stringify(a) === JSON.stringify(b)) return;
    const flag = CONFIG_FLAGS.find((candidate) => candidate.path.join(".") === path.join("."));
    const plain = (value: unknown) => value && typeof value === "object" && !Array.isArray(value);
    if (!flag && plain(a) && plain(b)) {
      for (const key of new Set([...Object.keys(a as object), ...Object.keys(b as object)]))
        walk((a as Record<string, unknown>)[key], (b as Record<string, unknown>)[key], [...path, key]);
      return;
    }
    const name = flag ? flag.flags.split(" ")[0] : path[0] === "dataset" ? `--dataset (${path.join(".")})` : path.join(".");
    out.push(`${name} differs: ${show(a)} in the thread, ${show(b)} given`);
  };
  walk(thread, requested, []);
  return out;
}

function show(value: unknown): string {
  if (value === undefined) return "none";
  const text = typeof value === "string" ? value : JSON.stringify(value);
  return text.length > 60 ? `${text.slice(0, 57)}…` : text;
}
