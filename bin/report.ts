import Table from "cli-table3";
import type { State } from "../graphs/activeLearning/state.js";
import { usesSimulatedLlm, type RunConfig } from "../runtime/config/runConfig.js";
import type { RoundMetrics } from "../tools/metrics/roundMetrics.js";
import type { StoppingConfig } from "../tools/stopping/config.js";
import type { CriterionDefinition } from "../tools/stopping/criterion.js";
import { LEARNING_CRITERIA } from "../tools/stopping/registry.js";
import { quarantined } from "../tools/labels/quarantine.js";
import { BIAS_AUDIT_REASON } from "../tools/biasAudit/config.js";
import type { LabelRecord } from "../tools/labels/labelRecord.js";

const percent = (value: number | null): string => (value === null ? "–" : (100 * value).toFixed(1));
const ms = (value: number | undefined): string => (value === undefined ? "–" : value.toFixed(0));

/** Terminal tables without rules between rows. */
export const TABLE_STYLE = { style: { head: [], border: [] }, chars: { mid: "", "left-mid": "", "mid-mid": "", "right-mid": "" } };

/**
 * The learning curve as a terminal table: one row per round, with a column for the signal of each
 * learning stopping criterion the run uses, so the table shows why it stopped.
 */
export function learningCurveTable(history: readonly RoundMetrics[], stopping?: Partial<StoppingConfig>): string {
  const signals = (LEARNING_CRITERIA as readonly CriterionDefinition[]).flatMap((criterion) =>
    criterion.column && (stopping as Record<string, unknown> | undefined)?.[criterion.name] !== undefined ? [criterion.column] : [],
  );
  // Under strategy "auto", the method the bandit chose for each round.
  const chosen = history.some((m) => m.strategy !== undefined);
  const table = new Table({
    ...TABLE_STYLE,
    head: [
      "round",
      ...(chosen ? ["strategy"] : []),
      "labels",
      "USD",
      "accuracy %",
      "macro-F1 %",
      ...signals.map((column) => column.head),
      "select ms",
      "annotate ms",
      "train ms",
      "evaluate ms",
    ],
    colAligns: [...Array(1).fill("right"), ...(chosen ? ["left" as const] : []), ...Array(8 + signals.length).fill("right")],
  });
  // One precision for the whole column: cents for human fees, more for LLM tokens.
  const usdDecimals = Math.max(0, ...history.map((m) => m.usd)) < 1 ? 4 : 2;
  for (const m of history) {
    table.push([
      m.round,
      ...(chosen ? [m.strategy ?? "–"] : []),
      m.labels,
      m.usd.toFixed(usdDecimals),
      percent(m.accuracy),
      percent(m.macroF1),
      ...signals.map((column) => column.cell(m.stopSignals ?? {})),
      ms(m.stageMs.select ?? m.stageMs.initialize),
      ms(m.stageMs.annotate),
      ms(m.stageMs.train),
      ms(m.stageMs.evaluate),
    ]);
  }
  const warnings = history.flatMap((m) => m.warnings ?? []).map((warning) => `warning: ${warning}`);
  return [table.toString(), ...warnings].join("\n");
}

/** What the run spent: dollars, and the seconds local models computed (when any did). */
export function spentText(ledger: State["ledger"]): string {
  const seconds = Object.values(ledger.llm).reduce((sum, spend) => sum + (spend.seconds ?? 0), 0);
  return `$${ledger.totalUsd.toFixed(ledger.totalUsd < 1 ? 4 : 2)}${seconds > 0 ? ` and ${seconds.toFixed(0)} s of local model compute` : ""}`;
}

/** The JSON result file of a run: its config, learning curve, spend and why it stopped. */
export function runResult(threadId: string, datasetName: string, state: State) {
  const last = state.history.at(-1) ?? null;
  return {
    thread: threadId,
    dataset: datasetName,
    annotator: annotatorName(state),
    /** True when any label or item came from a simulated annotator (the gold oracle) or a simulated LLM. */
    simulated: state.config ? state.config.annotator.kind === "oracle" || usesSimulatedLlm(state.config) : false,
    config: state.config,
    stopReason: state.stopReason,
    /** Labels bought: a relabel is one more (the item's earlier labels are kept). */
    labels: state.labels.length,
    /** Items labeled, and of them those a bias audit sent back for relabeling. */
    ...labeledItems(state.labels),
    usd: state.ledger.totalUsd,
    final: last ? { accuracy: last.accuracy, macroF1: last.macroF1 } : null,
    ledger: state.ledger,
    /** Items an annotator failed on `quarantineAfter` times: never picked again. */
    quarantined: quarantined(state.failed, state.config?.quarantineAfter ?? Number.POSITIVE_INFINITY),
    history: state.history,
    /** Strategy "auto": the bandit's weights, and each round's arm, probabilities and reward. */
    ...(state.bandit ? { bandit: state.bandit } : {}),
  };
}

/** Distinct items among the label records, and how many of them a bias audit had relabeled. */
export function labeledItems(labels: readonly LabelRecord[]): { items: number; relabeledByAudit: number } {
  const audited = new Set(labels.flatMap((record) => (record.reviewReason === BIAS_AUDIT_REASON ? [record.id] : [])));
  return { items: new Set(labels.map((record) => record.id)).size, relabeledByAudit: audited.size };
}

/**
 * The run's labels in one line: items, not records (a relabel adds a record to an item), by whom,
 * and how many the bias audit had relabeled, by whom.
 */
export function labelsLine(state: { config?: RunConfig; labels: readonly LabelRecord[] }): string {
  const { items, relabeledByAudit } = labeledItems(state.labels);
  const audit = state.config?.biasAudit;
  const relabeler = audit?.relabelBy === "human" ? "people" : audit ? llmName(audit.llm.provider, audit.llm.model) : "";
  const relabeled = relabeledByAudit > 0 ? `, ${relabeledByAudit} of them relabeled by the bias audit (${relabeler})` : "";
  const others = state.labels.length - items - relabeledByAudit;
  return `labels: ${items} item${items === 1 ? "" : "s"} by ${annotatorName(state)}${relabeled}${others > 0 ? `, ${others} other relabel${others === 1 ? "" : "s"}` : ""}`;
}

const llmName = (provider: string, model: string) => `${provider === "simulated" ? "a simulated LLM standing for" : "LLM"} ${model}`;

/** Who labeled, saying plainly when it was simulated. */
export function annotatorName(state: { config?: RunConfig }): string {
  const config = state.config;
  if (!config) return "nobody";
  const annotator = config.annotator;
  const who =
    annotator.kind === "oracle"
      ? "the gold oracle (a simulated human)"
      : annotator.kind === "human"
        ? "people"
        : annotator.kind === "committee"
          ? `a committee of ${config.committee.members.length}${annotator.review ? ", reviewed by people" : ""}${usesSimulatedLlm(config) ? " (simulated LLMs)" : ""}`
          : `${llmName(annotator.llm.provider, annotator.llm.model)}${annotator.review ? ", reviewed by people" : ""}`;
  return config.generation ? `${who}; generation by ${llmName(config.generation.llm.provider, config.generation.llm.model)}` : who;
}
