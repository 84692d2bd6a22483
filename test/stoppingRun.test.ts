import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { MemorySaver } from "@langchain/langgraph";
import { describe, expect, it } from "vitest";
import { runThread } from "../graphs/activeLearning/runThread.js";
import { simulatedHumans } from "../graphs/activeLearning/simulatedHumans.js";
import { workspaceFor } from "./helpers/workspace.js";
import { parseRunConfig, type RunConfigInput } from "../runtime/config/runConfig.js";
import { cli } from "./helpers/cli.js";
import { FIXTURE_TRAIN, fixtureConfig, FIXTURE_DATA } from "./helpers/fixtures.js";
import { tempDir } from "./helpers/tmp.js";

async function run(stopping: RunConfigInput["stopping"], overrides: Partial<RunConfigInput> = {}) {
  const config = parseRunConfig(fixtureConfig({ stopping, ...overrides }));
  return (await runThread({ threadId: "t", checkpointer: new MemorySaver(), config })).state;
}

describe("learning criteria in the loop", () => {
  it("records the stop signals every round and stops when predictions stabilize, the reason in the final state", async () => {
    const state = await run({ maxLabels: 200, kappa: { threshold: 0.85, window: 2 } });
    expect(state.stopReason).toMatchObject({ criterion: "kappa", round: state.history.length - 1, message: expect.stringContaining("mean kappa") });
    expect(state.history[0].stopSignals).toEqual({ uncertainty: expect.any(Number) });
    for (const round of state.history.slice(1)) {
      expect(round.stopSignals).toMatchObject({
        kappa: expect.any(Number),
        changed: expect.any(Number),
        deltaF: expect.any(Number),
        uncertainty: expect.any(Number),
      });
    }
    const last = state.history.slice(-2).map((round) => round.stopSignals!.kappa!);
    expect((last[0] + last[1]) / 2).toBeGreaterThanOrEqual(0.85);
    expect(state.labels.length).toBeLessThan(200);
  });

  it("measures the same signals when the run is repeated in a fresh process (the previous model is rebuilt from the labels)", async () => {
    const a = await run({ maxLabels: 50 });
    const b = await run({ maxLabels: 50 });
    expect(b.history.map((round) => round.stopSignals)).toEqual(a.history.map((round) => round.stopSignals));
  });

  it("combines with any (the first to fire) and all (every one in the same round)", async () => {
    // kappa ≥ 0 fires from round 1; a 50-point gain is never made, so the plateau fires at round 2.
    const kappa = { threshold: 0, window: 1 };
    const plateau = { metric: "accuracy" as const, patience: 2, minGain: 0.5 };
    const any = await run({ maxLabels: 200, kappa, plateau, combine: "any" });
    expect(any.stopReason).toMatchObject({ criterion: "kappa", round: 1 });
    const all = await run({ maxLabels: 200, kappa, plateau, combine: "all" });
    expect(all.stopReason).toMatchObject({ criterion: "plateau+kappa", round: 2 });
  });

  it("stops when LLM–human agreement on spot checks has converged and the model's agreement with the LLM labels has settled", async () => {
    const config = parseRunConfig(
      fixtureConfig({
        annotator: { kind: "llm", llm: { provider: "simulated" }, review: { acceptAbove: 0.5, spotCheckRate: 0.5 } },
        stopping: { maxLabels: 150, llmAgreement: { window: 2, tolerance: 0.5, minSpotChecks: 5 } },
        llmCache: "off",
      }),
    );
    const { state } = await runThread({ threadId: "l", checkpointer: new MemorySaver(), config, responder: simulatedHumans(config) });
    expect(state.stopReason).toMatchObject({ criterion: "llmAgreement", message: expect.stringMatching(/spot checks has converged/) });
    expect(state.history.at(-1)!.stopSignals!.llmAgreement).toBeGreaterThan(0);
    expect(state.labels.length).toBeLessThan(150);
  });

  it("refuses, before any round, a window longer than the pool allows and a validation criterion without a test split", async () => {
    const windowTooLong = parseRunConfig(fixtureConfig({ stopping: { maxLabels: 10_000, kappa: { window: 40 } } }));
    await expect(workspaceFor(windowTooLong)).rejects.toThrow(
      /stopping\.kappa\.window: needs 40 query rounds of history, but the run has at most 23 \(the pool of 240 items/,
    );
    const noTest = parseRunConfig({ dataset: { train: FIXTURE_TRAIN }, stopping: { maxLabels: 200, costAware: { minGainPerUsd: 0.01 } } });
    await expect(workspaceFor(noTest)).rejects.toThrow(/stopping\.costAware needs a test split to measure accuracy/);
  });
});

// Every test here runs the CLI in processes of its own, on files of its own: they run side by side
// (the local `expect` of each test context, as concurrent tests need).
describe.concurrent("activegraph run with learning criteria", () => {
  it("prints the signal column and the stop reason, and writes it to the result", async ({ expect }) => {
    const out = join(tempDir(), "out");
    const result = await cli(["run", ...FIXTURE_DATA, "--stop-kappa", "0.8", "--stop-change", "0", "--max-labels", "200", "--out", out, "--thread", "k"]);
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout).toMatch(/accuracy %.*kappa.*changed %/);
    expect(result.stdout).toMatch(/stopped: predictions on the stop set have stabilized: mean kappa 0\.\d{3} .* \[kappa, round \d+\]/);
    const saved = JSON.parse(readFileSync(join(out, "k.json"), "utf8"));
    expect(saved.stopReason).toMatchObject({ criterion: "kappa" });
    expect(saved.history.at(-1).stopSignals).toMatchObject({ kappa: expect.any(Number) });
  });

  const cases: Array<[string, string[], RegExp]> = [
    ["a kappa threshold above 1", ["--stop-kappa", "1.5"], /--stop-kappa: must be between 0 and 1/],
    ["an empty stop set", ["--stop-kappa", "0.9", "--stop-set-size", "0"], /--stop-set-size: a stop set needs at least 1 item/],
    [
      "a window longer than the rounds the budget allows",
      ["--stop-kappa", "0.9", "--max-rounds", "2"],
      /stopping\.kappa\.window: needs 3 query rounds of history, but the run has at most 2/,
    ],
    ["LLM agreement without LLM labels", ["--stop-llm-agreement", "0.02"], /stopping\.llmAgreement: needs LLM labels with spot checks/],
  ];
  it.for(cases)("refuses %s with a one-line error and no checkpoint", async ([, args, message], { expect }) => {
    const out = join(tempDir(), "out");
    const result = await cli(["run", ...FIXTURE_DATA, ...args, "--out", out]);
    expect(result.code).not.toBe(0);
    expect(result.stderr.trim().split("\n")[0]).toMatch(message);
    expect(existsSync(join(out, "checkpoints.sqlite"))).toBe(false);
  });
});
