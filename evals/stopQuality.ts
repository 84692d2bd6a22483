import { emptyLedger } from "../tools/cost/ledger.js";
import type { RoundMetrics } from "../tools/metrics/roundMetrics.js";
import { learningStop } from "../tools/stopping/decide.js";
import type { ResultRow } from "./results.js";
import type { StopCandidate } from "./stopCandidates.js";
import { groupBy, meanStd } from "./summarize.js";

/** The ideal stop: the first round whose accuracy reaches this share of the run's final accuracy. */
export const IDEAL_SHARE = 0.99;

/** Where one criterion would have stopped one finished cell, against the ideal stop. */
export interface StopOutcome {
  readonly candidate: string;
  readonly dataset: string;
  readonly strategy: string;
  readonly annotator: string;
  readonly seed: number;
  readonly idealRound: number;
  readonly stopRound: number;
  /** Whether the criterion stopped the run before its budget did (firing in the last round saves nothing). */
  readonly fired: boolean;
  /** Accuracy at the ideal stop minus accuracy at this stop, when it came early (else 0). */
  readonly accuracyLost: number;
  /** USD spent after the ideal stop, when it came late (else 0). */
  readonly usdWasted: number;
  /** USD left unspent of what the whole run cost. */
  readonly usdSaved: number;
}

/** The first round whose accuracy reaches IDEAL_SHARE of the last round's. */
export function idealStopRound(rows: readonly ResultRow[]): number {
  const target = IDEAL_SHARE * rows[rows.length - 1].accuracy;
  return rows.findIndex((row) => row.accuracy >= target);
}

/** The rows of a cell as the learning curve its criteria saw during the run. */
function historyOf(rows: readonly ResultRow[]): RoundMetrics[] {
  return rows.map((row) => ({
    round: row.round,
    labels: row.labels,
    usd: row.usd,
    accuracy: row.accuracy,
    macroF1: row.macroF1,
    labelsPerClass: {},
    stageMs: row.stageMs,
    ...(row.stopSignals ? { stopSignals: row.stopSignals } : {}),
  }));
}

/**
 * Asks a criterion after every round of a finished cell, exactly as evaluate would have (the
 * learning decision of tools/stopping/decide.ts), where it would have stopped; the last round when
 * it never fires.
 */
export function replayStop(candidate: StopCandidate, rows: readonly ResultRow[]): { round: number; fired: boolean } {
  const history = historyOf(rows);
  for (let i = 0; i < history.length; i++) {
    const seen = history.slice(0, i + 1);
    const reason = learningStop(candidate.rules, {
      history: seen,
      ledger: emptyLedger(),
      labels: seen[i].labels,
      unlabeled: Number.POSITIVE_INFINITY,
      labelCostUsd: 0,
    });
    if (reason) return { round: i, fired: true };
  }
  return { round: history.length - 1, fired: false };
}

/**
 * Every candidate on every complete cell whose rows carry stop signals and test accuracy (cells
 * recorded before the signals existed are left out: the signal criteria could not be replayed on them).
 */
export function stopOutcomes(cells: ReadonlyArray<readonly ResultRow[]>, candidates: readonly StopCandidate[]): StopOutcome[] {
  const outcomes: StopOutcome[] = [];
  for (const unsorted of cells) {
    const rows = [...unsorted].sort((a, b) => a.round - b.round);
    if (!rows.every((row) => row.stopSignals && Number.isFinite(row.accuracy))) continue;
    const ideal = idealStopRound(rows);
    const total = rows[rows.length - 1].usd;
    for (const candidate of candidates) {
      const { round, fired } = replayStop(candidate, rows);
      outcomes.push({
        candidate: candidate.name,
        dataset: rows[0].dataset,
        strategy: rows[0].strategy,
        annotator: rows[0].annotator,
        seed: rows[0].seed,
        idealRound: ideal,
        stopRound: round,
        fired: fired && round < rows.length - 1,
        accuracyLost: round < ideal ? Math.max(0, rows[ideal].accuracy - rows[round].accuracy) : 0,
        usdWasted: round > ideal ? rows[round].usd - rows[ideal].usd : 0,
        usdSaved: total - rows[round].usd,
      });
    }
  }
  return outcomes;
}

/** How well one candidate stops over a set of cells. */
export interface StopQuality {
  readonly candidate: string;
  readonly cells: number;
  readonly fired: number;
  readonly early: number;
  readonly onTime: number;
  readonly late: number;
  /** Stop round minus ideal round: negative is early. */
  readonly roundsOff: { mean: number; std: number; median: number; min: number; max: number };
  /** Mean over all cells (early stops lose, the others count 0), as a fraction. */
  readonly accuracyLost: number;
  readonly usdWasted: number;
  readonly usdSaved: number;
}

/** Summarizes outcomes per candidate, in the order the candidates first appear. */
export function stopQuality(outcomes: readonly StopOutcome[]): StopQuality[] {
  return [...groupBy(outcomes, (outcome) => outcome.candidate).values()].map((group) => {
    const off = group.map((outcome) => outcome.stopRound - outcome.idealRound);
    const sorted = [...off].sort((a, b) => a - b);
    const middle = sorted.length >> 1;
    return {
      candidate: group[0].candidate,
      cells: group.length,
      fired: group.filter((outcome) => outcome.fired).length,
      early: off.filter((d) => d < 0).length,
      onTime: off.filter((d) => d === 0).length,
      late: off.filter((d) => d > 0).length,
      roundsOff: {
        ...meanStd(off),
        median: sorted.length % 2 === 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2,
        min: sorted[0],
        max: sorted[sorted.length - 1],
      },
      accuracyLost: meanStd(group.map((outcome) => outcome.accuracyLost)).mean,
      usdWasted: meanStd(group.map((outcome) => outcome.usdWasted)).mean,
      usdSaved: meanStd(group.map((outcome) => outcome.usdSaved)).mean,
    };
  });
}
