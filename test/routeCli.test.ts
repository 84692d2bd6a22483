import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, it } from "vitest";
import { cli } from "./helpers/cli.js";
import { FIXTURE_DATA } from "./helpers/fixtures.js";
import { tempDir } from "./helpers/tmp.js";

const labelsOf = (out: string, thread: string) =>
  readFileSync(join(out, `${thread}.labels.jsonl`), "utf8")
    .trim()
    .split("\n")
    .map((line) => JSON.parse(line) as { source: string; reviewReason?: string });

// Every test here runs the CLI in processes of its own, on files of its own: they run side by side
// (the local `expect` of each test context, as concurrent tests need).
describe.concurrent("activegraph run: hybrid routes from the command line", () => {
  it("routes by value with people answering from the gold labels, and by thresholds with --review-above", async ({ expect }) => {
    const out = join(tempDir(), "out");
    const common = [...FIXTURE_DATA, "--annotator", "llm", "--human-fee-usd", "0.05", "--people", "gold", "--max-labels", "40", "--out", out, "--quiet"];
    const value = await cli(["run", ...common, "--route", "value", "--label-value-usd", "1", "--thread", "value"]);
    expect(value.code, value.stderr).toBe(0);
    const valueLabels = labelsOf(out, "value");
    expect(valueLabels).toHaveLength(40);
    expect(new Set(valueLabels.map((record) => record.source))).toEqual(new Set(["llm", "human"]));
    const saved = JSON.parse(readFileSync(join(out, "value.json"), "utf8"));
    expect(saved.config.annotator).toMatchObject({ route: "value", value: { labelValueUsd: 1 }, review: { humanFeeUsd: 0.05 } });

    // Every label reviewed: people answer all of them, and the LLM's suggestion is kept beside.
    const all = await cli(["run", ...common, "--review-above", "1", "--thread", "all"]);
    expect(all.code, all.stderr).toBe(0);
    const reviewed = labelsOf(out, "all").filter((record) => record.source !== "oracle");
    expect(reviewed.length).toBeGreaterThan(0);
    expect(reviewed.every((record) => record.source === "human")).toBe(true);
  });

  it("refuses a value route without people, and an unknown --people, in one line", async ({ expect }) => {
    const out = join(tempDir(), "out");
    const [noPeople, unknown] = await Promise.all([
      cli(["run", ...FIXTURE_DATA, "--annotator", "llm", "--route", "value", "--max-labels", "20", "--out", out]),
      cli(["run", ...FIXTURE_DATA, "--people", "crowd", "--max-labels", "20", "--out", out]),
    ]);
    expect(noPeople.code).toBe(2);
    expect(noPeople.stderr.trim().split("\n")).toHaveLength(1);
    expect(noPeople.stderr).toMatch(/--route: route "value" needs review/);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr.trim()).toBe('activegraph: --people: "crowd" is not terminal or gold');
  });
});
