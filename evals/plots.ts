import { learningCurveSvg as drawCurves } from "../tools/plots/learningCurveSvg.js";
import { isPeerStrategyName, SMALL_TEXT } from "./peers/smallTextMethods.js";
import type { SeriesSummary } from "./summarize.js";

/**
 * An SVG learning curve for one dataset: mean accuracy over seeds as a line per strategy (and
 * annotator), a ±1 std band around it, the peer's curves dashed, and the full-data accuracy as a
 * dashed rule. `axis` picks labels or USD spent for x.
 */
export async function learningCurveSvg(
  dataset: string,
  series: readonly SeriesSummary[],
  fullDataAccuracy: number | undefined,
  axis: "labels" | "usd",
): Promise<string> {
  const multipleAnnotators = new Set(series.map((s) => s.annotator)).size > 1;
  const seeds = Math.max(...series.map((s) => s.seeds));
  const hasPeer = series.some((s) => isPeerStrategyName(s.strategy));
  return drawCurves(
    series.map((s) => ({
      name: multipleAnnotators ? `${s.strategy} / ${s.annotator}${s.simulated ? "*" : ""}` : s.strategy,
      points: s.curve,
      // The peer's curves are dashed, so they read as the reference they are.
      dashed: isPeerStrategyName(s.strategy),
    })),
    {
      title: `${dataset}: accuracy vs ${axis === "labels" ? "labels" : "USD spent"}`,
      subtitle: `mean ± 1 std over ${seeds} seed${seeds > 1 ? "s" : ""}${hasPeer ? `; dashed: ${SMALL_TEXT}, the peer` : ""}`,
      axis,
      legendTitle: multipleAnnotators ? "strategy / annotator (* simulated)" : "strategy",
      fullDataAccuracy,
    },
  );
}
