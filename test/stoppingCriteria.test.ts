import { describe, expect, it } from "vitest";
import { emptyLedger } from "../tools/cost/ledger.js";
import { changedShare, cohenKappa, meanUncertainty, predictedChangeOfF } from "../tools/metrics/agreement.js";
import type { RoundMetrics, StopSignals } from "../tools/metrics/roundMetrics.js";
import { parseRunConfig, type RunConfigInput } from "../runtime/config/runConfig.js";
import { classificationChange } from "../tools/stopping/classificationChange.js";
import { ChangeConfigSchema } from "../tools/stopping/classificationChange.js";
import { CostAwareConfigSchema } from "../tools/stopping/costAware.js";
import { DeltaFConfigSchema } from "../tools/stopping/deltaF.js";
import { KappaConfigSchema } from "../tools/stopping/kappa.js";
import { LlmAgreementConfigSchema } from "../tools/stopping/llmAgreement.js";
import { PlateauConfigSchema } from "../tools/stopping/plateau.js";
import { UncertaintyConfigSchema } from "../tools/stopping/overallUncertainty.js";
import { costAware } from "../tools/stopping/costAware.js";
import { decideStop, learningStop } from "../tools/stopping/decide.js";
import { deltaF } from "../tools/stopping/deltaF.js";
import { stabilizingPredictions } from "../tools/stopping/kappa.js";
import { nextRoundGain } from "../tools/stopping/learningCurve.js";
import { llmAgreement } from "../tools/stopping/llmAgreement.js";
import { overallUncertainty } from "../tools/stopping/overallUncertainty.js";
import { drawStopSet } from "../tools/stopping/stopSet.js";
import { stopSetSignals } from "../tools/stopping/stopSetSignals.js";
import type { StopContext } from "../tools/stopping/types.js";

/** A history of rounds with 25 labels at $0.05 each per round, given accuracies and stop signals. */
function rounds(
  accuracies: readonly number[],
  signals: ReadonlyArray<StopSignals | undefined> = [],
  counters: ReadonlyArray<Record<string, number>> = [],
): RoundMetrics[] {
  return accuracies.map((accuracy, round) => ({
    round,
    labels: 25 * (round + 1),
    usd: 1.25 * (round + 1),
    accuracy,
    macroF1: accuracy,
    labelsPerClass: {},
    stageMs: {},
    ...(signals[round] ? { stopSignals: signals[round] } : {}),
    ...(counters[round] ? { counters: counters[round] } : {}),
  }));
}
const context = (history: RoundMetrics[]): StopContext => ({
  history,
  ledger: emptyLedger(),
  labels: history.at(-1)?.labels ?? 0,
  unlabeled: 1000,
  labelCostUsd: 0.05,
});
/** Signals for rounds 0..n-1 with the given per-round values of one signal (round 0 has no predecessor). */
const series = (key: keyof StopSignals, ...values: number[]): Array<StopSignals | undefined> => [undefined, ...values.map((value) => ({ [key]: value }))];
const flat = [0.5, 0.7, 0.8, 0.801, 0.802, 0.8015, 0.802];
const rising = [0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9];

describe("agreement between successive models", () => {
  it("identical predictions give kappa 1, even when both are one constant class", () => {
    expect(cohenKappa([0, 1, 2, 1, 0], [0, 1, 2, 1, 0], 3)).toBe(1);
    expect(cohenKappa([2, 2, 2], [2, 2, 2], 3)).toBe(1);
  });
  it("completely changed predictions give kappa at most 0", () => {
    expect(cohenKappa([0, 1, 0, 1], [1, 0, 1, 0], 2)).toBe(-1);
    expect(cohenKappa([0, 0, 1, 1, 2, 2], [1, 2, 2, 0, 0, 1], 3)).toBeLessThanOrEqual(0);
  });
  it("matches scikit-learn's cohen_kappa_score on a worked example", () => {
    // Observed agreement 4/6, chance agreement 1/3: kappa = (2/3 − 1/3) / (2/3) = 0.5.
    expect(cohenKappa([0, 0, 1, 1, 2, 2], [0, 1, 1, 1, 2, 0], 3)).toBeCloseTo(0.5, 12);
  });
  it("counts changed predictions and the predicted change of F", () => {
    expect(changedShare([0, 1, 2, 1], [0, 2, 2, 0])).toBe(0.5);
    expect(predictedChangeOfF([1, 1, 0, 0], [1, 1, 0, 0], 2)).toBe(0);
    // Class 1: F1 2/3; class 0: F1 0.8; macro 11/15.
    expect(predictedChangeOfF([1, 1, 0, 0], [1, 0, 0, 0], 2)).toBeCloseTo(1 - 11 / 15, 12);
  });
  it("averages 1 − max p over the rows asked for", () => {
    const probs = Float32Array.from([0.9, 0.1, 0.5, 0.5, 0.7, 0.3]);
    expect(meanUncertainty(probs, 2)).toBeCloseTo((0.1 + 0.5 + 0.3) / 3, 6);
    expect(meanUncertainty(probs, 2, Uint8Array.from([0, 1, 1]))).toBeCloseTo(0.4, 6);
    expect(meanUncertainty(probs, 2, Uint8Array.from([0, 0, 0]))).toBeNull();
  });
  it("measures a round's signals, comparing only when there is a previous model", () => {
    const probs = Float32Array.from([0.9, 0.1, 0.2, 0.8]);
    expect(stopSetSignals(probs, null, 2, Uint8Array.from([1, 1]))).toEqual({ uncertainty: expect.closeTo(0.15, 6) });
    expect(stopSetSignals(probs, Int32Array.from([0, 1]), 2, Uint8Array.from([1, 1]))).toMatchObject({ kappa: 1, changed: 0, deltaF: 0 });
  });
});

describe("the stop set", () => {
  it("is drawn from the seed alone: the same items every time, sorted, capped at the pool", () => {
    const a = drawStopSet(5000, 1000, 3);
    expect(drawStopSet(5000, 1000, 3)).toEqual(a);
    expect(new Set(a).size).toBe(1000);
    expect([...a]).toEqual([...a].sort((x, y) => x - y));
    expect(a.every((i) => i < 5000)).toBe(true);
    expect(drawStopSet(5000, 1000, 4)).not.toEqual(a);
    expect(drawStopSet(40, 1000, 3)).toEqual(Uint32Array.from({ length: 40 }, (_, i) => i));
  });
});

describe("stabilizing predictions (kappa)", () => {
  const criterion = stabilizingPredictions(KappaConfigSchema.parse({}));
  it("stops once the mean kappa over the window reaches the threshold", () => {
    expect(criterion(context(rounds(flat.slice(0, 5), series("kappa", 0.8, 0.99, 0.99, 0.99))))).toMatchObject({ criterion: "kappa" });
    expect(criterion(context(rounds(flat.slice(0, 4), series("kappa", 1, 1, 1))))).toMatchObject({ criterion: "kappa" });
  });
  it("does not stop while the models still disagree, nor before the window is full", () => {
    expect(criterion(context(rounds(flat.slice(0, 5), series("kappa", 0.5, 0.9, 0.99, 1))))).toBeNull();
    // Round 0 has no kappa: two kappas are not a window of three.
    expect(criterion(context(rounds(flat.slice(0, 3), series("kappa", 1, 1))))).toBeNull();
  });
});

describe("classification change, predicted change of F, overall uncertainty", () => {
  it("classification change stops when nothing (or at most the threshold) changed in each round of the window", () => {
    expect(classificationChange(ChangeConfigSchema.parse({}))(context(rounds(flat.slice(0, 3), series("changed", 0.1, 0))))).toMatchObject({
      criterion: "change",
    });
    expect(classificationChange(ChangeConfigSchema.parse({}))(context(rounds(flat.slice(0, 3), series("changed", 0, 0.001))))).toBeNull();
    const windowed = classificationChange(ChangeConfigSchema.parse({ threshold: 0.02, window: 2 }));
    expect(windowed(context(rounds(flat.slice(0, 4), series("changed", 0.3, 0.02, 0.01))))).toMatchObject({ criterion: "change" });
    expect(windowed(context(rounds(flat.slice(0, 4), series("changed", 0.01, 0.03, 0.01))))).toBeNull();
  });
  it("ΔF stops when it stayed below the threshold for the whole window", () => {
    const criterion = deltaF(DeltaFConfigSchema.parse({}));
    expect(criterion(context(rounds(flat.slice(0, 5), series("deltaF", 0.3, 0.04, 0.01, 0.02))))).toMatchObject({ criterion: "deltaF" });
    expect(criterion(context(rounds(flat.slice(0, 5), series("deltaF", 0.01, 0.06, 0.01, 0.02))))).toBeNull();
  });
  it("overall uncertainty stops when the last round's mean uncertainty is below the threshold", () => {
    const criterion = overallUncertainty(UncertaintyConfigSchema.parse({ threshold: 0.1 }));
    expect(criterion(context(rounds([0.8, 0.9], [{ uncertainty: 0.3 }, { uncertainty: 0.05 }])))).toMatchObject({ criterion: "uncertainty" });
    expect(criterion(context(rounds([0.8, 0.9], [{ uncertainty: 0.05 }, { uncertainty: 0.3 }])))).toBeNull();
  });
});

describe("the cost-aware hybrid", () => {
  it("extrapolates the next round's gain from a logarithmic fit of the curve against money", () => {
    const points = [1, 2, 3, 4].map((usd) => ({ usd, value: 0.5 + 0.1 * Math.log(usd) }));
    const next = nextRoundGain(points)!;
    expect(next.costUsd).toBe(1);
    expect(next.gain).toBeCloseTo(0.1 * Math.log(5 / 4), 12);
    expect(
      nextRoundGain([
        { usd: 1, value: 0.5 },
        { usd: 1, value: 0.6 },
      ]),
    ).toBeNull();
    expect(
      nextRoundGain([
        { usd: 0, value: 0.5 },
        { usd: 1, value: 0.6 },
      ]),
    ).toBeNull();
  });
  const criterion = costAware(CostAwareConfigSchema.parse({ minGainPerUsd: 0.002, window: 3 }));
  it("stops on a flat curve, once it has its window of rounds", () => {
    expect(costAware(CostAwareConfigSchema.parse({ minGainPerUsd: 0.002 }))(context(rounds(flat)))).toBeNull();
    expect(criterion(context(rounds(flat)))).toMatchObject({ criterion: "costAware", message: expect.stringMatching(/points per USD.*and accuracy gained/) });
  });
  it("does not stop on a rising curve", () => {
    expect(criterion(context(rounds(rising)))).toBeNull();
  });
  it("needs the plateau to agree: a curve still gaining a little each round goes on", () => {
    // +0.6 points a round is 0.0048 per $1.25: below a price of 0.01 per USD, but not a plateau.
    const slow = [0.5, 0.6, 0.7, 0.706, 0.712, 0.718, 0.724];
    expect(costAware(CostAwareConfigSchema.parse({ minGainPerUsd: 0.01, window: 3 }))(context(rounds(slow)))).toBeNull();
    expect(costAware(CostAwareConfigSchema.parse({ minGainPerUsd: 0.01, window: 3, minGain: 0.02 }))(context(rounds(slow)))).toMatchObject({
      criterion: "costAware",
    });
  });
});

describe("LLM–human agreement", () => {
  const criterion = llmAgreement(LlmAgreementConfigSchema.parse({ window: 2, tolerance: 0.05, minSpotChecks: 20 }));
  const checks = (n: number, agreed: number) => ({ spotChecks: n, spotCheckAgreed: agreed });
  it("stops when spot-check agreement has converged and the model's agreement with the LLM labels has settled", () => {
    const history = rounds(
      [0.7, 0.8, 0.8, 0.8],
      series("llmAgreement", 0.95, 0.94, 0.95).map((s, i) => (i === 0 ? { llmAgreement: 0.97 } : s)),
      [checks(10, 9), checks(10, 9), checks(10, 9), checks(10, 9)],
    );
    expect(criterion(context(history))).toMatchObject({ criterion: "llmAgreement", message: expect.stringContaining("40 spot checks") });
  });
  it("goes on with too few spot checks, or while either agreement still moves", () => {
    const settled = [0.97, 0.95, 0.94, 0.95].map((llm) => ({ llmAgreement: llm }));
    expect(criterion(context(rounds([0.7, 0.8, 0.8, 0.8], settled, [checks(3, 3), checks(3, 3), checks(3, 3), checks(3, 3)])))).toBeNull();
    expect(criterion(context(rounds([0.7, 0.8, 0.8, 0.8], settled, [checks(10, 10), checks(10, 2), checks(10, 2), checks(10, 2)])))).toBeNull();
    const drifting = [0.99, 0.95, 0.9, 0.85].map((llm) => ({ llmAgreement: llm }));
    expect(criterion(context(rounds([0.7, 0.8, 0.8, 0.8], drifting, [checks(10, 9), checks(10, 9), checks(10, 9), checks(10, 9)])))).toBeNull();
  });
});

describe("combining criteria", () => {
  const plateau = PlateauConfigSchema.parse({ patience: 2, minGain: 0.01 });
  const kappa = KappaConfigSchema.parse({ threshold: 0.9, window: 2 });
  const stable = series("kappa", 0.5, 0.6, 0.95, 0.95, 0.96, 0.97);
  const unstable = series("kappa", 0.5, 0.6, 0.7, 0.7, 0.7, 0.7);
  it("any: the first that fires", () => {
    expect(learningStop({ plateau, kappa, combine: "any" }, context(rounds(rising, stable)))).toMatchObject({ criterion: "kappa" });
    expect(learningStop({ plateau, kappa, combine: "any" }, context(rounds(flat, unstable)))).toMatchObject({ criterion: "plateau" });
    expect(learningStop({ plateau, kappa, combine: "any" }, context(rounds(rising, unstable)))).toBeNull();
    expect(learningStop({ plateau, kappa }, context(rounds(rising, stable)))).toMatchObject({ criterion: "kappa" });
  });
  it("all: only when every one fires, naming them all", () => {
    expect(learningStop({ plateau, kappa, combine: "all" }, context(rounds(rising, stable)))).toBeNull();
    expect(learningStop({ plateau, kappa, combine: "all" }, context(rounds(flat, unstable)))).toBeNull();
    expect(learningStop({ plateau, kappa, combine: "all" }, context(rounds(flat, stable)))).toMatchObject({
      criterion: "plateau+kappa",
      message: expect.stringMatching(/accuracy gained .*; and predictions on the stop set have stabilized/),
    });
  });
  it("the budget and the pool always apply, before any learning criterion", () => {
    const history = rounds(flat, stable);
    expect(decideStop({ maxRounds: 6, plateau, kappa, combine: "all" }, context(history))).toMatchObject({ criterion: "maxRounds", round: 6 });
    expect(decideStop({ maxRounds: 50, plateau, kappa, combine: "all" }, context(history))).toMatchObject({ criterion: "plateau+kappa", round: 6 });
    expect(decideStop({ kappa, combine: "all" }, context(rounds(rising, unstable)))).toBeNull();
    expect(decideStop({ kappa }, { ...context(rounds(rising, unstable)), unlabeled: 0 })).toMatchObject({ criterion: "poolExhausted" });
  });
});

describe("stopping config", () => {
  const base: RunConfigInput = { dataset: { builtin: "spamassassin" }, initial: { size: 10 }, batchSize: 10, stopping: { maxLabels: 500 } };
  const refuse = (stopping: object, message: RegExp, extra: Partial<RunConfigInput> = {}) =>
    expect(() => parseRunConfig({ ...base, ...extra, stopping: { maxLabels: 500, ...stopping } })).toThrow(message);

  it("accepts a learning criterion alone, fills its defaults, and combines with any unless told", () => {
    const config = parseRunConfig({ ...base, stopping: { kappa: {} } });
    expect(config.stopping).toMatchObject({ kappa: { threshold: 0.99, window: 3 }, combine: "any", stopSet: { size: 1000 } });
  });
  it("refuses a threshold outside its range, naming the field", () => {
    refuse({ kappa: { threshold: 1.5 } }, /stopping\.kappa\.threshold: must be between 0 and 1/);
    refuse({ uncertainty: { threshold: 0 } }, /stopping\.uncertainty\.threshold: must be above 0/);
    refuse({ change: { threshold: -0.1 } }, /stopping\.change\.threshold: must be a share between 0 and 1/);
    refuse({ deltaF: { threshold: 2 } }, /stopping\.deltaF\.threshold: must be above 0 and at most 1/);
    refuse({ costAware: { minGainPerUsd: 0 } }, /stopping\.costAware\.minGainPerUsd: must be above 0/);
    refuse({ llmAgreement: { tolerance: 0 } }, /stopping\.llmAgreement\.tolerance/);
    refuse({ combine: "most" }, /stopping\.combine: Invalid option/);
  });
  it("refuses a window of no rounds and an empty stop set", () => {
    refuse({ kappa: { window: 0 } }, /stopping\.kappa\.window: must be at least 1 round/);
    refuse({ costAware: { minGainPerUsd: 0.01, patience: 0 } }, /stopping\.costAware\.patience: must be at least 1 round/);
    refuse({ kappa: {}, stopSet: { size: 0 } }, /stopping\.stopSet\.size: a stop set needs at least 1 item/);
  });
  it("refuses a window longer than any history the budget allows, naming both numbers", () => {
    expect(() => parseRunConfig({ ...base, stopping: { maxRounds: 2, kappa: {} } })).toThrow(
      /stopping\.kappa\.window: needs 3 query rounds of history, but the run has at most 2 \(stopping\.maxRounds is 2\)/,
    );
    expect(() => parseRunConfig({ ...base, stopping: { maxLabels: 30, plateau: {} } })).toThrow(
      /stopping\.plateau\.patience: needs 3 query rounds of history, but the run has at most 2 \(stopping\.maxLabels 30 leaves room for 20 labels after the initial 10, in batches of 10\)/,
    );
    expect(() => parseRunConfig({ ...base, annotator: { kind: "oracle", feeUsd: 0.5 }, stopping: { maxUsd: 10, deltaF: { window: 12 } } })).toThrow(
      /stopping\.deltaF\.window: needs 12 query rounds of history, but the run has at most 1 \(stopping\.maxUsd \$10 at \$0\.5 a label/,
    );
    expect(parseRunConfig({ ...base, stopping: { maxRounds: 3, kappa: {} } }).stopping.kappa).toBeDefined();
  });
  it("refuses criteria the rest of the config cannot feed", () => {
    refuse({ costAware: { minGainPerUsd: 0.01 } }, /stopping\.costAware: labels are free here/, { annotator: { kind: "oracle", feeUsd: 0 } });
    refuse({ llmAgreement: {} }, /stopping\.llmAgreement: needs LLM labels with spot checks/);
    refuse({ llmAgreement: {} }, /stopping\.llmAgreement: needs LLM labels with spot checks/, { annotator: { kind: "llm", review: { spotCheckRate: 0 } } });
    expect(
      parseRunConfig({ ...base, annotator: { kind: "llm", review: { spotCheckRate: 0.1 } }, stopping: { maxLabels: 500, llmAgreement: {} } }).stopping
        .llmAgreement,
    ).toBeDefined();
  });
});
