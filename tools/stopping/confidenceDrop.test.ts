import { describe, expect, it } from "vitest";
import { emptyLedger } from "../cost/ledger.js";
import type { RoundMetrics } from "../metrics/roundMetrics.js";
import { StoppingConfigSchema } from "./config.js";
import { confidenceDrop } from "./confidenceDrop.js";
import { decideStop } from "./decide.js";

const rounds = (uncertainties: number[]): RoundMetrics[] =>
  uncertainties.map((uncertainty, round) => ({
    round,
    labels: 10 * (round + 1),
    usd: 0,
    accuracy: null,
    macroF1: null,
    labelsPerClass: {},
    stageMs: {},
    stopSignals: { uncertainty },
  }));

describe("confidence drop (Vlachos 2008)", () => {
  it("fires only after the confidence fell in each of the last rounds", () => {
    const criterion = confidenceDrop({ rounds: 3 });
    expect(criterion({ history: rounds([0.5, 0.4, 0.3, 0.35, 0.4]), ledger: emptyLedger(), labels: 50, unlabeled: 100, labelCostUsd: 0 })).toBeNull();
    const fired = criterion({ history: rounds([0.5, 0.3, 0.32, 0.35, 0.4]), ledger: emptyLedger(), labels: 50, unlabeled: 100, labelCostUsd: 0 });
    expect(fired).toMatchObject({ criterion: "confidenceDrop", message: expect.stringContaining("fell in each of the last 3 round(s), from 70.0% to 60.0%") });
  });

  it("is a key of the stopping config, with its window checked and its decision reached through decideStop", () => {
    const stopping = StoppingConfigSchema.parse({ confidenceDrop: {} });
    expect(stopping.confidenceDrop).toEqual({ rounds: 3 });
    expect(
      decideStop(stopping, { history: rounds([0.5, 0.3, 0.32, 0.35, 0.4]), ledger: emptyLedger(), labels: 50, unlabeled: 100, labelCostUsd: 0 }),
    ).toMatchObject({ criterion: "confidenceDrop", round: 4 });
    expect(StoppingConfigSchema.safeParse({ confidenceDrop: { rounds: 0 } }).success).toBe(false);
  });
});
