import { readFileSync } from "node:fs";
import { join } from "node:path";
import type { LabelRow } from "./compareRuns.js";
import type { Backend, HarnessOptions } from "./harness.js";
import type { Scenario } from "./scenarios.js";

/**
 * Where a thread's LLM is served, and its own response cache (with its spend journal): threads
 * share no answer, so none gets for free what another paid for (a loopback port may be reused).
 */
export function llmArgs(scenario: Scenario, out: string, server: { baseUrl: string } | null): string[] {
  if (!scenario.llm) return [];
  return ["--llm-cache", join(out, "llm.sqlite"), ...(server ? ["--llm-base-url", server.baseUrl] : [])];
}

/** Where a run's checkpoints and results go. */
export function where(backend: Backend, options: HarnessOptions, out: string, thread: string): string[] {
  return ["--out", out, "--thread", thread, ...(backend === "postgres" ? ["--checkpointer", options.postgresUrl!] : [])];
}

/** The label records a run wrote, as the harness compares them. */
export function readLabels(path: string): Array<LabelRow & { source: string }> {
  return readFileSync(path, "utf8")
    .trim()
    .split("\n")
    .filter((line) => line.length > 0)
    .map((line) => JSON.parse(line))
    .map((row) => ({ id: row.id, label: row.label, round: row.round, source: row.source }));
}

/** The line of a child's stderr that says what went wrong (not a stack frame). */
export function firstError(stderr: string): string {
  const lines = stderr.split("\n").map((line) => line.trim());
  return lines.find((line) => line.startsWith("activegraph:")) ?? lines.find((line) => line && !line.startsWith("at ")) ?? "";
}
