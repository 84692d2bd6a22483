/** One measured cell of `bench:icl`: a strategy, on one dataset, with one learner and seed. */
export interface IclCell {
  readonly model: string;
  readonly dataset: string;
  readonly strategy: string;
  readonly seed: number;
  readonly settings: Readonly<Record<string, unknown>>;
  readonly accuracy: number;
  readonly macroF1: number;
  readonly labels: number;
  readonly usd: number;
  readonly learnerCalls: number;
  /** Seconds the local model computed (0 for the simulator). */
  readonly learnerSeconds: number;
  readonly wallSeconds: number;
  /** Test inputs whose answer named no label. */
  readonly failures: number;
}

const mean = (values: readonly number[]) => values.reduce((sum, value) => sum + value, 0) / Math.max(1, values.length);
const sd = (values: readonly number[]) =>
  values.length < 2 ? 0 : Math.sqrt(mean(values.map((value) => (value - mean(values)) ** 2)) * (values.length / (values.length - 1)));

/** Whether each pairwise claim of Margatina et al. 2023 holds for one learner, on mean accuracy over datasets and seeds. */
function findings(byStrategy: ReadonlyMap<string, number>): string[] {
  const claim = (better: string, worse: string) => {
    const a = byStrategy.get(better);
    const b = byStrategy.get(worse);
    if (a === undefined || b === undefined) return null;
    return `${better} ${a > b ? ">" : a < b ? "<" : "="} ${worse} (${a.toFixed(3)} vs ${b.toFixed(3)}): ${a > b ? "holds" : "does not hold"}`;
  };
  return [claim("similarity", "diversity"), claim("diversity", "random"), claim("random", "uncertainty"), claim("perplexity", "random")].filter(
    (line): line is string => line !== null,
  );
}

/** The markdown report: one table per learner (accuracy per dataset, mean ± sd over seeds), and the check of the finding. */
export function iclReport(
  cells: readonly IclCell[],
  run: {
    k: number;
    labels: number;
    testSize: number;
    poolSample: number;
    retrieval: string;
    seeds: number;
    datasets: readonly string[];
    models: readonly string[];
  },
): string {
  const lines: string[] = [
    `Few-shot accuracy of the learner with k = ${run.k} demonstrations, at an equal budget of ${run.labels} oracle labels (retrieval: ${run.retrieval}), on ${run.testSize} test inputs per cell, mean ± sd over ${run.seeds} seed(s); uncertainty, perplexity and vote-k score ${run.poolSample} pool items. One cell's accuracy has a standard error of about ${Math.sqrt(0.25 / run.testSize).toFixed(2)} (√(p(1−p)/n) at p = 0.5): smaller differences are noise.`,
    "",
  ];
  for (const model of run.models) {
    const mine = cells.filter((cell) => cell.model === model);
    if (mine.length === 0) continue;
    const strategies = [...new Set(mine.map((cell) => cell.strategy))];
    lines.push(`**${model === "simulated" ? "simulated LLM (gpt-4o-mini prices)" : model}**`, "");
    lines.push(`| strategy | ${run.datasets.map((d) => `${d} accuracy`).join(" | ")} | mean | labels | USD / cell | wall s / cell | learner calls / cell |`);
    lines.push(`|---|${run.datasets.map(() => "---:").join("|")}|---:|---:|---:|---:|---:|`);
    const means = new Map<string, number>();
    for (const strategy of strategies) {
      const rows = mine.filter((cell) => cell.strategy === strategy);
      const perDataset = run.datasets.map((dataset) => rows.filter((cell) => cell.dataset === dataset).map((cell) => cell.accuracy));
      const overall = mean(rows.map((cell) => cell.accuracy));
      means.set(strategy, overall);
      lines.push(
        `| ${strategy} | ${perDataset.map((values) => (values.length === 0 ? "–" : values.length === 1 ? mean(values).toFixed(3) : `${mean(values).toFixed(3)} ± ${sd(values).toFixed(3)}`)).join(" | ")} | ${overall.toFixed(3)} | ${mean(rows.map((c) => c.labels)).toFixed(1)} | ${mean(rows.map((c) => c.usd)).toFixed(4)} | ${mean(rows.map((c) => c.wallSeconds)).toFixed(1)} | ${mean(rows.map((c) => c.learnerCalls)).toFixed(0)} |`,
      );
    }
    const ranking = [...means.entries()].sort((a, b) => b[1] - a[1]).map(([strategy]) => strategy);
    lines.push("", `Ranking: ${ranking.join(" > ")}. Margatina et al. 2023: ${findings(means).join("; ")}.`, "");
  }
  return lines.join("\n");
}
