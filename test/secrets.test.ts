import { readdirSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startOpenAiServer } from "../evals/loopbackOpenAi.js";
import { parseAnnotationPrompt } from "../tools/llm/prompts/annotatePrompt.js";
import { parseRunConfig } from "../runtime/config/runConfig.js";
import { cli, openAiAnnotator } from "./helpers/cli.js";
import { FIXTURE_TRAIN, FIXTURE_DATA } from "./helpers/fixtures.js";
import { tempDir } from "./helpers/tmp.js";

const SECRET = "sk-test-7f3c9a1e5b2d4680";

let server: Awaited<ReturnType<typeof startOpenAiServer>>;
beforeAll(async () => {
  server = await startOpenAiServer((request) => {
    const prompt = parseAnnotationPrompt(request.messages.map((m) => ({ role: m.role as "system" | "user", content: m.content })))!;
    return { kind: "ok", content: JSON.stringify({ answers: prompt.items.map((item) => ({ id: item.key, label: "food_", confidence: 0.9 })) }) };
  });
});
afterAll(() => server.close());

/** Every file under `dir`, as text. */
function allFiles(dir: string): Array<{ path: string; text: string }> {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? allFiles(path) : [{ path, text: readFileSync(path).toString("latin1") }];
  });
}

describe("secrets", () => {
  it("an API key from the environment reaches the provider and nothing activegraph writes or prints", async () => {
    const out = join(tempDir(), "out");
    const cache = join(out, "llm.sqlite");
    const result = await cli(
      ["run", ...FIXTURE_DATA, ...openAiAnnotator(server.baseUrl), "--llm-cache", cache, "--max-labels", "20", "--out", out, "--thread", "s"],
      { OPENAI_API_KEY: SECRET },
    );
    expect(result.code, result.stderr).toBe(0);
    expect(server.authorizations.length).toBeGreaterThan(0);
    expect(server.authorizations.every((header) => header === `Bearer ${SECRET}`)).toBe(true);
    for (const file of allFiles(out)) expect(file.text, file.path).not.toContain(SECRET);
    expect(result.stdout + result.stderr).not.toContain(SECRET);
  });

  it("refuses credentials in a base URL, since the config is checkpointed", () => {
    const base = { dataset: { train: FIXTURE_TRAIN }, stopping: { maxLabels: 5 } };
    expect(() => parseRunConfig({ ...base, annotator: { kind: "llm", llm: { provider: "openai", baseUrl: "http://user:pw@127.0.0.1:8000/v1" } } })).toThrow(
      /must not carry credentials/,
    );
    expect(() => parseRunConfig({ ...base, annotator: { kind: "llm", llm: { provider: "openai", baseUrl: "http://127.0.0.1:8000/v1?api_key=abc" } } })).toThrow(
      /must not carry credentials/,
    );
    expect(() => parseRunConfig({ ...base, annotator: { kind: "llm", llm: { provider: "openai", baseUrl: "http://127.0.0.1:8000/v1" } } })).not.toThrow();
  });
});
