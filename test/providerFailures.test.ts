import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { startOpenAiServer, type Reply } from "../evals/loopbackOpenAi.js";
import { annotateWithLlm } from "../tools/llm/annotator.js";
import { BudgetGuard } from "../tools/llm/budgetGuard.js";
import { parseAnnotationPrompt } from "../tools/llm/prompts/annotatePrompt.js";
import { cli, openAiAnnotator } from "./helpers/cli.js";
import { FIXTURE_DATA } from "./helpers/fixtures.js";
import { openAiClient } from "./helpers/llm.js";
import { tempDir } from "./helpers/tmp.js";

const settings = { instructions: "Sentiment.", labels: ["neg", "pos"], confidence: "auto" as const, samples: 3 };
const item = [{ id: "x", text: "a good film" }];
const good: Reply = { kind: "ok", content: '{"answers":[{"id":"1","label":"pos","confidence":0.9}]}' };

let close: (() => Promise<void>) | undefined;
afterEach(async () => {
  await close?.();
  close = undefined;
});

async function serve(handler: Parameters<typeof startOpenAiServer>[0]) {
  const server = await startOpenAiServer(handler);
  close = server.close;
  return server;
}

/** Every file under `dir`, as text. */
function allFiles(dir: string): Array<{ path: string; text: string }> {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? allFiles(path) : [{ path, text: readFileSync(path).toString("latin1") }];
  });
}

describe("what may pass is retried", () => {
  it.each([
    ["a reply cut off mid-body", { kind: "truncated", content: good.kind === "ok" ? good.content : "" } as Reply],
    ["a connection dropped before any reply", { kind: "drop" } as Reply],
  ])("%s is asked again, and labels", async (_name, fault) => {
    const server = await serve((_request, index) => (index === 0 ? fault : good));
    const outcome = await annotateWithLlm(openAiClient(server.baseUrl), item, [], settings, BudgetGuard.unlimited());
    expect(outcome.failures).toEqual([]);
    expect(outcome.answers.map((answer) => answer.label)).toEqual(["pos"]);
    expect(server.requests).toHaveLength(2);
  });
});

describe("what cannot succeed stops the run at once", () => {
  const SECRET = "sk-test-401echo-9c2f7d1b5e3a";
  const args = (server: { baseUrl: string }, out: string, extra: string[] = []) => [
    "run",
    ...FIXTURE_DATA,
    ...openAiAnnotator(server.baseUrl),
    "--llm-concurrency",
    "2",
    "--llm-cache",
    join(out, "llm.sqlite"),
    "--max-labels",
    "30",
    "--out",
    out,
    "--thread",
    "t",
    ...extra,
  ];

  it("a 401 whose body echoes the key: non-zero exit, one line, and the key in no file and no output", async () => {
    // The body echoes the Authorization header, as some servers do.
    const echo: Awaited<ReturnType<typeof serve>> = await serve((_request, index) => {
      const key = echo.authorizations[index].replace(/^Bearer /, "");
      return {
        kind: "status",
        status: 401,
        body: JSON.stringify({
          error: { message: `Incorrect API key provided: ${key}. Authorization: Bearer ${key}`, type: "invalid_request_error", code: "invalid_api_key" },
        }),
      };
    });
    const out = join(tempDir(), "out");
    const result = await cli(args(echo, out), { OPENAI_API_KEY: SECRET });
    expect(echo.authorizations.at(-1)).toBe(`Bearer ${SECRET}`);
    expect(result.code).not.toBe(0);
    const errors = result.stderr.split("\n").filter((line) => /^activegraph: /.test(line));
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatch(/API key/);
    expect(result.stderr).not.toMatch(/\n\s+at /);
    // Stopped at once: the calls of the first wave, not a run's worth.
    expect(echo.requests.length).toBeLessThanOrEqual(2);
    for (const file of allFiles(out)) expect(file.text, file.path).not.toContain(SECRET);
    expect(result.stdout + result.stderr).not.toContain(SECRET);
  });

  it("an unknown model (404): non-zero exit and one line naming the model", async () => {
    const server = await serve(() => ({
      kind: "status",
      status: 404,
      body: JSON.stringify({ error: { message: "The model `gpt-4o-mini` does not exist", code: "model_not_found" } }),
    }));
    const out = join(tempDir(), "out");
    const result = await cli(args(server, out), { OPENAI_API_KEY: "sk-anything-1234" });
    expect(result.code).not.toBe(0);
    const errors = result.stderr.split("\n").filter((line) => /^activegraph: /.test(line));
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatch(/model/);
    expect(server.requests.length).toBeLessThanOrEqual(2);
  });

  it("a model without a price is refused before any checkpoint is written", async () => {
    const server = await serve((request) => {
      const prompt = parseAnnotationPrompt(request.messages.map((m) => ({ role: m.role as "system" | "user", content: m.content })))!;
      return { kind: "ok", content: JSON.stringify({ answers: prompt.items.map((entry) => ({ id: entry.key, label: "food_" })) }) };
    });
    const out = join(tempDir(), "out");
    const result = await cli(args(server, out, ["--llm-model", "my-local-model"]));
    expect(result.code).toBe(2);
    expect(result.stderr.trim().split("\n")).toHaveLength(1);
    expect(result.stderr).toMatch(/my-local-model/);
    expect(existsSync(join(out, "checkpoints.sqlite"))).toBe(false);
    expect(server.requests).toHaveLength(0);
  });
});
