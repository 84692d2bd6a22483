import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, it } from "vitest";
import { cli } from "./helpers/cli.js";
import { FIXTURE_DATA } from "./helpers/fixtures.js";
import { tempDir } from "./helpers/tmp.js";

const rowsOf = (out: string, thread: string) =>
  readFileSync(join(out, `${thread}.labels.jsonl`), "utf8")
    .trim()
    .split("\n")
    .map((line) => JSON.parse(line) as { id: string; source: string; reviewReason?: string; costUsd: number });

// Every test here runs the CLI in processes of its own, on files of its own: they run side by side
// (the local `expect` of each test context, as concurrent tests need).
describe.concurrent("activegraph run: the bias audit (CAL) from the command line", () => {
  it("audits every two query rounds, people (gold) relabel what it flags at its fee, and the final line counts items", async ({ expect }) => {
    const out = join(tempDir(), "out");
    const audit = ["--bias-audit-every", "2", "--bias-audit-relabel-by", "human", "--bias-audit-fee-usd", "0.05", "--bias-audit-clusters", "4"];
    const run = await cli(["run", ...FIXTURE_DATA, "--annotator", "llm", ...audit, "--people", "gold", "--max-labels", "60", "--out", out, "--thread", "a"]);
    expect(run.code, run.stderr).toBe(0);

    const saved = JSON.parse(readFileSync(join(out, "a.json"), "utf8"));
    expect(saved.config.biasAudit).toMatchObject({ every: 2, clusters: 4, relabelBy: "human", humanFeeUsd: 0.05 });
    const counters = (saved.history as Array<{ counters?: Record<string, number> }>).map((round) => round.counters ?? {});
    const audited = counters.filter((round) => round.biasAuditPatterns !== undefined);
    expect(audited.length).toBeGreaterThan(0);
    // The labels file has one row an item, its latest label: the relabels are people's, at the audit's fee.
    const relabeled = rowsOf(out, "a").filter((row) => row.reviewReason === "bias-audit");
    expect(relabeled.length).toBeGreaterThan(0);
    expect(relabeled.every((row) => row.source === "human" && row.costUsd === 0.05)).toBe(true);
    expect(saved.ledger.human.labels).toBe(relabeled.length);

    // Label records outnumber items by the relabels; the final line and the result count items.
    const items = rowsOf(out, "a").length;
    expect(saved).toMatchObject({ labels: items + relabeled.length, items, relabeledByAudit: relabeled.length });
    expect(run.stdout).toContain(
      `labels: ${items} items by a simulated LLM standing for gpt-4o-mini, ${relabeled.length} of them relabeled by the bias audit (people), spent $`,
    );

    // The plan prices the same audits, with at most 50 relabels each at $0.05.
    const plan = await cli(["plan", ...FIXTURE_DATA, "--annotator", "llm", ...audit, "--max-labels", "60"]);
    expect(plan.code, plan.stderr).toBe(0);
    expect(plan.stdout).toMatch(/bias audits \((\d+), each with at most 50 relabels by people\)\s+│\s+\$[0-9.e-]+\s+│\s+\$\d+\.\d\d/);
    expect(Number(/bias audits \((\d+)/.exec(plan.stdout)![1])).toBeGreaterThanOrEqual(audited.length);

    // Without the audit, the line is as before, in items.
    const plain = await cli(["run", ...FIXTURE_DATA, "--max-labels", "20", "--out", out, "--thread", "p"]);
    expect(plain.code, plain.stderr).toBe(0);
    expect(plain.stdout).toContain("labels: 20 items by the gold oracle (a simulated human), spent $");
  });

  it("refuses a bad audit setting in one line, and an audit setting without --bias-audit-every", async ({ expect }) => {
    const out = join(tempDir(), "out");
    const cases: Array<[string[], string]> = [
      [["--bias-audit-every", "0"], "activegraph: invalid options: --bias-audit-every: Too small: expected number to be >=1"],
      [
        ["--bias-audit-every", "2", "--bias-audit-relabel-by", "robots"],
        'activegraph: invalid options: --bias-audit-relabel-by: Invalid option: expected one of "human"|"llm"',
      ],
      [["--bias-audit-clusters", "4"], "activegraph: --bias-audit-clusters: needs --bias-audit-every (or biasAudit in --config) to turn it on"],
    ];
    const results = await Promise.all(cases.map(([flags]) => cli(["run", ...FIXTURE_DATA, ...flags, "--max-labels", "20", "--out", out])));
    for (const [i, [flags, line]] of cases.entries()) {
      const result = results[i];
      expect(result.code, flags.join(" ")).toBe(2);
      expect(result.stderr.trim()).toBe(line);
    }
  });
});
