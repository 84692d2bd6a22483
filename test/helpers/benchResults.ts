import { readFileSync } from "node:fs";
import { join } from "node:path";
import { type ResultRow, ResultRowSchema } from "../../evals/results.js";

/**
 * The rows of a benchmark's `results.jsonl` in `out`, each parsed by the schema: a malformed row
 * fails the test (evals/results.ts's loadCompleteCells would drop it and run its cell again).
 */
export function readResultRows(out: string): ResultRow[] {
  return readFileSync(join(out, "results.jsonl"), "utf8")
    .trim()
    .split("\n")
    .map((line) => ResultRowSchema.parse(JSON.parse(line)));
}
