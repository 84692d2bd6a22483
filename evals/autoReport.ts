import { DEFAULT_STRATEGY } from "../runtime/config/runConfig.js";
import type { ResultRow } from "./results.js";
import type { SeriesSummary } from "./summarize.js";
import { groupBy } from "./summarize.js";

const pct = (x: number) => (100 * x).toFixed(1);
const pm = (s: { mean: number; std: number }) => `${pct(s.mean)} ± ${pct(s.std)}`;

/**
 * report.md's section on strategy "auto": per dataset and annotator, auto's final accuracy against
 * the best single strategy in hindsight, the default strategy and random, as the bandit's claims are
 * put (within one std of the best; above the default; not below random by more than random's
 * spread), and how often the bandit chose each arm.
 */
export function autoMarkdown(summaries: readonly SeriesSummary[], rows: readonly ResultRow[]): string {
  const autos = summaries.filter((s) => s.strategy === "auto");
  if (autos.length === 0) return "";
  const lines = [
    "## Strategy auto (cost-aware ALBL bandit)",
    "",
    "Final test accuracy (mean ± std over seeds, %). Best: the single strategy with the highest mean, chosen in hindsight.",
    "Within 1 std: |auto − best| ≤ the best's std. Random's CI: random's mean − its std. Arms: share of query rounds the bandit chose each.",
    "",
    `| dataset | annotator | auto | best single | within 1 std | ${DEFAULT_STRATEGY} (default) | auto ≥ default | random | auto ≥ random − std | arms chosen |`,
    "| --- | --- | ---: | --- | :---: | ---: | :---: | ---: | :---: | --- |",
  ];
  for (const auto of autos) {
    const singles = summaries.filter((s) => s.dataset === auto.dataset && s.annotator === auto.annotator && s.strategy !== "auto");
    if (singles.length === 0) continue;
    const best = singles.reduce((a, b) => (b.finalAccuracy.mean > a.finalAccuracy.mean ? b : a));
    const byDefault = singles.find((s) => s.strategy === DEFAULT_STRATEGY);
    const random = singles.find((s) => s.strategy === "random");
    const chosen = rows.filter((row) => row.dataset === auto.dataset && row.annotator === auto.annotator && row.strategy === "auto" && row.chosen);
    const shares = [...groupBy(chosen, (row) => row.chosen!)]
      .map(([arm, armRows]) => [arm, armRows.length / chosen.length] as const)
      .sort((a, b) => b[1] - a[1])
      .map(([arm, share]) => `${arm} ${(100 * share).toFixed(0)}%`)
      .join(", ");
    const yes = (ok: boolean) => (ok ? "yes" : "no");
    lines.push(
      [
        auto.dataset,
        auto.annotator,
        pm(auto.finalAccuracy),
        `${best.strategy} ${pm(best.finalAccuracy)}`,
        yes(Math.abs(auto.finalAccuracy.mean - best.finalAccuracy.mean) <= best.finalAccuracy.std),
        byDefault ? pm(byDefault.finalAccuracy) : "–",
        byDefault ? yes(auto.finalAccuracy.mean >= byDefault.finalAccuracy.mean) : "–",
        random ? pm(random.finalAccuracy) : "–",
        random ? yes(auto.finalAccuracy.mean >= random.finalAccuracy.mean - random.finalAccuracy.std) : "–",
        shares,
      ]
        .join(" | ")
        .replace(/^/, "| ")
        .concat(" |"),
    );
  }
  return `${lines.join("\n")}\n`;
}
