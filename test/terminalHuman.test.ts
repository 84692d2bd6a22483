import { spawn } from "node:child_process";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { CLI } from "./helpers/cli.js";
import { FIXTURE_DATA } from "./helpers/fixtures.js";
import { tempDir } from "./helpers/tmp.js";

/**
 * Runs `activegraph run --annotator human` with stdin a pipe that stays open, as a terminal does:
 * types `lines`, and resolves with how the process ended, or null if it was still running after
 * `patienceMs` (then it is killed).
 */
function typeAtTerminal(args: string[], lines: string[], patienceMs = 30_000): Promise<{ code: number | null; stdout: string; stderr: string } | null> {
  const child = spawn(CLI[0], [...CLI.slice(1), ...args], { stdio: ["pipe", "pipe", "pipe"] });
  let stdout = "";
  let stderr = "";
  let typed = 0;
  child.stdout.on("data", (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr.on("data", (chunk: Buffer) => {
    stderr += chunk.toString();
    // Answer each prompt as it comes, never closing the input.
    while (typed < lines.length && stderr.split("label> ").length - 1 > typed) child.stdin.write(`${lines[typed++]}\n`);
  });
  return new Promise((resolve) => {
    const timer = setTimeout(() => {
      child.kill("SIGKILL");
      resolve(null);
    }, patienceMs);
    child.on("exit", (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr });
    });
  });
}

describe("the terminal labeller", () => {
  const args = (out: string) => [
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

  it("lets go of a terminal after q, and says the run waits on people", async () => {
    const ended = await typeAtTerminal(args(join(tempDir(), "out")), ["1", "q"]);
    expect(ended, "the process was still running 30 s after q").not.toBeNull();
    expect(ended!.code).toBe(0);
    expect(ended!.stdout).not.toContain("not stopped");
    expect(ended!.stdout).toMatch(/stopped: waiting on people \(1 item pending\)/);
  });

  it("lets go of a terminal at the end of a run", async () => {
    const ended = await typeAtTerminal(args(join(tempDir(), "out")), ["1", "2", "3", "1"]);
    expect(ended, "the process was still running 30 s after the run ended").not.toBeNull();
    expect(ended!.code).toBe(0);
    expect(ended!.stdout).toContain("stopped: reached 4 labels (limit 4)");
  });
});
