import { describe, expect, it } from "vitest";
import { emptyLedger, applyLedgerEntries } from "../tools/cost/ledger.js";
import type { RoundMetrics } from "../tools/metrics/roundMetrics.js";
import { maxUsd } from "../tools/stopping/budget.js";
import { decideStop } from "../tools/stopping/decide.js";
import { estimateRounds, labelCapacity } from "../runtime/budget.js";
import { plateau } from "../tools/stopping/plateau.js";
import { parseRunConfig } from "../runtime/config/runConfig.js";
import type { StopContext } from "../tools/stopping/types.js";

const curve = (...accuracies: number[]): RoundMetrics[] =>
  accuracies.map((accuracy, round) => ({ round, labels: 10 * (round + 1), usd: 0, accuracy, macroF1: accuracy, labelsPerClass: {}, stageMs: {} }));
const context = (history: RoundMetrics[], extra: Partial<StopContext> = {}): StopContext => ({
  history,
  ledger: emptyLedger(),
  labels: history.at(-1)?.labels ?? 0,
  unlabeled: 100,
  labelCostUsd: 0,
  ...extra,
});

describe("plateau", () => {
  const criterion = plateau({ metric: "accuracy", patience: 2, minGain: 0.01 });
  it("stops on a flat curve", () => {
    expect(criterion(context(curve(0.5, 0.7, 0.705, 0.708)))).toMatchObject({ criterion: "plateau" });
  });
  it("does not stop on a rising curve, nor before it has patience + 1 rounds", () => {
    expect(criterion(context(curve(0.5, 0.6, 0.7, 0.8)))).toBeNull();
    expect(criterion(context(curve(0.5, 0.5)))).toBeNull();
  });
});

describe("budget", () => {
  it("stops when the money left cannot pay for one more label, tolerating float rounding", () => {
    const spent = (usd: number) => applyLedgerEntries(emptyLedger(), [{ kind: "human", labels: 3, usd }]);
    // 0.1 × 3 is 0.30000000000000004 in floating point: a $0.40 budget still pays for a fourth label.
    expect(maxUsd(0.4)(context([], { ledger: spent(0.1 + 0.1 + 0.1), labelCostUsd: 0.1 }))).toBeNull();
    expect(maxUsd(0.4)(context([], { ledger: spent(0.35), labelCostUsd: 0.1 }))).toMatchObject({ criterion: "maxUsd" });
  });

  it("stops at once when the budget refused a call, whatever the estimate says", () => {
    expect(maxUsd(10)(context([], { labelCostUsd: 0.001, budgetRefusedCall: true }))).toMatchObject({ criterion: "maxUsd" });
  });

  it("stops after two rounds without a new label, and when the pool is empty unless generation can refill it", () => {
    const stuck = curve(0.5, 0.6, 0.6, 0.6).map((m, i) => ({ ...m, labels: i === 0 ? 10 : 20 }));
    expect(decideStop({ maxLabels: 100 }, context(stuck))).toMatchObject({ criterion: "noProgress" });
    expect(decideStop({ maxLabels: 100 }, context(curve(0.5), { unlabeled: 0, canGenerate: true }))).toBeNull();
  });

  it("cuts a batch to what labels and money allow", () => {
    const ledger = applyLedgerEntries(emptyLedger(), [{ kind: "human", labels: 20, usd: 10 }]);
    expect(labelCapacity({ stopping: { maxLabels: 50, maxUsd: 14.9 } }, { labels: 20, ledger, labelCostUsd: 0.5 })).toBe(9);
    expect(labelCapacity({ stopping: { maxLabels: 25, maxUsd: 100 } }, { labels: 20, ledger, labelCostUsd: 0.5 })).toBe(5);
  });

  it("reports the first criterion that fires, with the round", () => {
    const history = curve(0.5, 0.6, 0.7);
    expect(decideStop({ maxLabels: 30, maxRounds: 2 }, context(history))).toEqual({
      criterion: "maxLabels",
      message: "reached 30 labels (limit 30)",
      round: 2,
    });
    expect(decideStop({ maxLabels: 100 }, context(history, { unlabeled: 0 }))).toMatchObject({ criterion: "poolExhausted" });
    expect(decideStop({ maxLabels: 100 }, context(history))).toBeNull();
  });

  it("estimates the rounds a budget allows", () => {
    const base = { dataset: { builtin: "spamassassin" }, initial: { size: 10 }, batchSize: 10 };
    expect(estimateRounds(parseRunConfig({ ...base, stopping: { maxLabels: 200 } }), 5000, 0.05)).toBe(20);
    expect(estimateRounds(parseRunConfig({ ...base, stopping: { maxUsd: 1, maxLabels: 1000 } }), 5000, 0.05)).toBe(2);
    expect(estimateRounds(parseRunConfig({ ...base, stopping: { maxRounds: 3 } }), 5000, 0.05)).toBe(4);
  });
});

describe("run config", () => {
  const base = { dataset: { builtin: "spamassassin" } };
  it("refuses a budget that is not positive, an unknown strategy and a run without any stopping rule", () => {
    expect(() => parseRunConfig({ ...base, stopping: { maxUsd: 0 } })).toThrow(/stopping.maxUsd: Too small/);
    expect(() => parseRunConfig({ ...base, stopping: { maxLabels: -3 } })).toThrow(/stopping.maxLabels: Too small/);
    expect(() => parseRunConfig({ ...base, strategy: "psychic", stopping: { maxLabels: 5 } })).toThrow(/strategy: Invalid option/);
    expect(() => parseRunConfig({ ...base, stopping: {} })).toThrow(/set at least one of maxLabels/);
    expect(() => parseRunConfig({ ...base, annotator: { kind: "oracle", feeUsd: 0 }, stopping: { maxUsd: 5 } })).toThrow(/annotator.feeUsd/);
  });
  it("fills defaults", () => {
    const config = parseRunConfig({ ...base, stopping: { maxLabels: 5 } });
    expect(config).toMatchObject({
      strategy: "clustered-uncertainty",
      batchSize: 10,
      initial: { strategy: "random", size: 10 },
      annotator: { kind: "oracle", feeUsd: 0.05, noiseRate: 0 },
    });
  });
});
