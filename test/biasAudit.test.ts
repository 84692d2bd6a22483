import { MemorySaver } from "@langchain/langgraph";
import { describe, expect, it } from "vitest";
import { simulatedHumans } from "../graphs/activeLearning/simulatedHumans.js";
import { runThread } from "../graphs/activeLearning/runThread.js";
import type { State } from "../graphs/activeLearning/state.js";
import { parseRunConfig, type RunConfigInput } from "../runtime/config/runConfig.js";
import { labelRows } from "../tools/export/labelRows.js";
import { latestLabels } from "../tools/labels/latestLabels.js";
import type { LabelRecord } from "../tools/labels/labelRecord.js";
import { registerChatModel } from "../tools/llm/customModels.js";
import { BIAS_AUDIT_TASK } from "../tools/llm/prompts/biasAuditPrompt.js";
import { createServices } from "../runtime/services.js";
import { fixtureConfig } from "./helpers/fixtures.js";
import { ScriptedChatModel } from "./helpers/scriptedChatModel.js";

/** The gold label of each pool item, as the simulated oracle knows it. */
async function goldOf(config: ReturnType<typeof noisy>): Promise<Map<string, string>> {
  const workspace = await createServices().workspace(config);
  const oracle = workspace.oracle(0, config.seed);
  return new Map(oracle.annotate([...workspace.pool.ids]).map(({ id, label }) => [id, label]));
}
const accuracyBy = (gold: ReadonlyMap<string, string>) => (labels: readonly LabelRecord[]) =>
  latestLabels(labels).filter((r) => gold.get(r.id) === r.label).length / latestLabels(labels).length;

// Noisy people label (30% wrong); every two query rounds a strong simulated LLM audits the labels.
const noisy = (audit: Record<string, unknown> | undefined, overrides: Partial<RunConfigInput> = {}) =>
  parseRunConfig(
    fixtureConfig({
      llmCache: "off",
      annotator: { kind: "oracle", noiseRate: 0.3, feeUsd: 0.01 },
      stopping: { maxRounds: 4 },
      ...(audit ? { biasAudit: { every: 2, clusters: 6, perCluster: 4, llm: { provider: "simulated", model: "gpt-4o" }, ...audit } } : {}),
      ...overrides,
    }),
  );

async function run(config: ReturnType<typeof noisy>, people = false): Promise<State> {
  return (await runThread({ threadId: "t", checkpointer: new MemorySaver(), config, ...(people ? { responder: simulatedHumans(config) } : {}) })).state;
}

describe("bias discovery (CAL) in the loop, on the simulator", () => {
  it("never buys more relabels than maxLabels leaves: the flagged items are cut to the labels left", async () => {
    const open = await run(noisy({ relabelBy: "human", humanFeeUsd: 0.01 }, { stopping: { maxRounds: 4 } }), true);
    const flaggedWhenFree = open.audits[0].flagged.length;
    expect(flaggedWhenFree).toBeGreaterThan(2);
    // The audit comes after 30 labels (10 initial + two rounds of 10): leave room for two relabels only.
    const tight = await run(noisy({ relabelBy: "human", humanFeeUsd: 0.01 }, { stopping: { maxLabels: 32 } }), true);
    expect(tight.audits[0].flagged.length).toBe(2);
    expect(tight.labels.length).toBeLessThanOrEqual(32);
  });

  it("audits in place of the third query round, relabels what it flags with the strong LLM, and the labels get more right", async () => {
    const config = noisy({ relabelBy: "llm" });
    const state = await run(config);
    const gold = await goldOf(config);
    const accuracy = accuracyBy(gold);
    expect(state.audits).toHaveLength(1);
    const [audit] = state.audits;
    expect(audit).toMatchObject({ round: 3, relabelBy: "llm" });
    expect(audit.failure).toBeUndefined();
    expect(audit.clusters).toBeGreaterThan(1);
    expect(audit.patterns.length).toBeGreaterThan(0);
    expect(audit.flagged.length).toBeGreaterThan(0);
    // The audit's round adds no new item: it relabels; round 4 queries again.
    const relabels = state.labels.filter((r) => r.reviewReason === "bias-audit");
    expect(relabels.map((r) => r.id).sort()).toEqual(audit.flagged.map((f) => f.id).sort());
    expect(relabels.every((r) => r.source === "llm" && r.model === "simulated:gpt-4o" && r.round === 3 && r.rationales![0].startsWith("bias audit: "))).toBe(
      true,
    );
    const before = state.labels.filter((r) => r.round < 3);
    // Flagged items were wrong far more often than the labels at large, and the audit made the labels more right.
    const flaggedWrong = audit.flagged.filter((f) => gold.get(f.id) !== latestLabels(before).find((r) => r.id === f.id)!.label).length / audit.flagged.length;
    expect(flaggedWrong).toBeGreaterThan(2 * (1 - accuracy(before)));
    expect(accuracy(state.labels.filter((r) => r.round <= 3))).toBeGreaterThan(accuracy(before) + 0.05);
    expect(state.ledger.llm["simulated:gpt-4o"].calls).toBeGreaterThan(1);
    expect(state.history.find((m) => m.round === 3)!.counters).toMatchObject({
      biasAuditFlagged: audit.flagged.length,
      biasAuditRelabeled: audit.flagged.length,
    });
    // An item never carries two labels for the model or in an export: each item's latest counts.
    const rows = labelRows(state.labels, [], (id) => id);
    expect(rows).toHaveLength(new Set(state.labels.map((r) => r.id)).size);
    expect(rows.filter((row) => row.reviewReason === "bias-audit")).toHaveLength(audit.flagged.length);
  });

  it("asks people to relabel what it flags, showing the current label and the pattern, at the audit's fee", async () => {
    const asked: string[][] = [];
    const config = noisy({ relabelBy: "human", humanFeeUsd: 0.2, itemsPerTask: 100 });
    const state = (
      await runThread({
        threadId: "h",
        checkpointer: new MemorySaver(),
        config,
        responder: simulatedHumans(config, { onAsk: (questions) => asked.push(questions.flatMap((q) => q.request.items.map((i) => i.reason))) }),
      })
    ).state;
    const [audit] = state.audits;
    const gold = await goldOf(config);
    expect(audit.flagged.length).toBeGreaterThan(0);
    const relabels = state.labels.filter((r) => r.reviewReason === "bias-audit");
    expect(relabels).toHaveLength(audit.flagged.length);
    expect(relabels.every((r) => r.source === "human" && r.costUsd === 0.2 && r.suggestion !== undefined && r.rationales![0].startsWith("bias audit: "))).toBe(
      true,
    );
    expect(relabels.every((r) => r.label === gold.get(r.id))).toBe(true);
    expect(asked.flat().filter((reason) => reason === "bias-audit")).toHaveLength(audit.flagged.length);
    expect(state.ledger.human.usd).toBeCloseTo(0.01 * state.labels.filter((r) => r.reviewReason !== "bias-audit").length + 0.2 * relabels.length, 9);
  });

  it("is off by default: the same run without biasAudit queries every round and asks no auditor", async () => {
    const state = await run(noisy(undefined));
    expect(state.audits).toEqual([]);
    expect(state.labels).toHaveLength(50);
    expect(state.ledger.llm).toEqual({});
  });

  it("records a refused audit reply in one line and relabels nothing", async () => {
    registerChatModel(
      "audit-bad-cluster",
      new ScriptedChatModel((turns) =>
        turns[0].content.startsWith(BIAS_AUDIT_TASK) ? '{"patterns": [{"cluster": "99", "label": "sport", "description": "x", "keyword": ""}]}' : "{}",
      ),
    );
    const state = await run(
      noisy({ llm: { provider: "custom", model: "audit-bad-cluster", price: { inputPerMTokens: 0, outputPerMTokens: 0 }, maxRetries: 0 } }),
    );
    expect(state.audits[0].failure).toMatch(/^bias audit reply refused: pattern 1 names cluster "99", not one of "1", /);
    expect(state.audits[0].failure).not.toContain("\n");
    expect(state.audits[0].flagged).toEqual([]);
    expect(state.labels.some((r) => r.reviewReason === "bias-audit")).toBe(false);
    expect(state.history.find((m) => m.round === 3)!.counters).toMatchObject({ biasAuditFailed: 1 });
  });
});
