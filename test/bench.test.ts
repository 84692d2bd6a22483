import { spawn } from "node:child_process";
import { existsSync, mkdirSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { scriptCommand } from "./helpers/cli.js";
import { readResultRows } from "./helpers/benchResults.js";
import { FIXTURE_TEST, FIXTURE_TRAIN, fixtureDatasetFolder } from "./helpers/fixtures.js";
import { tempDir, writeFile } from "./helpers/tmp.js";

const ROOT = new URL("..", import.meta.url).pathname;

type Run = { code: number | null; stderr: string };

function run(command: string, args: string[], env: Record<string, string>): Promise<Run> {
  return new Promise((resolve) => {
    const child = spawn(command, args, { cwd: ROOT, stdio: ["ignore", "ignore", "pipe"], env: { ...process.env, ...env } });
    let stderr = "";
    child.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
    child.on("exit", (code) => resolve({ code, stderr }));
  });
}

/** `npm run …`, as a user types it. */
const npm = (args: string[], env: Record<string, string> = {}) => run("npm", args, env);

/**
 * evals/bench.ts, the script `npm run bench` runs, without npm, the tsx wrapper and tsx's module
 * hooks (compiled for the test run: test/helpers/compiledSources.ts): for the cases that are about
 * the benchmark's own output.
 */
const BENCH = scriptCommand("evals/bench.ts");
const bench = (args: string[], env: Record<string, string> = {}) => run(BENCH[0], [...BENCH.slice(1), ...args], env);

describe("npm run bench:quick", () => {
  it("writes complete, well-formed results, summary, report and plots, and never re-runs a finished cell", async () => {
    const out = join(tempDir(), "quick");
    const first = await npm(["run", "bench:quick", "--", "--out", out]);
    expect(first.code, first.stderr).toBe(0);

    const rows = readResultRows(out);
    expect(rows).toHaveLength(2 * 6);
    for (const strategy of ["random", "margin"]) {
      const cell = rows.filter((row) => row.strategy === strategy);
      expect(cell.map((row) => [row.round, row.labels])).toEqual([0, 1, 2, 3, 4, 5].map((r) => [r, 25 + 25 * r]));
      expect(cell.at(-1)!.stopReason).toMatchObject({ criterion: "maxRounds" });
      for (const row of cell) {
        expect(row.accuracy).toBeGreaterThan(0);
        expect(row.accuracy).toBeLessThanOrEqual(1);
        expect(row.usd).toBeCloseTo(0.05 * row.labels, 9);
        expect(row.seconds).toBeGreaterThan(0);
        expect(Object.keys(row.stageMs)).toEqual(expect.arrayContaining(["annotate", "train", "evaluate"]));
        expect(row.stopSignals).toMatchObject({
          uncertainty: expect.any(Number),
          ...(row.round > 0 ? { kappa: expect.any(Number), changed: expect.any(Number) } : {}),
        });
      }
    }

    const csv = readFileSync(join(out, "summary.csv"), "utf8").trim().split("\n");
    expect(csv[0].split(",")).toEqual(
      expect.arrayContaining(["dataset", "strategy", "final_accuracy_mean", "auc_mean", "labels_to_95", "usd", "full_data_accuracy"]),
    );
    expect(csv).toHaveLength(3);
    for (const line of csv.slice(1)) expect(line.split(",")).toHaveLength(csv[0].split(",").length);

    const report = readFileSync(join(out, "report.md"), "utf8");
    expect(report).toContain("## spamassassin");
    expect(report).toMatch(/\| margin \| oracle\* \| – \| 1 \| \d+\.\d ± 0\.0 \|/);
    expect(report).toMatch(/\| \*full data \(upper bound\)\* \| gold \| – \| – \| \d+\.\d \|/);
    expect(report).toContain("npm run bench -- --datasets spamassassin");

    expect(report).toContain("## How well each stopping criterion stops");
    expect(report).toMatch(/\| kappa ≥ 0\.99 over 3 rounds \| \d\/2 \|/);
    const stopping = readFileSync(join(out, "stopping.csv"), "utf8").trim().split("\n");
    expect(stopping[0]).toMatch(/^scope,criterion,cells,fired,early,on_time,late,rounds_off_mean/);
    expect(stopping.filter((line) => line.startsWith("all,"))).toHaveLength(stopping.filter((line) => line.startsWith("spamassassin,")).length);

    for (const [file, axis] of [
      ["spamassassin-labels.svg", "labels"],
      ["spamassassin-usd.svg", "USD spent"],
      ["spamassassin-seconds.svg", "wall seconds"],
    ]) {
      expect(report).toContain(`](${file})`);
      const svg = readFileSync(join(out, file), "utf8");
      expect(svg.startsWith("<svg")).toBe(true);
      for (const text of [axis, "test accuracy (%)", "strategy", "margin", "random", "full data"]) expect(svg).toContain(text);
    }

    const again = await npm(["run", "bench:quick", "--", "--out", out]);
    expect(again.code).toBe(0);
    expect(again.stderr).toContain("2 cells: 2 already done, 0 to run");
    expect(readFileSync(join(out, "results.jsonl"), "utf8").trim().split("\n")).toHaveLength(12);
  });

  it("refuses bad input before any cell starts", async () => {
    const dir = tempDir();
    const noSplits = join(dir, "nosplits");
    const badTest = join(dir, "badtest");
    for (const folder of [noSplits, badTest]) mkdirSync(folder);
    writeFile(noSplits, "train.jsonl", readFileSync(FIXTURE_TRAIN));
    writeFile(badTest, "train.jsonl", readFileSync(FIXTURE_TRAIN));
    writeFile(badTest, "test.jsonl", readFileSync(FIXTURE_TEST, "utf8").replace(/"sport"/g, '"sports"'));
    const cases: Array<[string[], RegExp]> = [
      [["--datasets", "nope"], /unknown dataset "nope"/],
      [["--datasets", "spamassassin", "--strategies", "psychic"], /unknown strategy "psychic"/],
      [["--datasets", noSplits], /needs train and test files/],
      [["--datasets", badTest], /label "sports" not in train/],
      [["--datasets", "spamassassin", "--annotators", "robot"], /unknown annotator "robot"/],
      [["--datasets", "spamassassin", "--peers", "modAL"], /unknown peer "modAL"/],
      [["--paradigms", "icl,finetune"], /--paradigms: unknown "finetune"/],
      [["--datasets", "spamassassin", "--annotators", "llm,hybrid@0.8@llama-70b"], /unknown local model "llama-70b" \(known: smollm2, gemma3/],
      // A known model that is not installed (an empty models folder): the line names the install script.
      [["--datasets", "spamassassin", "--annotators", "llm@smollm2"], /"smollm2-135m-instruct" is not installed \(run scripts\/install-models\.sh\)/],
      // A misspelt field inside a named annotator, through --config.
      [["--datasets", "spamassassin", "--annotators", "value@1", "--config", '{"annotator":{"value":{"byAgreemnt":true}}}'], /Unrecognized key: "byAgreemnt"/],
    ];
    // The first case through npm, as a user runs it (npm passes the exit code on and adds lines of
    // its own after the benchmark's); the others straight, all at once: each is a process of its own.
    const env = { ACTIVEGRAPH_MODELS_DIR: join(dir, "no-models") };
    const results = await Promise.all(
      cases.map(([args], i) => {
        const flags = ["--data-dir", dir, "--out", join(dir, `out-${i}`), ...args];
        return i === 0 ? npm(["run", "bench", "--", ...flags], env) : bench(flags, env);
      }),
    );
    for (const [i, [args, message]] of cases.entries()) {
      const result = results[i];
      expect(result.code, args.join(" ")).toBe(2);
      // One line says what is wrong.
      expect(result.stderr.split("\n").filter((line) => line.startsWith("bench: "))).toHaveLength(1);
      expect(result.stderr).toMatch(message);
      expect(existsSync(join(dir, `out-${i}`, "results.jsonl"))).toBe(false);
    }
  });

  it("lays --config's annotator fields over the annotators named on --annotators", async () => {
    const dir = tempDir();
    const topics = fixtureDatasetFolder(dir);
    const out = join(dir, "out");
    const args = ["--datasets", topics, "--strategies", "random", "--seeds", "1", "--rounds", "1", "--annotators", "value@1"];
    const result = await bench([...args, "--out", out, "--config", '{"annotator":{"value":{"byAgreement":true}}}']);
    expect(result.code, result.stderr).toBe(0);
    const rows = readResultRows(out);
    expect(rows.map((row) => [row.annotator, row.round])).toEqual([
      ["value@1", 0],
      ["value@1", 1],
    ]);
    // A dataset named by its folder path gets its plots in the output folder, not in sub-folders of it.
    expect(readdirSync(out).filter((file) => file.endsWith("topics-labels.svg"))).toHaveLength(1);
  });
});
