import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";

/** A markdown table (GitHub flavour) of string cells. */
export function markdownTable(head: readonly string[], rows: ReadonlyArray<ReadonlyArray<string | number>>): string {
  const line = (cells: ReadonlyArray<string | number>) => `| ${cells.join(" | ")} |`;
  return [line(head), line(head.map(() => "---")), ...rows.map(line)].join("\n");
}

/** Writes a benchmark's figures under results/paradigms/ (git-ignored), named by cell and time. */
export function writeParadigmResults(name: string, content: unknown): string {
  const dir = join("results", "paradigms");
  mkdirSync(dir, { recursive: true });
  const path = join(dir, `${name}-${new Date().toISOString().replace(/[:.]/g, "-")}.json`);
  writeFileSync(path, `${JSON.stringify(content, null, 2)}\n`);
  return path;
}

export const mean = (values: readonly number[]): number => values.reduce((a, b) => a + b, 0) / Math.max(1, values.length);
