import { describe, expect, it } from "vitest";
import { benchAnnotator } from "../evals/annotators.js";
import { cheapestFixedAtLeast, frontierMarkdown, type PolicyPoint, policyPoints } from "../evals/frontier.js";
import type { ResultRow } from "../evals/results.js";
import { SCHROEDER_2022 } from "../evals/protocol.js";
import { parseRunConfig } from "../runtime/config/runConfig.js";
import { ConfigError } from "../tools/errors.js";
import { fixtureConfig } from "./helpers/fixtures.js";

describe("benchmark annotators by name", () => {
  it("reads a threshold or a label value from the name, into a valid run config", () => {
    const hybrid = benchAnnotator("hybrid@0.7").config(SCHROEDER_2022);
    expect(hybrid).toMatchObject({ kind: "llm", review: { acceptAbove: 0.7, humanFeeUsd: 0.05 } });
    const value = benchAnnotator("value@2").config(SCHROEDER_2022);
    expect(value).toMatchObject({ route: "value", value: { labelValueUsd: 2 } });
    expect(parseRunConfig(fixtureConfig({ annotator: value })).annotator).toMatchObject({ route: "value" });
    expect(benchAnnotator("hybrid").config(SCHROEDER_2022)).toMatchObject({ review: { acceptAbove: 0.9 } });
    const cascade = benchAnnotator("cascade@0.8@0.95").config(SCHROEDER_2022);
    expect(cascade).toMatchObject({ escalation: { llm: { model: "gpt-4o" }, below: 0.8 }, review: { acceptAbove: 0.95 } });
    expect(parseRunConfig(fixtureConfig({ annotator: cascade })).annotator).toMatchObject({ route: "thresholds" });
    const valueCascade = benchAnnotator("value-cascade@0.5").config(SCHROEDER_2022);
    expect(parseRunConfig(fixtureConfig({ annotator: valueCascade })).annotator).toMatchObject({ route: "value", escalation: { llm: { model: "gpt-4o" } } });
  });

  it.each(["hybrid@", "hybrid@x", "hybrid@1.5", "value@0", "value@1@2", "people", "cascade@0.8", "cascade@0.8@2", "cascade@x@0.9", "value-cascade@0"])(
    "refuses %s",
    (name) => {
      expect(() => benchAnnotator(name)).toThrow(ConfigError);
    },
  );
});

describe("the annotation frontier", () => {
  const row = (annotator: string, seed: number, usd: number, labelAccuracy: number): ResultRow[] => [
    {
      key: `d|random|${annotator}|${seed}`,
      protocol: "p",
      dataset: "d",
      strategy: "random",
      annotator,
      simulated: true,
      seed,
      round: 20,
      labels: 525,
      usd,
      accuracy: 0.7,
      macroF1: 0.6,
      stageMs: {},
      labelAccuracy,
    },
  ];
  const cells = [
    row("llm", 0, 0.02, 0.7),
    row("hybrid@0.9", 0, 15, 0.95),
    row("hybrid@0.8", 0, 10, 0.9),
    row("oracle", 0, 26.25, 1),
    row("value@1", 0, 12, 0.96),
    row("value@1", 1, 14, 0.94),
  ];

  it("averages each policy over seeds and finds the cheapest fixed policy at least as accurate as the router", () => {
    const points = policyPoints(cells);
    const router = points.find((p) => p.annotator === "value@1")! as PolicyPoint;
    expect(router).toMatchObject({ seeds: 2, usd: 13 });
    expect(router.labelAccuracy.mean).toBeCloseTo(0.95, 9);
    expect(cheapestFixedAtLeast(points, router)?.annotator).toBe("hybrid@0.9");
    expect(frontierMarkdown(points, {})).toContain("| value@1 | 2 | 13.00 | 95.0 ± 1.4 | 70.0 ± 0.0 | hybrid@0.9 at $15.00 |");
  });
});
