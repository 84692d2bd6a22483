import * as vega from "vega";
import { compile, type TopLevelSpec } from "vega-lite";

/** One point of a learning curve: accuracy in [0, 1] after so many labels, dollars and (where measured) seconds. */
export interface CurvePoint {
  readonly labels: number;
  readonly usd: number;
  /** Wall seconds so far; needed for the seconds axis (points without it are left out there). */
  readonly seconds?: number;
  readonly accuracy: number;
  /** Spread over seeds, drawn as a ±1 std band when given. */
  readonly accuracyStd?: number;
}

export interface CurveSeries {
  readonly name: string;
  readonly points: readonly CurvePoint[];
  /** Drawn dashed: a reference to read the others against (a peer library's curve). */
  readonly dashed?: boolean;
}

export interface CurvePlot {
  readonly title: string;
  readonly subtitle?: string;
  /** x: labels, USD spent, or wall seconds. */
  readonly axis: "labels" | "usd" | "seconds";
  /** Title of the legend; no legend when there is one series and no title. */
  readonly legendTitle?: string;
  /** The full-data accuracy, drawn as a dashed rule. */
  readonly fullDataAccuracy?: number;
  readonly width?: number;
  readonly height?: number;
}

/**
 * An SVG learning curve: test accuracy as a line per series (with a ±1 std band where the points
 * have one) against labels or USD spent, rendered by vega-lite without a browser. The benchmark
 * draws its per-dataset plots with it, and the labelling page its thread's curve so far.
 */
export async function learningCurveSvg(series: readonly CurveSeries[], plot: CurvePlot): Promise<string> {
  const xOf = (p: CurvePoint) => (plot.axis === "labels" ? p.labels : plot.axis === "usd" ? p.usd : (p.seconds ?? Number.NaN));
  const points = series.flatMap((s) =>
    s.points
      .filter((p) => Number.isFinite(xOf(p)))
      .map((p) => ({
        series: s.name,
        kind: s.dashed ? "reference" : "main",
        x: xOf(p),
        accuracy: 100 * p.accuracy,
        low: 100 * (p.accuracy - (p.accuracyStd ?? 0)),
        high: 100 * (p.accuracy + (p.accuracyStd ?? 0)),
      })),
  );
  const banded = series.some((s) => s.points.some((p) => p.accuracyStd !== undefined));
  const dashed = series.some((s) => s.dashed);
  // Human fees and LLM tokens (and a free local model's $0) differ by orders of magnitude: a log
  // axis keeps the curves readable, symmetric-log where a point sits at 0 (log has no 0).
  const xs = points.map((p) => p.x).filter((v) => v > 0);
  const spread = plot.axis !== "labels" && xs.length > 0 && Math.max(...xs) / Math.min(...xs) > 20;
  const scaleType = !spread ? null : points.some((p) => p.x <= 0) ? ("symlog" as const) : ("log" as const);
  const unit = plot.axis === "usd" ? "USD spent" : "wall seconds";
  const xTitle = plot.axis === "labels" ? "labels" : `${unit}${scaleType ? ` (${scaleType === "log" ? "log" : "symmetric log"} scale)` : ""}`;
  const format = plot.axis === "labels" ? "~f" : plot.axis === "seconds" ? "~r" : scaleType ? "$.3~g" : "$.2f";
  const x = {
    field: "x",
    type: "quantitative" as const,
    title: xTitle,
    // "~f" rather than vega's default, which prints a lone point's tick as 30.000000.
    axis: { format },
    // symlog is linear below its constant: the smallest positive x keeps the cheapest curve apart from $0.
    ...(scaleType === "log"
      ? { scale: { type: "log" as const } }
      : scaleType === "symlog"
        ? { scale: { type: "symlog" as const, constant: Math.min(...xs) } }
        : {}),
  };
  // One legend for band and line, drawn as solid strokes (the band's opacity would fade it).
  const showLegend = series.length > 1 || plot.legendTitle !== undefined;
  const color = {
    field: "series",
    type: "nominal" as const,
    ...(showLegend
      ? { title: plot.legendTitle ?? null, legend: { symbolType: "stroke", symbolOpacity: 1, symbolStrokeWidth: 2, titleLimit: 480, labelLimit: 480 } }
      : { legend: null }),
  };
  const layers: object[] = [];
  if (banded) {
    layers.push({
      mark: { type: "area", opacity: 0.15 },
      encoding: { x, y: { field: "low", type: "quantitative" }, y2: { field: "high" }, color },
    });
  }
  layers.push({
    mark: { type: "line", point: { size: 18 } },
    encoding: {
      x,
      y: { field: "accuracy", type: "quantitative", title: "test accuracy (%)", scale: { zero: false }, axis: { format: ".1~f" } },
      color,
      ...(dashed ? { strokeDash: { field: "kind", type: "nominal", sort: ["main"], legend: null } } : {}),
    },
  });
  if (plot.fullDataAccuracy !== undefined) {
    layers.push({
      data: { values: [{ bound: 100 * plot.fullDataAccuracy, label: `full data ${(100 * plot.fullDataAccuracy).toFixed(1)}%` }] },
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
    title: { text: plot.title, ...(plot.subtitle ? { subtitle: plot.subtitle } : {}) },
    width: plot.width ?? 520,
    height: plot.height ?? 320,
    data: { values: points },
    layer: layers,
  } as TopLevelSpec;
  const view = new vega.View(vega.parse(compile(spec).spec), { renderer: "none" });
  return view.toSVG();
}
