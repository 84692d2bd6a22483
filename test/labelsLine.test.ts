import { describe, expect, it } from "vitest";
import { labeledItems, labelsLine } from "../bin/report.js";
import { parseRunConfig } from "../runtime/config/runConfig.js";
import type { LabelRecord } from "../tools/labels/labelRecord.js";
import { fixtureConfig } from "./helpers/fixtures.js";

const record = (id: string, label: string, extra: Partial<LabelRecord> = {}): LabelRecord =>
  ({ id, label, source: "llm", confidence: 0.9, costUsd: 0.001, round: 0, ...extra }) as LabelRecord;

describe("the run's labels line", () => {
  const config = parseRunConfig(fixtureConfig({ annotator: { kind: "llm" }, biasAudit: { every: 2, llm: { provider: "openai", model: "gpt-4o" } } }));
  // Four items; b and c were relabeled by the audit's LLM; d was labeled twice some other way.
  const labels = [
    record("a", "x"),
    record("b", "x"),
    record("c", "y"),
    record("d", "y"),
    record("b", "y", { reviewReason: "bias-audit", round: 3 }),
    record("c", "y", { reviewReason: "bias-audit", round: 3 }),
    record("d", "x", { source: "human", round: 4 }),
  ];

  it("counts items, not label records, and names who relabeled for the audit", () => {
    expect(labeledItems(labels)).toEqual({ items: 4, relabeledByAudit: 2 });
    expect(labelsLine({ config, labels })).toBe(
      "labels: 4 items by a simulated LLM standing for gpt-4o-mini, 2 of them relabeled by the bias audit (LLM gpt-4o), 1 other relabel",
    );
    const people = parseRunConfig({ ...config, biasAudit: { ...config.biasAudit, relabelBy: "human" } });
    expect(labelsLine({ config: people, labels: labels.slice(0, 6) })).toBe(
      "labels: 4 items by a simulated LLM standing for gpt-4o-mini, 2 of them relabeled by the bias audit (people)",
    );
    expect(labelsLine({ config, labels: labels.slice(0, 1) })).toBe("labels: 1 item by a simulated LLM standing for gpt-4o-mini");
  });
});
