import type { BenchAnnotator } from "./annotators.js";
import type { RoutingRow } from "./routing.js";
import type { AnnotationRun } from "./runs.js";
import type { RunScores } from "./scores.js";

const pct = (value: number) => (Number.isFinite(value) ? `${(100 * value).toFixed(1)}%` : "–");
const fixed = (value: number | null, digits: number) => (value === null || !Number.isFinite(value) ? "–" : value.toFixed(digits));
const row = (cells: ReadonlyArray<string | number>) => `| ${cells.join(" | ")} |`;
const head = (cells: readonly string[], align: string) => [
  row(cells),
  `| ${align
    .split("")
    .map((a) => (a === "r" ? "---:" : "---"))
    .join(" | ")} |`,
];

/** What one annotator did on one dataset: its runs by confidence method (one item a call) and by items per call (logprobs). */
export interface AnnotatorResult {
  readonly annotator: BenchAnnotator;
  readonly byMethod: ReadonlyArray<{ method: string; run: AnnotationRun; scores: RunScores }>;
  readonly byPerCall: ReadonlyArray<{ perCall: number; run: AnnotationRun; scores: RunScores }>;
  readonly routing: RoutingRow[];
}

/** Per label: a run's local compute seconds, input and output tokens, and USD. */
function perLabel(run: AnnotationRun) {
  const labels = Math.max(1, run.items.length);
  return {
    seconds: run.spend.seconds / labels,
    inputTokens: run.spend.inputTokens / labels,
    outputTokens: run.spend.outputTokens / labels,
    usd: run.spend.usd / labels,
  };
}

/** The markdown section of one dataset. */
export function datasetSection(
  name: string,
  sample: number,
  classes: readonly string[],
  poolShare: Record<string, number>,
  results: readonly AnnotatorResult[],
): string[] {
  const lines = [`## ${name} (${sample} items, ${classes.length} classes)`, ""];
  lines.push(
    "Label quality by confidence method (one item a call, 4 class-balanced k-NN demonstrations; kappa against the simulated human):",
    "",
    ...head(["annotator", "confidence", "labeled", "accuracy", "macro-F1", "ECE", "kappa", "top label share", "s / label", "USD / 1,000 labels"], "llrrrrrrrr"),
  );
  for (const { annotator, byMethod } of results)
    for (const { method, run, scores } of byMethod) {
      const cost = perLabel(run);
      lines.push(
        row([
          annotator.name,
          method,
          `${scores.answered}/${run.items.length}`,
          pct(scores.accuracy),
          pct(scores.macroF1),
          fixed(scores.ece, 3),
          fixed(scores.kappa, 3),
          pct(scores.topLabelShare),
          annotator.simulated ? "–" : fixed(cost.seconds, 2),
          `$${(1000 * cost.usd).toFixed(3)}`,
        ]),
      );
    }
  lines.push("", "Share of each class labeled right (logprobs run; the pool's share of the class in brackets):", "");
  lines.push(...head(["annotator", ...classes.map((label) => `${label} (${pct(poolShare[label] ?? 0)})`)], `l${"r".repeat(classes.length)}`));
  for (const { annotator, byMethod } of results) {
    const logprobs = byMethod.find((entry) => entry.method === "logprobs") ?? byMethod[0];
    if (logprobs) lines.push(row([annotator.name, ...classes.map((label) => pct(logprobs.scores.recall[label]))]));
  }
  lines.push("", "Items per call (logprobs): local compute and tokens per label, and what more items a call do to the labels:", "");
  lines.push(...head(["annotator", "items / call", "accuracy", "top label share", "s / label", "input tokens / label", "output tokens / label"], "lrrrrrr"));
  for (const { annotator, byPerCall } of results)
    for (const { perCall, run, scores } of byPerCall) {
      const cost = perLabel(run);
      lines.push(
        row([
          annotator.name,
          perCall,
          pct(scores.accuracy),
          pct(scores.topLabelShare),
          annotator.simulated ? "–" : fixed(cost.seconds, 2),
          cost.inputTokens.toFixed(0),
          cost.outputTokens.toFixed(1),
        ]),
      );
    }
  for (const { annotator, routing } of results) {
    lines.push("", `Routing, ${annotator.name} (logprobs run, one item a call; people answer from the gold labels at the human fee):`, "");
    lines.push(...head(["routing policy", "human share", "label accuracy", "USD per correct label"], "lrrr"));
    for (const policy of routing) lines.push(row([policy.policy, pct(policy.humanShare), pct(policy.accuracy), `$${policy.usdPerCorrect.toFixed(4)}`]));
  }
  lines.push("");
  return lines;
}
