import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { stratifiedSample } from "../evals/protocol.js";
import { appendCell, loadCompleteCells, type ResultRow } from "../evals/results.js";
import { normalizedAuc, summarize } from "../evals/summarize.js";
import { tempDir } from "./helpers/tmp.js";

const row = (seed: number, round: number, accuracy: number, last = false): ResultRow => ({
  key: `d|s|oracle|${seed}|p`,
  protocol: "p",
  dataset: "d",
  strategy: "s",
  annotator: "oracle",
  simulated: true,
  seed,
  round,
  labels: 10 + 10 * round,
  usd: 0.5 * (1 + round),
  accuracy,
  macroF1: accuracy,
  stageMs: { train: 1 },
  ...(last ? { stopReason: { criterion: "maxRounds", message: "m", round } } : {}),
});

describe("benchmark results", () => {
  it("keeps complete cells and drops a cell cut off by a crash, and a torn line", () => {
    const path = join(tempDir(), "results.jsonl");
    appendCell(path, [row(0, 0, 0.5), row(0, 1, 0.6, true)]);
    appendCell(path, [row(1, 0, 0.5)]);
    writeFileSync(path, readFileSync(path, "utf8") + '{"key": "torn');
    const cells = loadCompleteCells(path);
    expect([...cells.keys()]).toEqual(["d|s|oracle|0|p"]);
    expect(readFileSync(path, "utf8").trim().split("\n")).toHaveLength(2);
  });

  it("summarizes over seeds: final accuracy, normalized AUC, labels to 95% of full data", () => {
    const rows = [row(0, 0, 0.5), row(0, 1, 0.7), row(0, 2, 0.9, true), row(1, 0, 0.5), row(1, 1, 0.9), row(1, 2, 0.9, true)];
    const [s] = summarize(rows, { d: 0.9 });
    expect(s.seeds).toBe(2);
    expect(s.finalAccuracy.mean).toBeCloseTo(0.9, 9);
    expect(s.finalAccuracy.std).toBeCloseTo(0, 9);
    // Mean curve: 0.5, 0.8, 0.9; 95% of 0.9 is 0.855, first reached at 30 labels.
    expect(s.labelsTo95).toBe(30);
    expect(s.curve.map((p) => p.accuracy)).toEqual([0.5, 0.8, 0.9].map((v) => expect.closeTo(v, 9)));
    expect(s.usd).toBeCloseTo(1.5, 9);
  });

  it("normalized AUC is the curve's average height over the label axis", () => {
    expect(normalizedAuc([10, 20, 30], [0.5, 0.5, 0.5])).toBeCloseTo(0.5, 12);
    expect(normalizedAuc([0, 10, 30], [0, 1, 1])).toBeCloseTo((5 + 20) / 30, 12);
  });

  it("draws a stratified initial set: class proportions kept, every class present", () => {
    const items = [
      ...Array.from({ length: 90 }, (_, i) => ({ id: `a${i}`, text: "x", label: "a" })),
      ...Array.from({ length: 9 }, (_, i) => ({ id: `b${i}`, text: "x", label: "b" })),
      { id: "c0", text: "x", label: "c" },
    ];
    const sample = stratifiedSample(items, 10, 0);
    expect(sample).toHaveLength(10);
    expect(new Set(sample).size).toBe(10);
    const count = (prefix: string) => sample.filter((id) => id.startsWith(prefix)).length;
    expect([count("a"), count("b"), count("c")]).toEqual([8, 1, 1]);
    expect(stratifiedSample(items, 10, 0)).toEqual(sample);
    expect(stratifiedSample(items, 10, 1)).not.toEqual(sample);
  });
});
