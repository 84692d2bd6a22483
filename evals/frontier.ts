import type { ResultRow } from "./results.js";
import { groupBy, meanStd } from "./summarize.js";
import { frontierSvg, type FrontierSeries } from "../tools/plots/frontierSvg.js";
import { datasetFileStem } from "./datasets.js";

/** One annotation policy of one dataset, over seeds: final USD, label accuracy (vs gold) and test accuracy. */
export interface PolicyPoint {
  /** The dataset, with the query strategy in parentheses when the run had several. */
  readonly dataset: string;
  readonly annotator: string;
  readonly seeds: number;
  readonly usd: number;
  readonly labelAccuracy: { mean: number; std: number };
  readonly testAccuracy: { mean: number; std: number };
}

const isRouter = (annotator: string) => annotator === "value" || annotator.startsWith("value@") || annotator.startsWith("value-cascade");

/** The last row of every cell, grouped by dataset, strategy and annotator. */
export function policyPoints(cells: readonly (readonly ResultRow[])[]): PolicyPoint[] {
  const last = cells.map((rows) => rows[rows.length - 1]).filter((row) => row.labelAccuracy !== undefined);
  const several = new Set(last.map((row) => row.strategy)).size > 1;
  return [...groupBy(last, (row) => `${row.dataset}|${row.strategy}|${row.annotator}`).values()].map((rows) => ({
    dataset: several ? `${rows[0].dataset} (${rows[0].strategy})` : rows[0].dataset,
    annotator: rows[0].annotator,
    seeds: rows.length,
    usd: rows.reduce((sum, row) => sum + row.usd, 0) / rows.length,
    labelAccuracy: meanStd(rows.map((row) => row.labelAccuracy!)),
    testAccuracy: meanStd(rows.map((row) => row.accuracy)),
  }));
}

/**
 * For each router point, the cheapest fixed policy (a threshold, LLM only or people only) whose
 * label accuracy is at least the router's: what the same label accuracy costs without the router.
 */
export function cheapestFixedAtLeast(points: readonly PolicyPoint[], router: PolicyPoint): PolicyPoint | null {
  const fixed = points.filter((p) => p.dataset === router.dataset && !isRouter(p.annotator) && p.labelAccuracy.mean >= router.labelAccuracy.mean);
  return fixed.reduce<PolicyPoint | null>((best, p) => (best === null || p.usd < best.usd ? p : best), null);
}

const pct = (x: number) => (100 * x).toFixed(1);

/** report.md's frontier section: a table per dataset, the plots, and the router against the cheapest fixed policy as good. */
export function frontierMarkdown(points: readonly PolicyPoint[], plots: Record<string, string[]>): string {
  if (!points.some((p) => isRouter(p.annotator))) return "";
  const lines = [
    "## Annotation frontier: accuracy against USD",
    "",
    "Label accuracy: share of the run's labels that agree with the gold labels; test accuracy: the target model's, at the end.",
    "Mean ± std over seeds. All annotators are simulated. `hybrid@T`: people review LLM labels below confidence T; `value@V`:",
    "the value router with a right label worth $V; `cascade@E@T`: a strong LLM (gpt-4o) asked below confidence E, people below T; `value-cascade@V`:",
    "the router choosing among the cheap label, the strong LLM and people. The last column: the cheapest fixed policy with at least the router's label accuracy.",
    "",
  ];
  for (const [dataset, group] of groupBy(points, (p) => p.dataset)) {
    lines.push(
      `### ${dataset}`,
      "",
      "| annotator | seeds | USD | label accuracy | test accuracy | cheapest fixed policy as good |",
      "| --- | ---: | ---: | ---: | ---: | --- |",
    );
    for (const p of [...group].sort((a, b) => a.usd - b.usd)) {
      const fixed = isRouter(p.annotator) ? cheapestFixedAtLeast(points, p) : null;
      const versus = isRouter(p.annotator) ? (fixed ? `${fixed.annotator} at $${fixed.usd.toFixed(2)}` : "none") : "";
      lines.push(
        `| ${p.annotator} | ${p.seeds} | ${p.usd.toFixed(2)} | ${pct(p.labelAccuracy.mean)} ± ${pct(p.labelAccuracy.std)} | ${pct(p.testAccuracy.mean)} ± ${pct(p.testAccuracy.std)} | ${versus} |`,
      );
    }
    lines.push("", ...(plots[dataset] ?? []).map((file) => `![${dataset}](${file})`), "");
  }
  return `${lines.join("\n")}\n`;
}

/** Two SVGs per dataset: label accuracy and test accuracy against USD, the router's points against the fixed policies'. */
export async function frontierPlots(points: readonly PolicyPoint[]): Promise<Map<string, Record<string, string>>> {
  const out = new Map<string, Record<string, string>>();
  for (const [dataset, group] of groupBy(points, (p) => p.dataset)) {
    if (!group.some((p) => isRouter(p.annotator))) continue;
    const seeds = Math.max(...group.map((p) => p.seeds));
    const files: Record<string, string> = {};
    for (const [kind, of] of [
      ["labels", (p: PolicyPoint) => p.labelAccuracy.mean],
      ["test", (p: PolicyPoint) => p.testAccuracy.mean],
    ] as const) {
      const series: FrontierSeries[] = [
        {
          name: "fixed threshold",
          points: group.filter((p) => !isRouter(p.annotator)).map((p) => ({ usd: p.usd, value: of(p), label: short(p.annotator) })),
        },
        { name: "value router", points: group.filter((p) => isRouter(p.annotator)).map((p) => ({ usd: p.usd, value: of(p), label: short(p.annotator) })) },
      ];
      files[`${datasetFileStem(dataset)}-frontier-${kind}.svg`] = await frontierSvg(series, {
        title: `${dataset}: ${kind === "labels" ? "label" : "test"} accuracy vs USD (simulated annotators)`,
        subtitle: `mean over ${seeds} seed${seeds > 1 ? "s" : ""}; people at the protocol's fee, LLM simulated as gpt-4o-mini`,
        yTitle: kind === "labels" ? "label accuracy (%)" : "test accuracy (%)",
      });
    }
    out.set(dataset, files);
  }
  return out;
}

function short(annotator: string): string {
  if (annotator === "oracle") return "people";
  if (annotator === "llm") return "LLM";
  return annotator.replace("hybrid@", "").replace("value-cascade@", "c$").replace("value@", "$").replace("cascade@", "c");
}
