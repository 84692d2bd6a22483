import { learningCurveSvg as drawCurves } from "../tools/plots/learningCurveSvg.js";
import { isPeerStrategyName, SMALL_TEXT } from "./peers/smallTextMethods.js";
import type { SeriesSummary } from "./summarize.js";

/**
 * An SVG learning curve for one dataset: mean accuracy over seeds as a line per strategy (and
 * annotator), a ±1 std band around it, the peer's curves dashed, and the full-data accuracy as a
 * dashed rule. `axis` picks labels, USD spent or wall seconds for x. A series with an LLM is named
 * with it: a real model with its quantization, the simulator as simulated.
 */
export async function learningCurveSvg(
  dataset: string,
  series: readonly SeriesSummary[],
  fullDataAccuracy: number | undefined,
  axis: "labels" | "usd" | "seconds",
): Promise<string> {
  const multipleAnnotators = new Set(series.map((s) => s.annotator)).size > 1;
  const annotatorName = (s: SeriesSummary) => `${s.annotator}${s.simulated ? "*" : ""}${s.llm ? ` (${s.llm})` : ""}`;
  const multipleStrategies = new Set(series.map((s) => s.strategy)).size > 1;
  const xName = { labels: "labels", usd: "USD spent", seconds: "wall seconds" }[axis];
  const seeds = Math.max(...series.map((s) => s.seeds));
  const hasPeer = series.some((s) => isPeerStrategyName(s.strategy));
  return drawCurves(
    series.map((s) => ({
      name: !multipleAnnotators ? s.strategy : multipleStrategies ? `${s.strategy} / ${annotatorName(s)}` : annotatorName(s),
      points: s.curve,
      // The peer's curves are dashed, so they read as the reference they are.
      dashed: isPeerStrategyName(s.strategy),
    })),
    {
      title: `${dataset}: accuracy vs ${xName}`,
      subtitle: `mean ± 1 std over ${seeds} seed${seeds > 1 ? "s" : ""}${hasPeer ? `; dashed: ${SMALL_TEXT}, the peer` : ""}`,
      axis,
      legendTitle: !multipleAnnotators
        ? "strategy"
        : multipleStrategies
          ? "strategy / annotator (* simulated)"
          : `annotator (* simulated), strategy ${series[0].strategy}`,
      fullDataAccuracy,
    },
  );
}
