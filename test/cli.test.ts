import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, it } from "vitest";
import { CLI_FROM_SOURCES, cli } from "./helpers/cli.js";
import { FIXTURE_TRAIN, FIXTURE_DATA } from "./helpers/fixtures.js";
import { tempDir, writeFile } from "./helpers/tmp.js";

// Every test here runs the CLI in processes of its own, on files of its own: they run side by side
// (the local `expect` of each test context, as concurrent tests need).
describe.concurrent("activegraph run", () => {
  it("runs a loop, prints the learning curve and writes the result and the labels", async ({ expect }) => {
    const out = join(tempDir(), "out");
    // From the sources under tsx, as `npm run activegraph` runs it (the other tests start the compiled copy).
    const result = await cli(["run", ...FIXTURE_DATA, "--max-labels", "30", "--out", out, "--thread", "t1"], {}, undefined, CLI_FROM_SOURCES);
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/round.*labels.*USD.*accuracy/);
    expect(result.stdout).toContain("stopped: reached 30 labels (limit 30)");
    const saved = JSON.parse(readFileSync(join(out, "t1.json"), "utf8"));
    expect(saved).toMatchObject({ thread: "t1", labels: 30, stopReason: { criterion: "maxLabels" } });
    expect(saved.history).toHaveLength(3);
    const labels = readFileSync(join(out, "t1.labels.jsonl"), "utf8")
      .trim()
      .split("\n")
      .map((line) => JSON.parse(line));
    expect(labels).toHaveLength(30);
    expect(labels[0]).toMatchObject({ source: "oracle", round: 0, text: expect.any(String) });

    // Running the finished thread again changes nothing and says so.
    const again = await cli(["run", "--out", out, "--thread", "t1"]);
    expect(again.code).toBe(0);
    expect(again.stderr).toContain("had already finished");
    // A thread cannot be continued with another config.
    const other = await cli(["run", ...FIXTURE_DATA, "--max-labels", "30", "--strategy", "entropy", "--out", out, "--thread", "t1"]);
    expect(other.code).toBe(2);
    expect(other.stderr).toMatch(/thread "t1" was started with another config \(--strategy differs: clustered-uncertainty in the thread, entropy given\)/);
  });

  it("plans a run's labels and cost before it starts, and runs it with a simulated LLM", async ({ expect }) => {
    const plan = await cli(["plan", ...FIXTURE_DATA, "--annotator", "llm", "--max-usd", "0.002", "--llm-cache", "off"]);
    expect(plan.code, plan.stderr).toBe(0);
    expect(plan.stdout).toMatch(/per label\s+│\s+\$[0-9.e-]+\s+│\s+\$0\.000\d+/);
    expect(plan.stdout).toMatch(/total\s+│\s+\$[0-9.e-]+\s+│\s+\$0\.00[12]\d*/);
    expect(plan.stdout).toContain("simulated");
    const out = join(tempDir(), "out");
    const run = await cli(["run", ...FIXTURE_DATA, "--annotator", "llm", "--max-usd", "0.002", "--llm-cache", "off", "--out", out, "--thread", "l"]);
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).toContain("by a simulated LLM standing for gpt-4o-mini");
    const saved = JSON.parse(readFileSync(join(out, "l.json"), "utf8"));
    expect(saved).toMatchObject({ simulated: true, stopReason: { criterion: "maxUsd" } });
    expect(saved.usd).toBeLessThanOrEqual(0.002);
  });

  const dir = tempDir();
  const malformed = writeFile(dir, "bad.jsonl", '{"text": "fine", "label": "a"}\n{"text": "broken"\n');
  const empty = writeFile(dir, "empty.jsonl", '{"text": "fine", "label": "a"}\n{"text": "", "label": "b"}\n');
  const dup = writeFile(dir, "dup.jsonl", '{"id": 1, "text": "x", "label": "a"}\n{"id": 1, "text": "y", "label": "b"}\n');
  const oneClass = writeFile(dir, "one.jsonl", '{"text": "x", "label": "a"}\n{"text": "y", "label": "a"}\n');
  const cases: Array<[string, string[], RegExp]> = [
    ["a missing file", ["--dataset", join(dir, "nope.jsonl")], /nope\.jsonl: no such file or folder/],
    ["a malformed JSONL line", ["--dataset", malformed], /bad\.jsonl line 2: not valid JSON/],
    ["an empty text", ["--dataset", empty], /empty\.jsonl line 2: empty text/],
    ["a duplicate id", ["--dataset", dup, "--id-field", "id"], /dup\.jsonl line 2: duplicate id "1" \(first on line 1\)/],
    ["fewer than two classes", ["--dataset", oneClass], /needs at least two classes, found 1/],
    [
      "an unknown strategy",
      ["--dataset", FIXTURE_TRAIN, "--strategy", "psychic"],
      /--strategy: Invalid option: expected one of "random"\|"least-confidence"\|"margin"\|"entropy"/,
    ],
    ["a budget that is not positive", ["--dataset", FIXTURE_TRAIN, "--max-usd", "0"], /--max-usd: Too small: expected number to be >0/],
    ["a negative label budget", ["--dataset", FIXTURE_TRAIN, "--max-labels", "-5"], /--max-labels: Too small/],
    ["a batch size that is not a number", ["--dataset", FIXTURE_TRAIN, "--batch-size", "ten"], /--batch-size <n>' argument 'ten' is invalid/],
  ];
  it.for(cases)("refuses %s with a one-line error, a non-zero exit and no checkpoint", async ([, args, message], { expect }) => {
    const out = join(tempDir(), "out");
    const result = await cli(["run", ...args, "--out", out]);
    expect(result.code).not.toBe(0);
    expect(result.stderr).toMatch(message);
    expect(result.stderr.trim().split("\n")[0]).toMatch(message);
    expect(result.stderr).not.toMatch(/\n\s+at /);
    expect(existsSync(join(out, "checkpoints.sqlite"))).toBe(false);
  });
});

describe.concurrent("activegraph run --annotator human", () => {
  it("asks in the terminal, stops on q with the rest pending, and resumes with --thread", async ({ expect }) => {
    const out = join(tempDir(), "out");
    const args = [
      "run",
      ...FIXTURE_DATA,
      "--annotator",
      "human",
      "--initial-size",
      "2",
      "--batch-size",
      "2",
      "--max-labels",
      "4",
      "--out",
      out,
      "--thread",
      "p",
    ];
    const first = await cli(args, {}, "1\nsport\nnope\n3\nq\n");
    expect(first.code, first.stderr).toBe(0);
    expect(first.stderr).toContain("1) food_   2) sport   3) tech_   s) skip   q) stop");
    expect(first.stderr).toContain('"nope" is neither a label nor its number');
    expect(first.stderr).toMatch(/stopped with 1 item\(s\) waiting for a person: resume with --out .* --thread p/);
    const waiting = JSON.parse(readFileSync(join(out, "p.json"), "utf8"));
    expect(waiting).toMatchObject({ status: "waiting" });

    const second = await cli(["run", "--out", out, "--thread", "p"], {}, "2\n2\n2\n2\n2\n");
    expect(second.code, second.stderr).toBe(0);
    const done = JSON.parse(readFileSync(join(out, "p.json"), "utf8"));
    expect(done).toMatchObject({ status: "done", labels: 4, stopReason: { criterion: "maxLabels" } });
    const labels = readFileSync(join(out, "p.labels.jsonl"), "utf8")
      .trim()
      .split("\n")
      .map((line) => JSON.parse(line));
    expect(labels.map((r) => r.label)).toEqual(["food_", "sport", "tech_", "sport"]);
    expect(labels.every((r) => r.source === "human")).toBe(true);
  });
});
