import { spawn } from "node:child_process";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { expect, it } from "vitest";
import { localModelsMissing } from "../../tools/localModels/manifest.js";
import { nodeLlamaCppMissing } from "../../tools/localModels/nodeLlamaCpp.js";
import { readResultRows } from "../helpers/benchResults.js";
import { fixtureDatasetFolder } from "../helpers/fixtures.js";
import { tempDir } from "../helpers/tmp.js";

// Real models, run for real: they skip (saying what to install) when the files are not there.
const missing = localModelsMissing() ?? (await nodeLlamaCppMissing());
const ROOT = new URL("../..", import.meta.url).pathname;

function bench(args: string[]): Promise<{ code: number | null; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn("npm", ["run", "bench", "--", ...args], { cwd: ROOT, stdio: ["ignore", "ignore", "pipe"] });
    let stderr = "";
    child.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
    child.on("exit", (code) => resolve({ code, stderr }));
  });
}

if (missing) {
  it.skip(missing, () => {});
} else {
  it("npm run bench runs a 2-round cell with SmolLM2 labeling: free, timed, and named with its quantization", async () => {
    const dir = tempDir();
    fixtureDatasetFolder(dir);
    const out = join(dir, "out");
    const run = await bench([
      ...["--datasets", "topics", "--data-dir", dir, "--out", out, "--strategies", "margin", "--annotators", "llm@smollm2"],
      ...["--seeds", "1", "--initial-size", "3", "--rounds", "2", "--batch-size", "3", "--workers", "1", "--llm-threads", "1"],
    ]);
    expect(run.code, run.stderr).toBe(0);
    const rows = readResultRows(out);
    expect(rows.map((row) => [row.round, row.labels])).toEqual([
      [0, 3],
      [1, 6],
      [2, 9],
    ]);
    for (const row of rows) {
      expect(row).toMatchObject({ annotator: "llm@smollm2", simulated: false, llm: "SmolLM2-135M-Instruct Q4_1", usd: 0 });
      expect(row.accuracy).toBeGreaterThanOrEqual(0);
      // The LLM labeled every item of the round, so the round took real time.
      expect(row.stageMs.annotate).toBeGreaterThan(0);
    }
    const seconds = rows.map((row) => row.seconds!);
    expect(seconds[0]).toBeGreaterThan(0);
    expect(seconds[1]).toBeGreaterThan(seconds[0]);
    expect(seconds[2]).toBeGreaterThan(seconds[1]);
    // The ledger's seconds of the model, at most the cell's wall time.
    expect(rows[2].llmSeconds).toBeGreaterThan(0);
    expect(rows[2].llmSeconds).toBeLessThanOrEqual(seconds[2]);
    expect(rows[2].stopReason).toMatchObject({ criterion: "maxRounds" });

    const report = readFileSync(join(out, "report.md"), "utf8");
    expect(report).toMatch(/\| margin \| llm@smollm2 \| SmolLM2-135M-Instruct Q4_1 \| 1 \| \d+\.\d ± 0\.0 \|/);
    expect(readFileSync(join(out, "topics-seconds.svg"), "utf8")).toContain("wall seconds");
  });
}
