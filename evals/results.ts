import { appendFileSync, existsSync, readFileSync, writeFileSync } from "node:fs";
import { z } from "zod";
import { StopSignalsSchema } from "../tools/metrics/roundMetrics.js";
import { StopReasonSchema } from "../tools/stopping/types.js";

/** One row of results.jsonl: a round of one cell. */
export const ResultRowSchema = z
  .object({
    key: z.string(),
    protocol: z.string(),
    dataset: z.string(),
    strategy: z.string(),
    /** The target model's kind; absent in results recorded before models were an axis (softmax). */
    model: z.string().optional(),
    annotator: z.string(),
    /** Whether everything in the cell is simulated (the gold oracle is: labels come from the dataset); false when a real local model labels, generates or selects. */
    simulated: z.boolean(),
    /**
     * The cell's LLMs as reports name them: the annotator's, a real model with its quantization ("SmolLM2-135M-Instruct Q4_1") or "simulated
     * gpt-4o-mini", then those `--config` gives other roles ("generation: SmolLM2-135M-Instruct Q4_1"); absent without an LLM.
     */
    llm: z.string().optional(),
    seed: z.number().int(),
    round: z.number().int(),
    labels: z.number().int(),
    usd: z.number(),
    accuracy: z.number(),
    macroF1: z.number(),
    stageMs: z.record(z.string(), z.number()),
    /** Wall seconds the cell has taken up to the end of this round (its stages summed); absent in results recorded before. */
    seconds: z.number().min(0).optional(),
    /** On the last row, with an LLM: the seconds the LLM computed (the ledger's, summed over models; 0 for remote or simulated ones that report none). */
    llmSeconds: z.number().min(0).optional(),
    /** What the round counted (generated and rejected items, a round the class-coverage guard took…); absent when nothing. */
    counters: z.record(z.string(), z.number()).optional(),
    /** Under strategy "auto": the query method the bandit chose for the round. */
    chosen: z.string().optional(),
    /** Share of the labels so far that agree with the gold labels (the annotator's label accuracy). */
    labelAccuracy: z.number().min(0).max(1).optional(),
    /** What the learning stopping criteria read (kappa, changed share, ΔF, uncertainty), so they can be replayed; absent in results recorded before. */
    stopSignals: StopSignalsSchema.optional(),
    /** On the cell's last row only: why it stopped. Its presence marks the cell complete. */
    stopReason: StopReasonSchema.optional(),
  })
  .strict();
export type ResultRow = z.infer<typeof ResultRowSchema>;

/**
 * The complete cells of a results file, by key. Rows of a cell cut off by a crash (no row with a
 * stop reason) or a torn last line are dropped and the file is rewritten without them, so that
 * the cell runs again from the start.
 */
export function loadCompleteCells(path: string): Map<string, ResultRow[]> {
  const cells = new Map<string, ResultRow[]>();
  if (!existsSync(path)) return cells;
  const lines = readFileSync(path, "utf8")
    .split("\n")
    .filter((line) => line.trim().length > 0);
  let dropped = 0;
  for (const line of lines) {
    let row: ResultRow;
    try {
      row = ResultRowSchema.parse(JSON.parse(line));
    } catch {
      dropped++;
      continue;
    }
    cells.set(row.key, [...(cells.get(row.key) ?? []), row]);
  }
  for (const [key, rows] of cells) {
    if (!rows.some((row) => row.stopReason)) {
      cells.delete(key);
      dropped += rows.length;
    }
  }
  if (dropped > 0)
    writeFileSync(
      path,
      [...cells.values()]
        .flat()
        .map((row) => `${JSON.stringify(row)}\n`)
        .join(""),
    );
  return cells;
}

/** Appends a finished cell's rows in one write. */
export function appendCell(path: string, rows: readonly ResultRow[]): void {
  appendFileSync(path, rows.map((row) => `${JSON.stringify(row)}\n`).join(""));
}
