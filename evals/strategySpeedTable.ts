import { getStrategy, STRATEGY_NAMES } from "../tools/strategies/registry.js";

/** The strategies timed here: every built-in that asks no LLM (those are measured by their calls, in bench:llm). */
export const TIMED_STRATEGIES = STRATEGY_NAMES.filter((name) => !getStrategy(name).needs.some((need) => need === "llm" || need === "votes"));

/** One strategy at one pool size: its first round (which builds what it keeps), the median later round, the process's peak memory by then. */
export type StrategyTiming = { firstMs: number; roundMs: number; peakRssMiB: number } | { skipped: string };

export interface Measurement {
  n: number;
  /** 1-minute load average when the pool size started and when it ended (the machine is shared). */
  load: [number, number];
  vectorsMiB: number;
  rssBeforeMiB: number;
  rssWithVectorsMiB: number;
  peakRssMiB: number;
  generateMs: number;
  scoringMs: number;
  committeeScoringMs: number;
  indexBuildMs: number | null;
  neighborGraphMs: number | null;
  partitionMs: number | null;
  poolGraphMs: number | null;
  strategies: Record<string, StrategyTiming>;
}

const FAMILY: Record<string, string> = {
  random: "baseline",
  "least-confidence": "uncertainty",
  margin: "uncertainty",
  entropy: "uncertainty",
  "power-margin": "uncertainty",
  "vote-entropy": "committee",
  "consensus-entropy": "committee",
  "kl-consensus": "committee",
  bald: "committee",
  coreset: "diversity",
  badge: "diversity",
  "information-density": "diversity (index)",
  contrastive: "diversity",
  "clustered-uncertainty": "diversity",
  "kmeans-centroids": "cold start",
  typiclust: "cold start (graph)",
  probcover: "cold start (graph)",
};

interface TableSettings {
  batch: number;
  dim: number;
  classes: number;
  labeled: number;
  committee: number;
  rounds: number;
}

const seconds = (ms: number | null | undefined) => (ms === null || ms === undefined ? "–" : (ms / 1000).toFixed(ms < 100 ? 3 : 2));

/** The benchmark's Markdown: per strategy and pool size, first round, later round and peak memory; then the shared builds and memory. */
export function speedTable(results: readonly Measurement[], settings: TableSettings): string {
  const sizes = results.map((r) => (r.n >= 1e6 ? `${r.n / 1e6}M` : `${r.n / 1e3}k`));
  const cells = (pick: (r: Measurement) => string) => results.map(pick).join(" | ");
  const lines = [
    `${settings.rounds} rounds of one query of ${settings.batch} per strategy; pool vectors of dimension ${settings.dim}, ${settings.classes} classes, ${settings.labeled} labeled items growing by each round's picks. ` +
      `"first" is the first round, which builds what the strategy keeps for the pool; "round" the median of the later rounds; "peak" the process's peak resident memory (MiB) by the strategy's last round. Times in seconds. ` +
      `Load average (1 min) at start → end of each size: ${results.map((r, i) => `${sizes[i]} ${r.load[0].toFixed(1)} → ${r.load[1].toFixed(1)}`).join(", ")}.`,
    "",
    `| strategy | family | ${sizes.map((s) => `${s} first | ${s} round | ${s} peak`).join(" | ")} |`,
    `| --- | --- | ${sizes.map(() => "---: | ---: | ---:").join(" | ")} |`,
  ];
  for (const name of TIMED_STRATEGIES.filter((timed) => results.some((r) => r.strategies[timed]))) {
    const timing = (r: Measurement) => {
      const t = r.strategies[name];
      return !t || "skipped" in t ? "– | – | –" : `${seconds(t.firstMs)} | ${seconds(t.roundMs)} | ${t.peakRssMiB.toFixed(0)}`;
    };
    lines.push(`| ${name} | ${FAMILY[name] ?? ""} | ${cells(timing)} |`);
  }
  // Pool-wide figures sit in each size's first column.
  const row = (label: string, value: (r: Measurement) => string) => lines.push(`| *${label}* | | ${cells((r) => [value(r), "", ""].join(" | "))} |`);
  row("scoring: one model", (r) => seconds(r.scoringMs));
  row(`scoring: committee of ${settings.committee}`, (r) => seconds(r.committeeScoringMs));
  row("HNSW index build (once per pool, then reloaded from disk)", (r) => seconds(r.indexBuildMs));
  row("20-NN graph from HNSW (once per run; information density)", (r) => seconds(r.neighborGraphMs));
  row("TypiClust's partition into 1000 cells (once per pool)", (r) => seconds(r.partitionMs));
  row("approximate 20-NN graph: its partition and search (once per pool; TypiClust, ProbCover)", (r) => seconds(r.poolGraphMs));
  row("pool vectors (MiB)", (r) => r.vectorsMiB.toFixed(0));
  row("resident memory with the vectors (MiB)", (r) => r.rssWithVectorsMiB.toFixed(0));
  row("peak resident memory, whole benchmark (MiB)", (r) => r.peakRssMiB.toFixed(0));
  return lines.join("\n");
}
