import * as vega from "vega";
import { compile, type TopLevelSpec } from "vega-lite";

/** One policy on a cost frontier: what it spent and what it got (in [0, 1]), with a short label. */
export interface FrontierPoint {
  readonly usd: number;
  readonly value: number;
  readonly label: string;
}

export interface FrontierSeries {
  readonly name: string;
  readonly points: readonly FrontierPoint[];
}

/**
 * An SVG cost frontier: each series' policies as points joined in order of cost, each point named
 * (the first series' names above its points, the others' below, so they do not overlap). USD is on a
 * linear axis: an LLM-only policy sits at the left edge, and the policies that differ are spread
 * out. Rendered by vega-lite without a browser, like the learning curves.
 */
export async function frontierSvg(series: readonly FrontierSeries[], plot: { title: string; subtitle?: string; yTitle: string }): Promise<string> {
  const values = series.flatMap((s) =>
    [...s.points].sort((a, b) => a.usd - b.usd).map((p, order) => ({ series: s.name, usd: p.usd, y: 100 * p.value, label: p.label, order })),
  );
  const x = { field: "usd", type: "quantitative" as const, title: "USD spent", axis: { format: "$.0f" } };
  const y = { field: "y", type: "quantitative" as const, title: plot.yTitle, scale: { zero: false }, axis: { format: ".1~f" } };
  const color = { field: "series", type: "nominal" as const, title: null, legend: { orient: "bottom-right" as const, labelLimit: 320 } };
  const spec = {
    $schema: "https://vega.github.io/schema/vega-lite/v6.json",
    title: { text: plot.title, ...(plot.subtitle ? { subtitle: plot.subtitle } : {}) },
    width: 520,
    height: 320,
    data: { values },
    layer: [
      { mark: { type: "line", point: { size: 30 } }, encoding: { x, y, color, order: { field: "order" } } },
      ...series.map((s, i) => ({
        transform: [{ filter: { field: "series", equal: s.name } }],
        mark: { type: "text", dy: i === 0 ? -9 : 12, fontSize: 9 },
        encoding: { x, y, color, text: { field: "label" } },
      })),
    ],
  } as TopLevelSpec;
  return new vega.View(vega.parse(compile(spec).spec), { renderer: "none" }).toSVG();
}
