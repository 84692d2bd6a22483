import { DEFAULT_MODEL } from "./cells.js";
import type { ResultRow } from "./results.js";

/** Mean and (sample) standard deviation. */
export function meanStd(values: readonly number[]): { mean: number; std: number } {
  const n = values.length;
  if (n === 0) return { mean: Number.NaN, std: Number.NaN };
  const mean = values.reduce((a, b) => a + b, 0) / n;
  const variance = n > 1 ? values.reduce((a, b) => a + (b - mean) ** 2, 0) / (n - 1) : 0;
  return { mean, std: Math.sqrt(variance) };
}

/**
 * Normalized area under a learning curve: the trapezoid area of the metric over the label axis,
 * divided by the width of that axis. It is the curve's average height, in the metric's units, so a
 * curve that is high early scores more than one that only catches up at the end.
 */
export function normalizedAuc(labels: readonly number[], values: readonly number[]): number {
  if (labels.length === 1) return values[0];
  let area = 0;
  for (let i = 1; i < labels.length; i++) area += ((values[i] + values[i - 1]) / 2) * (labels[i] - labels[i - 1]);
  return area / (labels[labels.length - 1] - labels[0]);
}

/** One point of a mean learning curve. */
export interface CurvePoint {
  readonly round: number;
  readonly labels: number;
  readonly usd: number;
  /** Mean wall seconds of the cells up to this round (NaN for results recorded before seconds were). */
  readonly seconds: number;
  readonly accuracy: number;
  readonly accuracyStd: number;
  readonly macroF1: number;
  /** Mean share of the labels so far that agree with gold (NaN where not recorded). */
  readonly labelAccuracy: number;
}

/** What the report says about one strategy × model × annotator on one dataset, over its seeds. */
export interface SeriesSummary {
  readonly dataset: string;
  /** The query strategy, followed by the target model in brackets when it is not the default: `random (svm)`. */
  readonly strategy: string;
  readonly annotator: string;
  readonly simulated: boolean;
  /** The cell's LLMs: the annotator's (a real model with its quantization, or "simulated <model>"), then other roles' (`generation: …`); absent without one. */
  readonly llm?: string;
  readonly seeds: number;
  readonly finalAccuracy: { mean: number; std: number };
  readonly finalMacroF1: { mean: number; std: number };
  readonly auc: { mean: number; std: number };
  /** Labels at the first round where the mean curve reaches 95% of the full-data accuracy; null if never. */
  readonly labelsTo95: number | null;
  readonly usd: number;
  /** Mean wall seconds a cell took. */
  readonly seconds: number;
  /** Mean seconds the LLM computed in a cell (the ledger's); absent without an LLM or in older results. */
  readonly llmSeconds?: number;
  /** Mean wall time of each stage per round, ms. */
  readonly stageMs: Record<string, number>;
  readonly curve: CurvePoint[];
}

/** A series' name in reports and plots: the strategy, and the target model when it is not the default. */
export const seriesName = (row: Pick<ResultRow, "strategy" | "model">): string =>
  !row.model || row.model === DEFAULT_MODEL ? row.strategy : `${row.strategy} (${row.model})`;

/** Groups complete cells by dataset × strategy × model × annotator and summarizes over seeds. */
export function summarize(rows: readonly ResultRow[], fullData: Record<string, number>): SeriesSummary[] {
  const out: SeriesSummary[] = [];
  for (const group of groupBy(rows, (row) => [row.dataset, seriesName(row), row.annotator].join("|")).values()) {
    const { dataset, annotator, simulated, llm } = group[0];
    const strategy = seriesName(group[0]);
    const bySeed = groupBy(group, (row) => row.seed);
    const runs = [...bySeed.values()].map((seedRows) => seedRows.sort((a, b) => a.round - b.round));
    const rounds = Math.min(...runs.map((run) => run.length));
    const curve: CurvePoint[] = [];
    for (let r = 0; r < rounds; r++) {
      const at = runs.map((run) => run[r]);
      const accuracy = meanStd(at.map((row) => row.accuracy));
      curve.push({
        round: r,
        labels: meanStd(at.map((row) => row.labels)).mean,
        usd: meanStd(at.map((row) => row.usd)).mean,
        seconds: meanStd(at.map((row) => row.seconds ?? Number.NaN)).mean,
        accuracy: accuracy.mean,
        accuracyStd: accuracy.std,
        macroF1: meanStd(at.map((row) => row.macroF1)).mean,
        labelAccuracy: meanStd(at.map((row) => row.labelAccuracy ?? Number.NaN)).mean,
      });
    }
    const target = 0.95 * (fullData[dataset] ?? Number.NaN);
    const stages = new Set(group.flatMap((row) => Object.keys(row.stageMs)));
    out.push({
      dataset,
      strategy,
      annotator,
      simulated,
      ...(llm ? { llm } : {}),
      seeds: runs.length,
      finalAccuracy: meanStd(runs.map((run) => run[run.length - 1].accuracy)),
      finalMacroF1: meanStd(runs.map((run) => run[run.length - 1].macroF1)),
      auc: meanStd(
        runs.map((run) =>
          normalizedAuc(
            run.map((row) => row.labels),
            run.map((row) => row.accuracy),
          ),
        ),
      ),
      labelsTo95: curve.find((point) => point.accuracy >= target)?.labels ?? null,
      usd: meanStd(runs.map((run) => run[run.length - 1].usd)).mean,
      seconds: meanStd(runs.map((run) => run[run.length - 1].seconds ?? Number.NaN)).mean,
      ...(runs.every((run) => run[run.length - 1].llmSeconds !== undefined)
        ? { llmSeconds: meanStd(runs.map((run) => run[run.length - 1].llmSeconds ?? 0)).mean }
        : {}),
      stageMs: Object.fromEntries(
        [...stages].map((stage) => [stage, meanStd(group.filter((row) => stage in row.stageMs).map((row) => row.stageMs[stage])).mean]),
      ),
      curve,
    });
  }
  return out.sort((a, b) => a.dataset.localeCompare(b.dataset) || a.strategy.localeCompare(b.strategy) || a.annotator.localeCompare(b.annotator));
}

export function groupBy<T, K>(items: readonly T[], keyOf: (item: T) => K): Map<K, T[]> {
  const groups = new Map<K, T[]>();
  for (const item of items) {
    const key = keyOf(item);
    const group = groups.get(key);
    if (group) group.push(item);
    else groups.set(key, [item]);
  }
  return groups;
}
