import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, it } from "vitest";
import { cli } from "./helpers/cli.js";
import { FIXTURE_DATA } from "./helpers/fixtures.js";
import { tempDir, writeFile } from "./helpers/tmp.js";

const data = [...FIXTURE_DATA, "--llm-cache", "off"];

// Every test here runs the CLI in processes of its own, on files of its own: they run side by side
// (the local `expect` of each test context, as concurrent tests need).
describe.concurrent("activegraph sft and preference", () => {
  it("sft: chooses examples and writes them as OpenAI chat JSONL and a Hugging Face dataset folder", async ({ expect }) => {
    const out = tempDir();
    const result = await cli([
      "sft",
      ...data,
      "--responder",
      "simulated:gpt-4o-mini",
      "--max-examples",
      "10",
      "--batch-size",
      "5",
      "--thread",
      "s",
      "--out",
      out,
    ]);
    expect(result.code, result.stderr).toBe(0);
    expect(result.stderr).toMatch(/round 2: 10 examples/);
    const lines = readFileSync(join(out, "s.sft.openai.jsonl"), "utf8")
      .trim()
      .split("\n")
      .map((line) => JSON.parse(line));
    expect(lines).toHaveLength(10);
    expect(lines[0].messages.map((m: { role: string }) => m.role)).toEqual(["user", "assistant"]);
    expect(readFileSync(join(out, "s-sft-hf", "README.md"), "utf8")).toMatch(/\| oracle \| 10 \|/);
    expect(
      readFileSync(join(out, "s-sft-hf", "data", "train.jsonl"), "utf8")
        .trim()
        .split("\n"),
    ).toHaveLength(10);
  });

  it("preference: waits for people, takes their answers from a file, and writes DPO pairs", async ({ expect }) => {
    const out = tempDir();
    const common = ["--thread", "p", "--out", out];
    const first = await cli([
      "preference",
      ...data,
      ...common,
      "--max-items",
      "40",
      "--held-out",
      "20",
      "--generators",
      "simulated:gpt-4.1-nano,simulated:gpt-4o-mini",
      "--annotator",
      "human",
      "--initial-size",
      "3",
      "--max-labels",
      "3",
    ]);
    expect(first.code, first.stderr).toBe(0);
    expect(first.stderr).toMatch(/waiting for people/);
    const requests = JSON.parse(readFileSync(join(out, "p.requests.json"), "utf8")) as Record<string, { items: Array<{ id: string }> }>;
    expect(Object.keys(requests)).toHaveLength(3);
    const answer = Object.fromEntries(Object.entries(requests).map(([id, request]) => [id, { [request.items[0].id]: "B" }]));
    const done = await cli(["preference", ...common, "--answer", writeFile(out, "answer.json", JSON.stringify(answer))]);
    expect(done.code, done.stderr).toBe(0);
    expect(done.stderr).toMatch(/stopped: collected 3 preference labels/);
    const pairs = readFileSync(join(out, "p.dpo.jsonl"), "utf8")
      .trim()
      .split("\n")
      .map((line) => JSON.parse(line));
    expect(pairs).toHaveLength(3);
    for (const pair of pairs) expect(Object.keys(pair)).toEqual(["prompt", "chosen", "rejected"]);
  });

  it("refuses bad input in one line, with exit code 2", async ({ expect }) => {
    const [bad, zero] = await Promise.all([cli(["preference", ...data, "--generators", "nobody"]), cli(["sft", ...data, "--batch-size", "0"])]);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/provider:model/);
    expect(zero.code).toBe(2);
    expect(zero.stderr.trim().split("\n")).toHaveLength(1);
  });
});
