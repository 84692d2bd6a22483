import { join } from "node:path";
import { MemorySaver } from "@langchain/langgraph";
import { SqliteSaver } from "@langchain/langgraph-checkpoint-sqlite";
import { describe, expect, it } from "vitest";
import { planRun } from "../graphs/activeLearning/plan.js";
import { runThread } from "../graphs/activeLearning/runThread.js";
import { simulatedHumans } from "../graphs/activeLearning/simulatedHumans.js";
import { parseRunConfig, type RunConfigInput } from "../runtime/config/runConfig.js";
import { runKilledAtPut } from "./helpers/cli.js";
import { fixtureConfig } from "./helpers/fixtures.js";
import { tempDir } from "./helpers/tmp.js";

/** Runs `input` whole, and again killed at `step` and resumed; both ends must be the same run. */
async function wholeAndResumed(input: RunConfigInput, step: number) {
  const config = parseRunConfig(input);
  const whole = await runThread({ threadId: "whole", checkpointer: new MemorySaver(), config, responder: simulatedHumans(config) });
  const db = join(tempDir(), "checkpoints.sqlite");
  expect(await runKilledAtPut(db, "cut", step, input)).toBe("SIGKILL");
  const resumed = await runThread({ threadId: "cut", checkpointer: SqliteSaver.fromConnString(db), responder: simulatedHumans(config) });
  expect(resumed.status).toBe("resumed");
  return { whole: whole.state, resumed: resumed.state };
}

const labelsOf = (state: { labels: Array<{ id: string; label: string; source: string; round: number; reviewReason?: string }> }) =>
  state.labels.map((r) => [r.id, r.label, r.source, r.round, r.reviewReason ?? ""]);

describe("money as the objective survives a kill", () => {
  it("the value router, resumed, sends the same items to people and learns the same calibration", async () => {
    const input = fixtureConfig({
      annotator: {
        kind: "llm",
        llm: { provider: "simulated" },
        review: { humanFeeUsd: 0.05 },
        route: "value",
        // Split by the target model's agreement: the round-start model's predictions must come out the same after the kill.
        value: { labelValueUsd: 0.3, spotCheckRate: 0.2, byAgreement: true },
      },
      stopping: { maxLabels: 50 },
      llmCache: "off",
    });
    const { whole, resumed } = await wholeAndResumed(input, 11);
    const people = whole.labels.filter((r) => r.source === "human");
    // It is a split: some labels kept, some bought from people, each with its reason.
    expect(people.length).toBeGreaterThan(0);
    expect(whole.labels.some((r) => r.source === "llm")).toBe(true);
    expect(people.every((r) => r.reviewReason === "value" || r.reviewReason === "spot-check")).toBe(true);
    expect(labelsOf(resumed)).toEqual(labelsOf(whole));
    expect(resumed.calibration).toEqual(whole.calibration);
    const checks = Object.values(whole.calibration).reduce((n, c) => n + [...c.right, ...c.wrong].reduce((a, b) => a + b, 0), 0);
    expect(checks).toBe(people.length);
    // The initial batch has no model to agree with; the query rounds' checks fall on either side of agreement.
    const [llmKey] = Object.keys(whole.calibration).filter((key) => !key.includes(" | "));
    expect(
      Object.keys(whole.calibration)
        .filter((key) => key !== llmKey)
        .sort(),
    ).toEqual([`${llmKey} | target model agrees`, `${llmKey} | target model disagrees`]);
  });

  it("the value route's cascade, resumed, asks the strong model about the same items, and people check it too", async () => {
    const input = fixtureConfig({
      annotator: {
        kind: "llm",
        llm: { provider: "simulated", model: "gpt-4o-mini" },
        escalation: { llm: { provider: "simulated", model: "gpt-4o" } },
        review: { humanFeeUsd: 0.05 },
        route: "value",
        value: { labelValueUsd: 1, spotCheckRate: 0.2, humanAccuracy: 0.9 },
      },
      stopping: { maxLabels: 60 },
      llmCache: "off",
    });
    const { whole, resumed } = await wholeAndResumed(input, 11);
    const byModel = (model: string) => whole.labels.filter((r) => (r as { model?: string }).model === model);
    // The strong model answered some items (priced per item, it beat people on the unsure ones), not all.
    const strong = byModel("simulated:gpt-4o");
    expect(strong.length).toBeGreaterThan(0);
    expect(byModel("simulated:gpt-4o-mini").length).toBeGreaterThan(0);
    expect(whole.ledger.llm["simulated:gpt-4o"]?.calls).toBeGreaterThan(0);
    // People checked some of its labels (value sends and spot checks): its calibration is being learned.
    expect(Object.keys(whole.calibration)).toContain("simulated:gpt-4o");
    expect(labelsOf(resumed)).toEqual(labelsOf(whole));
    expect(resumed.calibration).toEqual(whole.calibration);
  });

  it("the strategy bandit, resumed, draws the same arms and settles the same rewards; its choices are on the learning curve", async () => {
    const input = fixtureConfig({ strategy: "auto", bandit: { validationSize: 30 }, stopping: { maxLabels: 100 }, llmCache: "off" });
    const { whole, resumed } = await wholeAndResumed(input, 13);
    expect(resumed.bandit).toEqual(whole.bandit);
    expect(labelsOf(resumed)).toEqual(labelsOf(whole));
    const choices = whole.bandit!.choices;
    expect(choices.length).toBe(whole.round);
    expect(whole.history.slice(1).map((m) => m.strategy)).toEqual(choices.map((c) => c.arm));
    // The validation slice was labeled with the initial batch (10 + 30, less the items both drew), from the budget.
    const initial = whole.labels.filter((r) => r.round === 0).length;
    expect(initial).toBeGreaterThanOrEqual(30);
    expect(initial).toBeLessThanOrEqual(40);
    // The plan counts the slice among the labels: rounds as the run made them, give or take the overlap.
    const plan = await planRun(parseRunConfig(input));
    expect(plan.validationLabels).toBe(30);
    expect(Math.abs(plan.rounds - whole.history.length)).toBeLessThanOrEqual(1);
  });
});
