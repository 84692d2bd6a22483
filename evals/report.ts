import type { SeriesSummary } from "./summarize.js";
import { groupBy } from "./summarize.js";

export interface UpperBound {
  readonly accuracy: number;
  readonly macroF1: number;
  readonly trainSize: number;
}

const pct = (value: number): string => (Number.isFinite(value) ? (100 * value).toFixed(1) : "–");
const secs = (value: number): string => (Number.isFinite(value) ? value.toFixed(value < 10 ? 1 : 0) : "–");
const pm = ({ mean, std }: { mean: number; std: number }): string => `${pct(mean)} ± ${pct(std)}`;

/** report.md: one table per dataset, the full-data upper bound in each, and the plots. */
export function reportMarkdown(
  summaries: readonly SeriesSummary[],
  bounds: Record<string, UpperBound>,
  meta: { protocol: string; command: string; plots: Record<string, string[]> },
): string {
  const lines = [
    "# activegraph benchmark",
    "",
    `Protocol \`${meta.protocol}\`. Regenerate with \`${meta.command}\`.`,
    "",
    "Final accuracy and macro-F1 on the test split (mean ± std over seeds, %); AUC: normalized area under the",
    "accuracy-vs-labels curve (%); labels@95%: labels at which the mean curve first reaches 95% of the full-data",
    "accuracy; label acc.: share of the final labels that agree with gold; USD: mean spend (human fees and LLM tokens); wall s: mean seconds a cell took (all stages), LLM s: of",
    "them, the seconds the LLM computed (the ledger's). Annotators marked * are simulated throughout; LLM names a real model",
    "with its quantization, or says simulated, and the role of an LLM that does not label (generation: …, selection: …).",
    "People always answer from the gold labels (simulated).",
    "",
  ];
  for (const [dataset, series] of groupBy(summaries, (s) => s.dataset)) {
    const bound = bounds[dataset];
    lines.push(`## ${dataset}`, "");
    lines.push("| strategy | annotator | LLM | seeds | final accuracy | final macro-F1 | AUC | labels@95% | label acc. | USD | wall s | LLM s |");
    lines.push("| --- | --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |");
    for (const s of series) {
      lines.push(
        `| ${s.strategy} | ${s.annotator}${s.simulated ? "*" : ""} | ${s.llm ?? "–"} | ${s.seeds} | ${pm(s.finalAccuracy)} | ${pm(s.finalMacroF1)} | ${pm(s.auc)} | ${s.labelsTo95 ?? "not reached"} | ${pct(s.curve.at(-1)?.labelAccuracy ?? Number.NaN)} | ${s.usd.toFixed(2)} | ${secs(s.seconds)} | ${s.llmSeconds === undefined ? "–" : secs(s.llmSeconds)} |`,
      );
    }
    if (bound) {
      lines.push(`| *full data (upper bound)* | gold | – | – | ${pct(bound.accuracy)} | ${pct(bound.macroF1)} | – | ${bound.trainSize} | – | – | – | – |`);
    }
    lines.push("");
    for (const plot of meta.plots[dataset] ?? []) lines.push(`![${dataset}](${plot})`);
    lines.push("");
  }
  return `${lines.join("\n").trimEnd()}\n`;
}

const CSV_COLUMNS = [
  "dataset",
  "strategy",
  "annotator",
  "llm",
  "simulated",
  "seeds",
  "final_accuracy_mean",
  "final_accuracy_std",
  "final_macro_f1_mean",
  "final_macro_f1_std",
  "auc_mean",
  "auc_std",
  "labels_to_95",
  "usd",
  "seconds",
  "llm_seconds",
  "full_data_accuracy",
] as const;

/** summary.csv: the report's figures, one row per dataset × strategy × annotator, as fractions. */
export function summaryCsv(summaries: readonly SeriesSummary[], bounds: Record<string, UpperBound>): string {
  const rows = summaries.map((s) => [
    s.dataset,
    s.strategy,
    s.annotator,
    s.llm ?? "",
    s.simulated,
    s.seeds,
    s.finalAccuracy.mean,
    s.finalAccuracy.std,
    s.finalMacroF1.mean,
    s.finalMacroF1.std,
    s.auc.mean,
    s.auc.std,
    s.labelsTo95 ?? "",
    s.usd,
    Number.isFinite(s.seconds) ? s.seconds : "",
    s.llmSeconds ?? "",
    bounds[s.dataset]?.accuracy ?? "",
  ]);
  return (
    [CSV_COLUMNS.join(","), ...rows.map((row) => row.map((cell) => (typeof cell === "number" ? Number(cell.toFixed(6)) : cell)).join(","))].join("\n") + "\n"
  );
}

/**
 * curves.csv: every series' mean learning curve, one row per round, with the three x axes the plots
 * use (labels, USD, wall seconds), so curves against money and time can be read without the plots.
 */
export function curvesCsv(summaries: readonly SeriesSummary[]): string {
  const header = "dataset,strategy,annotator,llm,simulated,round,labels,usd,seconds,accuracy,accuracy_std,macro_f1,label_accuracy";
  const number = (value: number) => (Number.isFinite(value) ? Number(value.toFixed(6)) : "");
  const rows = summaries.flatMap((s) =>
    s.curve.map((p) =>
      [
        s.dataset,
        s.strategy,
        s.annotator,
        s.llm ?? "",
        s.simulated,
        p.round,
        ...[p.labels, p.usd, p.seconds, p.accuracy, p.accuracyStd, p.macroF1, p.labelAccuracy].map(number),
      ].join(","),
    ),
  );
  return `${[header, ...rows].join("\n")}\n`;
}
