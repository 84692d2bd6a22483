import * as vega from "vega";
import { compile, type TopLevelSpec } from "vega-lite";
import { isPeerStrategyName, SMALL_TEXT } from "./peers/smallTextMethods.js";
import type { SeriesSummary } from "./summarize.js";

/**
 * An SVG learning curve for one dataset: mean accuracy over seeds as a line per strategy (and
 * annotator), a ±1 std band around it, and the full-data accuracy as a dashed rule. `axis` picks
 * labels or USD spent for x.
 */
export async function learningCurveSvg(
  dataset: string,
  series: readonly SeriesSummary[],
  fullDataAccuracy: number | undefined,
  axis: "labels" | "usd",
): Promise<string> {
  const multipleAnnotators = new Set(series.map((s) => s.annotator)).size > 1;
  const points = series.flatMap((s) =>
    s.curve.map((p) => ({
      series: multipleAnnotators ? `${s.strategy} / ${s.annotator}${s.simulated ? "*" : ""}` : s.strategy,
      source: isPeerStrategyName(s.strategy) ? `${SMALL_TEXT} (peer)` : "activegraph",
      x: axis === "labels" ? p.labels : p.usd,
      accuracy: 100 * p.accuracy,
      low: 100 * (p.accuracy - p.accuracyStd),
      high: 100 * (p.accuracy + p.accuracyStd),
    })),
  );
  const seeds = Math.max(...series.map((s) => s.seeds));
  const hasPeer = points.some((p) => p.source !== "activegraph");
  // Human fees and LLM tokens differ by orders of magnitude: a log axis keeps both curves readable.
  const xs = points.map((p) => p.x).filter((v) => v > 0);
  const logScale = axis === "usd" && xs.length > 0 && Math.max(...xs) / Math.min(...xs) > 20;
  const xTitle = axis === "labels" ? "labels" : `USD spent${logScale ? " (log scale)" : ""}`;
  const x = {
    field: "x",
    type: "quantitative" as const,
    title: xTitle,
    ...(axis === "usd" ? { axis: { format: logScale ? "$.3~g" : "$.2f" } } : {}),
    ...(logScale ? { scale: { type: "log" as const } } : {}),
  };
  // One legend for band and line, drawn as solid strokes (the band's opacity would fade it).
  const color = {
    field: "series",
    type: "nominal" as const,
    title: multipleAnnotators ? "strategy / annotator (* simulated)" : "strategy",
    legend: { symbolType: "stroke", symbolOpacity: 1, symbolStrokeWidth: 2, titleLimit: 320, labelLimit: 320 },
  };
  const layers: object[] = [
    {
      mark: { type: "area", opacity: 0.15 },
      encoding: { x, y: { field: "low", type: "quantitative" }, y2: { field: "high" }, color },
    },
    {
      mark: { type: "line", point: { size: 18 } },
      encoding: {
        x,
        y: { field: "accuracy", type: "quantitative", title: "test accuracy (%)", scale: { zero: false } },
        color,
        // The peer's curves are dashed, so they read as the reference they are.
        ...(hasPeer ? { strokeDash: { field: "source", type: "nominal", sort: ["activegraph"], legend: null } } : {}),
      },
    },
  ];
  if (fullDataAccuracy !== undefined) {
    layers.push({
      data: { values: [{ bound: 100 * fullDataAccuracy, label: `full data ${(100 * fullDataAccuracy).toFixed(1)}%` }] },
      layer: [
        { mark: { type: "rule", strokeDash: [6, 4], color: "#555" }, encoding: { y: { field: "bound", type: "quantitative" } } },
        {
          mark: { type: "text", align: "right", dy: -6, color: "#555", x: "width" },
          encoding: { y: { field: "bound", type: "quantitative" }, text: { field: "label" } },
        },
      ],
    });
  }
  const spec: TopLevelSpec = {
    $schema: "https://vega.github.io/schema/vega-lite/v6.json",
    title: {
      text: `${dataset}: accuracy vs ${axis === "labels" ? "labels" : "USD spent"}`,
      subtitle: `mean ± 1 std over ${seeds} seed${seeds > 1 ? "s" : ""}${hasPeer ? `; dashed: ${SMALL_TEXT}, the peer` : ""}`,
    },
    width: 520,
    height: 320,
    data: { values: points },
    layer: layers,
  } as TopLevelSpec;
  const view = new vega.View(vega.parse(compile(spec).spec), { renderer: "none" });
  return view.toSVG();
}
