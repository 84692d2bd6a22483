import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { cli } from "./helpers/cli.js";
import { FIXTURE_DATA } from "./helpers/fixtures.js";
import { tempDir } from "./helpers/tmp.js";

/** The help text of one option, joined across wrapped lines. */
function optionHelp(help: string, flag: string): string {
  const lines = help.split("\n");
  const start = lines.findIndex((line) => line.trimStart().startsWith(`${flag} `));
  if (start < 0) return "";
  const out = [lines[start]];
  for (const line of lines.slice(start + 1)) {
    if (/^\s+--?\w/.test(line) || line.trim() === "") break;
    out.push(line);
  }
  return out.map((line) => line.trim()).join(" ");
}

describe("activegraph run --help", () => {
  it("says what the parser does: the label budget a run gets, every annotator, every choice", async () => {
    const { stdout, code } = await cli(["run", "--help"]);
    expect(code).toBe(0);
    expect(optionHelp(stdout, "--max-labels")).not.toMatch(/default: 1\)/);
    expect(optionHelp(stdout, "--max-labels")).toMatch(/default: 100/);
    const annotator = optionHelp(stdout, "--annotator");
    for (const kind of ["oracle", "llm", "human", "committee"]) expect(annotator).toContain(kind);
    for (const provider of ["simulated", "openai", "custom", "llama-cpp"]) expect(optionHelp(stdout, "--llm-provider")).toContain(provider);
    for (const method of ["auto", "logprobs", "self-consistency", "verbalized"]) expect(optionHelp(stdout, "--confidence")).toContain(method);
    for (const kind of ["hnsw", "exact"]) expect(optionHelp(stdout, "--index")).toContain(kind);
  });
});

describe("resuming with another option", () => {
  it("names exactly the field that differs", async () => {
    const out = join(tempDir(), "out");
    const first = await cli(["run", ...FIXTURE_DATA, "--max-labels", "20", "--out", out, "--thread", "b"]);
    expect(first.code, first.stderr).toBe(0);
    const again = await cli(["run", "--out", out, "--thread", "b", "--batch-size", "20"]);
    expect(again.code).toBe(2);
    expect(again.stderr.trim().split("\n")).toHaveLength(1);
    expect(again.stderr).toMatch(/thread "b" was started with another config \(--batch-size differs: 10 in the thread, 20 given\)/);
  });
});
