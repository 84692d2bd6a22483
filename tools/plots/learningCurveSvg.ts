import * as vega from "vega";
import { compile, type TopLevelSpec } from "vega-lite";

/** One point of a learning curve: accuracy in [0, 1] after so many labels and dollars. */
export interface CurvePoint {
  readonly labels: number;
  readonly usd: number;
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
  /** x: labels or USD spent. */
  readonly axis: "labels" | "usd";
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
  const points = series.flatMap((s) =>
    s.points.map((p) => ({
      series: s.name,
      kind: s.dashed ? "reference" : "main",
      x: plot.axis === "labels" ? p.labels : p.usd,
      accuracy: 100 * p.accuracy,
      low: 100 * (p.accuracy - (p.accuracyStd ?? 0)),
      high: 100 * (p.accuracy + (p.accuracyStd ?? 0)),
    })),
  );
  const banded = series.some((s) => s.points.some((p) => p.accuracyStd !== undefined));
  const dashed = series.some((s) => s.dashed);
  // Human fees and LLM tokens differ by orders of magnitude: a log axis keeps both curves readable.
  const xs = points.map((p) => p.x).filter((v) => v > 0);
  const logScale = plot.axis === "usd" && xs.length > 0 && Math.max(...xs) / Math.min(...xs) > 20;
  const xTitle = plot.axis === "labels" ? "labels" : `USD spent${logScale ? " (log scale)" : ""}`;
  const x = {
    field: "x",
    type: "quantitative" as const,
    title: xTitle,
    // "~f" rather than vega's default, which prints a lone point's tick as 30.000000.
    axis: { format: plot.axis === "labels" ? "~f" : logScale ? "$.3~g" : "$.2f" },
    ...(logScale ? { scale: { type: "log" as const } } : {}),
  };
  // One legend for band and line, drawn as solid strokes (the band's opacity would fade it).
  const showLegend = series.length > 1 || plot.legendTitle !== undefined;
  const color = {
    field: "series",
    type: "nominal" as const,
    ...(showLegend
      ? { title: plot.legendTitle ?? null, legend: { symbolType: "stroke", symbolOpacity: 1, symbolStrokeWidth: 2, titleLimit: 320, labelLimit: 320 } }
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
