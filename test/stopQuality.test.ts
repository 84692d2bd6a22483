import { describe, expect, it } from "vitest";
import type { ResultRow } from "../evals/results.js";
import { STOP_CANDIDATES } from "../evals/stopCandidates.js";
import { idealStopRound, replayStop, stopOutcomes, stopQuality } from "../evals/stopQuality.js";
import { stopQualityCsv, stopQualityMarkdown } from "../evals/stopReport.js";
import { PlateauConfigSchema } from "../tools/stopping/plateau.js";

/** A finished cell: one row per round, 25 labels at $0.05 a round, kappa given per round after the first. */
function cell(accuracies: readonly number[], kappas: readonly number[] = [], seed = 0, dataset = "d"): ResultRow[] {
  return accuracies.map((accuracy, round) => ({
    key: `${dataset}|s|oracle|${seed}`,
    protocol: "p",
    dataset,
    strategy: "s",
    annotator: "oracle",
    simulated: true,
    seed,
    round,
    labels: 25 * (round + 1),
    usd: 1.25 * (round + 1),
    accuracy,
    macroF1: accuracy,
    stageMs: {},
    stopSignals: round === 0 ? { uncertainty: 0.5 } : { uncertainty: 0.5, kappa: kappas[round - 1] ?? 0.5, changed: 0.1, deltaF: 0.1 },
    ...(round === accuracies.length - 1 ? { stopReason: { criterion: "maxRounds", message: "done", round } } : {}),
  }));
}

const plateau = { name: "plateau", rules: { plateau: PlateauConfigSchema.parse({ patience: 2, minGain: 0.01 }) } };
const budget = { name: "budget only", rules: {} };

describe("how well a criterion stops", () => {
  it("the ideal stop is the first round within 99% of the final accuracy", () => {
    expect(idealStopRound(cell([0.5, 0.7, 0.795, 0.79, 0.8]))).toBe(2);
    expect(idealStopRound(cell([0.5, 0.6, 0.7, 0.8]))).toBe(3);
  });

  it("replays a criterion round by round: a flat curve stops, a rising one runs to its budget", () => {
    expect(replayStop(plateau, cell([0.5, 0.8, 0.8, 0.8, 0.8, 0.8]))).toEqual({ round: 3, fired: true });
    expect(replayStop(plateau, cell([0.5, 0.6, 0.7, 0.8, 0.9]))).toEqual({ round: 4, fired: false });
    expect(replayStop(budget, cell([0.5, 0.8, 0.8]))).toEqual({ round: 2, fired: false });
  });

  it("counts rounds early or late, accuracy lost early and USD wasted late", () => {
    // Ideal at round 3 (0.8 ≥ 0.99 × 0.805); the plateau fires at round 2, after two rounds without gain.
    const early = cell([0.6, 0.6, 0.6, 0.8, 0.8, 0.805]);
    const late = cell([0.5, 0.8, 0.8, 0.8, 0.8, 0.8, 0.8], [], 1);
    const outcomes = stopOutcomes([early, late], [plateau, budget]);
    const byCell = (candidate: string, seed: number) => outcomes.find((o) => o.candidate === candidate && o.seed === seed)!;
    expect(byCell("plateau", 0)).toMatchObject({ idealRound: 3, stopRound: 2, fired: true, usdWasted: 0, usdSaved: 7.5 - 3.75 });
    expect(byCell("plateau", 0).accuracyLost).toBeCloseTo(0.2, 12);
    expect(byCell("plateau", 1)).toMatchObject({ idealRound: 1, stopRound: 3, fired: true, accuracyLost: 0, usdWasted: 2.5 });
    expect(byCell("budget only", 1)).toMatchObject({ stopRound: 6, fired: false, usdWasted: 6.25, usdSaved: 0 });

    const [plateauQuality, budgetQuality] = stopQuality(outcomes);
    expect(plateauQuality).toMatchObject({
      candidate: "plateau",
      cells: 2,
      fired: 2,
      early: 1,
      onTime: 0,
      late: 1,
      roundsOff: { mean: 0.5, median: 0.5, min: -1, max: 2 },
    });
    expect(plateauQuality.accuracyLost).toBeCloseTo(0.1, 12);
    expect(budgetQuality).toMatchObject({ fired: 0, early: 0, late: 2, usdWasted: (2.5 + 6.25) / 2 });
  });

  it("replays the signal criteria from the recorded signals, and leaves out cells recorded without them", () => {
    const stable = cell([0.5, 0.6, 0.7, 0.8, 0.9], [0.5, 0.995, 0.995, 0.995]);
    const kappa = STOP_CANDIDATES.find((candidate) => candidate.rules.kappa && !candidate.rules.plateau)!;
    expect(replayStop(kappa, stable)).toEqual({ round: 4, fired: true });
    const old = cell([0.5, 0.6, 0.7]).map(({ stopSignals: _, ...row }) => row);
    expect(stopOutcomes([old], STOP_CANDIDATES)).toEqual([]);
  });

  it("writes a table per scope and a CSV with a row per scope × criterion", () => {
    const outcomes = stopOutcomes([cell([0.5, 0.8, 0.8, 0.8, 0.8]), cell([0.5, 0.7, 0.8, 0.8, 0.8], [], 1, "e")], STOP_CANDIDATES);
    const markdown = stopQualityMarkdown(outcomes, 3);
    expect(markdown).toContain("### All datasets (2 cells)");
    expect(markdown).toContain("### d");
    expect(markdown).toContain("3 cell(s) recorded before stop signals existed are left out.");
    expect(markdown).toMatch(/\| budget only \| 0\/2 \| 0 \/ 0 \/ 2 \| \+2\.\d ± /);
    const csv = stopQualityCsv(outcomes).trim().split("\n");
    expect(csv).toHaveLength(1 + 3 * STOP_CANDIDATES.length);
    expect(csv[1]).toMatch(/^all,budget only,2,0,0,0,2,/);
    expect(csv.find((line) => line.includes("cost-aware"))).toMatch(/^all,"cost-aware, \$1 a point",/);
  });
});
