import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { parse as parseYaml } from "yaml";
import { describe, it } from "vitest";
import { cli } from "./helpers/cli.js";
import { FIXTURE_TRAIN, FIXTURE_DATA } from "./helpers/fixtures.js";
import { tempDir } from "./helpers/tmp.js";

const jsonLines = (path: string): Array<Record<string, unknown>> =>
  readFileSync(path, "utf8")
    .split("\n")
    .filter((line) => line.length > 0)
    .map((line) => JSON.parse(line));
/** The fixture's gold labels by the ids the loader gives them (`train:<line>`). */
const gold = new Map(
  readFileSync(FIXTURE_TRAIN, "utf8")
    .trim()
    .split("\n")
    .map((line, i) => [`train:${i + 1}`, (JSON.parse(line) as { label: string }).label]),
);
const agreement = (rows: Array<Record<string, unknown>>, truth: Map<string, unknown>) =>
  rows.filter((row) => truth.get(String(row.id)) === row.label).length / rows.length;
const DATA = [...FIXTURE_DATA, "--llm-cache", "off"];

// Every test here runs the CLI in processes of its own, on files of its own: they run side by side
// (the local `expect` of each test context, as concurrent tests need).
describe.concurrent("activegraph distill", () => {
  it("distills actively, prints the student's curve, exports the student's labels of the whole pool as a HF dataset with provenance, and shows a finished thread again", async ({
    expect,
  }) => {
    const out = tempDir();
    const run = await cli([
      "distill",
      ...DATA,
      "--max-teacher-labels",
      "60",
      "--initial-size",
      "20",
      "--batch-size",
      "20",
      "--out",
      out,
      "--thread",
      "d",
      "--export",
      "hf",
    ]);
    expect(run.code, run.stderr).toBe(0);
    expect(run.stderr).toContain("starting thread d: topics.train (192 pool items), active (margin), teacher simulated:gpt-4o-mini");
    expect(run.stdout).toMatch(/\| round \| teacher labels \| calls \| USD/);
    expect(run.stdout).toMatch(/^\| 2 \| 60 \| 6 \| \$0\.\d{4} \|/m);
    expect(run.stdout).toContain("stopped: the teacher was asked about 60 items (budget 60) [maxTeacherLabels]");

    const dir = join(out, "d.student-hf");
    const train = jsonLines(join(dir, "data/train.jsonl"));
    // The student labels every pool item, at no cost, and mostly right on this easy fixture.
    expect(train).toHaveLength(192);
    expect(new Set(train.map((row) => row.id)).size).toBe(192);
    expect(train.every((row) => row.source === "student" && row.costUsd === 0 && row.model === "student:softmax")).toBe(true);
    expect(train.every((row) => typeof row.confidence === "number" && row.confidence > 1 / 3 && row.confidence <= 1)).toBe(true);
    expect(agreement(train, gold)).toBeGreaterThan(0.5);
    expect(jsonLines(join(dir, "data/test.jsonl"))).toHaveLength(90);
    const card = readFileSync(join(dir, "README.md"), "utf8");
    const front = parseYaml(card.match(/^---\n([\s\S]*?)\n---\n/)![1]) as { tags: string[]; dataset_info: { splits: Array<{ num_examples: number }> } };
    expect(front.tags).toContain("simulated-annotations");
    expect(front.dataset_info.splits[0].num_examples).toBe(192);
    expect(card).toContain("| student model student:softmax, trained on the LLM labels of the ledger below (distillation) | 192 | $0.00 |");
    expect(card).toMatch(/\| gpt-4o-mini \(simulated offline[^|]*\| 6 \| 0 \| \d+ \| \d+ \| \$0\.\d{4} \|/);
    expect(card).toContain("labeled by the teacher simulated:gpt-4o-mini, and a student model trained on its labels labeled the pool");

    // The finished thread: shown again with its own config, and its teacher labels exported.
    const again = await cli(["distill", "--out", out, "--thread", "d", "--export", "jsonl", "--export-labels", "teacher"]);
    expect(again.code, again.stderr).toBe(0);
    expect(again.stderr).toContain("thread d had already finished");
    expect(again.stderr).not.toContain("teacher: ");
    const teacher = jsonLines(join(out, "d.teacher.jsonl"));
    expect(teacher).toHaveLength(60);
    expect(teacher.every((row) => row.source === "llm" && row.model === "simulated:gpt-4o-mini" && typeof row.text === "string")).toBe(true);
    // The student learned from these labels: it repeats most of them.
    expect(agreement(teacher, new Map(train.map((row) => [String(row.id), row.label])))).toBeGreaterThan(0.7);

    const changed = await cli(["distill", "--out", out, "--thread", "d", "--max-usd", "1"]);
    expect(changed.code).toBe(2);
    expect(changed.stderr.trim()).toBe(`activegraph: thread "d" exists: resume it with --out and --thread alone, or pass a new --thread`);
  });

  it("runs FreeAL: the teacher labels a share of the pool, then relabels what the student finds noisy, round by round", async ({ expect }) => {
    const out = tempDir();
    const run = await cli(["distill", ...DATA, "--method", "freeal", "--max-teacher-labels", "120", "--rounds", "2", "--out", out, "--thread", "f", "--quiet"]);
    expect(run.code, run.stderr).toBe(0);
    expect(run.stderr).toBe("");
    // 120 / (1 + 2 × 0.5) = 60 items first; each round sends about half of them back.
    const rows = run.stdout.split("\n").filter((line) => /^\| \d/.test(line));
    expect(rows).toHaveLength(3);
    expect(rows[0]).toMatch(/^\| 0 \| 60 \|/);
    expect(rows[2]).toMatch(/\| 60 \| [\d.]+% \| [\d.]+% \| \d+ \/ \d+ \/ \d+ \|$/);
    expect(run.stdout).toContain("[rounds]");
  });

  it("refuses bad options in one line naming the flag, with exit code 2, before opening any checkpoint", async ({ expect }) => {
    const out = tempDir();
    const cases: Array<[string[], RegExp]> = [
      [["--max-teacher-labels", "60", "--clean-share", "1.5"], /^activegraph: invalid options: --clean-share: /],
      [[], /^activegraph: invalid options: give --max-teacher-labels or --max-usd: without a budget/],
    ];
    const results = await Promise.all(cases.map(([args]) => cli(["distill", ...DATA, ...args, "--out", out])));
    for (const [i, [args, message]] of cases.entries()) {
      const result = results[i];
      expect(result.code, args.join(" ")).toBe(2);
      expect(result.stderr.trim().split("\n")).toHaveLength(1);
      expect(result.stderr.trim()).toMatch(message);
    }
    expect(existsSync(join(out, "checkpoints.sqlite"))).toBe(false);
  });
});
