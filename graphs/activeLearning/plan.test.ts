import { MemorySaver } from "@langchain/langgraph";
import { describe, expect, it } from "vitest";
import { fixtureConfig } from "../../test/helpers/fixtures.js";
import { parseRunConfig, type RunConfigInput } from "../../runtime/config/runConfig.js";
import { latestLabels } from "../../tools/labels/latestLabels.js";
import { planRun } from "./plan.js";
import { runThread } from "./runThread.js";

const config = (overrides: Partial<RunConfigInput>, audit?: Record<string, unknown>) =>
  parseRunConfig(
    fixtureConfig({
      llmCache: "off",
      annotator: { kind: "oracle", noiseRate: 0.3, feeUsd: 0.01 },
      ...(audit ? { biasAudit: { clusters: 6, llm: { provider: "simulated", model: "gpt-4o" }, ...audit } } : {}),
      ...overrides,
    }),
  );

describe("plan: the bias audit's cost", () => {
  it("under maxRounds, audits take query rounds: the plan's audits and items are the run's", async () => {
    const audited = config({ stopping: { maxRounds: 6 } }, { every: 2, relabelBy: "llm" });
    const plan = await planRun(audited);
    const without = await planRun(config({ stopping: { maxRounds: 6 } }));
    // Rounds 3 and 6 audit: 4 query rounds of new items, not 6.
    expect(plan).toMatchObject({ biasAudits: 2, rounds: 7 });
    expect(plan.labels).toBe(without.labels - 2 * audited.batchSize);
    expect(plan.biasAudit!.expectedUsd).toBeGreaterThan(0);
    expect(plan.total.expectedUsd).toBeCloseTo(plan.labels * plan.perLabel.expectedUsd + plan.biasAudit!.expectedUsd, 12);
    expect(plan.total.atMostUsd).toBeCloseTo(plan.labels * plan.perLabel.atMostUsd + plan.biasAudit!.atMostUsd, 12);

    const { state } = await runThread({ threadId: "t", checkpointer: new MemorySaver(), config: audited });
    expect(state.audits).toHaveLength(plan.biasAudits);
    expect(latestLabels(state.labels)).toHaveLength(plan.labels);
    // What the audits spent is within the plan's "at most" (every relabel by the audit's LLM included).
    expect(state.ledger.llm["simulated:gpt-4o"].usd).toBeGreaterThan(0);
    expect(state.ledger.llm["simulated:gpt-4o"].usd).toBeLessThanOrEqual(plan.biasAudit!.atMostUsd);
  });

  it("prices the call by the clusters and items shown, and at most maxRelabel relabels by people at the audit's fee", async () => {
    const stopping = { maxLabels: 60 };
    const small = await planRun(config({ stopping }, { every: 1, clusters: 3, perCluster: 2, relabelBy: "human", humanFeeUsd: 0.05, maxRelabel: 10 }));
    const large = await planRun(config({ stopping }, { every: 1, clusters: 12, perCluster: 8, relabelBy: "human", humanFeeUsd: 0.05, maxRelabel: 10 }));
    // 60 labels: the initial 10 and 5 query rounds of 10, with an audit between each two: 4 rounds more.
    expect(small).toMatchObject({ labels: 60, rounds: 10, biasAudits: 4 });
    expect(large.biasAudit!.expectedUsd).toBeGreaterThan(3 * small.biasAudit!.expectedUsd);
    // At most: each audit's call at its worst, and its 10 relabels at $0.05.
    const relabels = 4 * 10 * 0.05;
    expect(small.biasAudit!.atMostUsd).toBeGreaterThan(relabels + small.biasAudit!.expectedUsd);
    expect(small.biasAudit!.atMostUsd - relabels).toBeLessThan(large.biasAudit!.atMostUsd - relabels);
    // By the audit's LLM instead, the relabels are priced as its calls: cents, not dollars.
    const byLlm = await planRun(config({ stopping }, { every: 1, clusters: 3, perCluster: 2, relabelBy: "llm", maxRelabel: 10 }));
    expect(byLlm.biasAudit!.atMostUsd).toBeGreaterThan(byLlm.biasAudit!.expectedUsd);
    expect(byLlm.biasAudit!.atMostUsd).toBeLessThan(small.biasAudit!.atMostUsd);
    expect((await planRun(config({ stopping }))).biasAudit).toBeNull();
  });
});
