import { groupBy } from "./summarize.js";
import { IDEAL_SHARE, stopQuality, type StopOutcome, type StopQuality } from "./stopQuality.js";

const signed = (value: number, digits = 1): string => `${value > 0 ? "+" : value < 0 ? "−" : ""}${Math.abs(value).toFixed(digits)}`;

function table(qualities: readonly StopQuality[]): string[] {
  const lines = [
    "| criterion | fired | early / on time / late | rounds vs ideal, mean ± std (median, range) | accuracy lost (points) | USD wasted | USD saved |",
    "| --- | ---: | ---: | ---: | ---: | ---: | ---: |",
  ];
  for (const q of qualities) {
    const off = q.roundsOff;
    lines.push(
      `| ${q.candidate} | ${q.fired}/${q.cells} | ${q.early} / ${q.onTime} / ${q.late} | ${signed(off.mean)} ± ${off.std.toFixed(1)} (${signed(off.median, 0)}, ${signed(off.min, 0)}…${signed(off.max, 0)}) | ${(100 * q.accuracyLost).toFixed(2)} | ${q.usdWasted.toFixed(2)} | ${q.usdSaved.toFixed(2)} |`,
    );
  }
  return lines;
}

/** The "how well each criterion stops" section of report.md: over all cells, then per dataset. */
export function stopQualityMarkdown(outcomes: readonly StopOutcome[], skippedCells: number): string {
  const lines = [
    "## How well each stopping criterion stops",
    "",
    `Each criterion is replayed on every finished cell (dataset × strategy × annotator × seed), asked after every round as the`,
    `run would have asked it. The ideal stop is the first round whose accuracy reaches ${100 * IDEAL_SHARE}% of the cell's final`,
    "accuracy. fired: cells where the criterion stopped the run before its budget did (otherwise it stops at the last",
    "round). Rounds vs ideal: negative is early. Accuracy lost: accuracy at the ideal stop minus at the criterion's, when",
    "early; USD wasted: spent after the ideal stop, when late; USD saved: left of the full run's spend. All three are means",
    "over cells, counting 0 where they do not apply. The benchmark's test split is also the plateau's validation set, so",
    "plateau and cost-aware criteria see the very curve they are judged on: a best case for them.",
    "",
  ];
  if (skippedCells > 0) lines.push(`${skippedCells} cell(s) recorded before stop signals existed are left out.`, "");
  if (outcomes.length === 0) return `${[...lines, "No cell to replay."].join("\n")}\n`;
  const cells = new Set(outcomes.map((o) => `${o.dataset}|${o.strategy}|${o.annotator}|${o.seed}`)).size;
  lines.push(`### All datasets (${cells} cells)`, "", ...table(stopQuality(outcomes)), "");
  for (const [dataset, group] of groupBy(outcomes, (o) => o.dataset)) {
    lines.push(`### ${dataset}`, "", ...table(stopQuality(group)), "");
  }
  return `${lines.join("\n").trimEnd()}\n`;
}

const CSV_COLUMNS = [
  "scope",
  "criterion",
  "cells",
  "fired",
  "early",
  "on_time",
  "late",
  "rounds_off_mean",
  "rounds_off_std",
  "rounds_off_median",
  "rounds_off_min",
  "rounds_off_max",
  "accuracy_lost_mean",
  "usd_wasted_mean",
  "usd_saved_mean",
] as const;

/** stopping.csv: the same figures, one row per scope (all, then each dataset) × criterion; accuracy as a fraction. */
export function stopQualityCsv(outcomes: readonly StopOutcome[]): string {
  const scopes: Array<[string, readonly StopOutcome[]]> = [["all", outcomes], ...groupBy(outcomes, (o) => o.dataset).entries()];
  const quote = (cell: string) => (/[",\n]/.test(cell) ? `"${cell.replace(/"/g, '""')}"` : cell);
  const rows = scopes.flatMap(([scope, group]) =>
    stopQuality(group).map((q) => [
      scope,
      q.candidate,
      q.cells,
      q.fired,
      q.early,
      q.onTime,
      q.late,
      q.roundsOff.mean,
      q.roundsOff.std,
      q.roundsOff.median,
      q.roundsOff.min,
      q.roundsOff.max,
      q.accuracyLost,
      q.usdWasted,
      q.usdSaved,
    ]),
  );
  return (
    [CSV_COLUMNS.join(","), ...rows.map((row) => row.map((cell) => (typeof cell === "number" ? String(Number(cell.toFixed(6))) : quote(cell))).join(","))].join(
      "\n",
    ) + "\n"
  );
}
