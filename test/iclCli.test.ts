import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, it } from "vitest";
import { cli } from "./helpers/cli.js";
import { FIXTURE_TRAIN, FIXTURE_DATA } from "./helpers/fixtures.js";
import { tempDir } from "./helpers/tmp.js";

// Every test here runs the CLI in processes of its own, on files of its own: they run side by side
// (the local `expect` of each test context, as concurrent tests need).
describe.concurrent("activegraph icl", () => {
  it("runs active in-context learning on the simulator, writes its result, and reports a finished thread on resume", async ({ expect }) => {
    const out = tempDir();
    const args = ["icl", ...FIXTURE_DATA, "--strategy", "similarity", "--k", "3", "--max-labels", "12", "--test-size", "20"];
    const result = await cli([...args, "--out", out, "--thread", "one", "--llm-cache", "off"]);
    expect(result.stderr).toMatch(/evaluated 20\/20 test inputs/);
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/^strategy similarity, k 3: accuracy \d+\.\d%, macro-F1 \d+\.\d% on 20 test inputs$/m);
    const written = JSON.parse(readFileSync(join(out, "one.icl.json"), "utf8"));
    expect(written.labels).toHaveLength(12);
    expect(written.predictions).toHaveLength(20);
    const again = await cli(["icl", "--out", out, "--thread", "one"]);
    expect(again.code).toBe(0);
    expect(again.stdout).toMatch(/labels: 12, spent \$/);
  });

  it("refuses bad options in one line naming each flag, with exit code 2", async ({ expect }) => {
    const [result, learner] = await Promise.all([
      cli(["icl", ...FIXTURE_DATA, "--k", "0", "--strategy", "nope", "--out", tempDir()]),
      cli(["icl", "--dataset", FIXTURE_TRAIN, "--learner", "gpt-9", "--out", tempDir()]),
    ]);
    expect(result.code).toBe(2);
    expect(result.stderr.trim().split("\n")).toHaveLength(1);
    expect(result.stderr).toMatch(/^activegraph: invalid options: --strategy: .*; --k: /);
    expect(learner.code).toBe(2);
    expect(learner.stderr).toMatch(/^activegraph: --learner: "gpt-9" is none of simulated/);
  });
});
