import { readFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startOpenAiServer } from "../evals/loopbackOpenAi.js";
import { parseAnnotationPrompt } from "../tools/llm/prompts/annotatePrompt.js";
import { cli, openAiAnnotator } from "./helpers/cli.js";
import { syntheticTopics, toJsonl } from "./helpers/synthetic.js";
import { tempDir, writeFile } from "./helpers/tmp.js";

/** Answers by topic keyword; a prompt holding a poison item gets a reply out of the schema asked for. */
let server: Awaited<ReturnType<typeof startOpenAiServer>>;
beforeAll(async () => {
  server = await startOpenAiServer((request) => {
    const prompt = parseAnnotationPrompt(request.messages.map((m) => ({ role: m.role as "system" | "user", content: m.content })))!;
    if (prompt.items.some((item) => item.text.includes("poison"))) return { kind: "ok", content: '{"answers": "I will not label this"}' };
    const label = (text: string) =>
      /(goal|match|team|coach|score|league|player|medal|race|trophy)/.test(text)
        ? "sport"
        : /(laptop|software|chip|server|cloud|app|code|cable|data)/.test(text)
          ? "tech_"
          : "food_";
    return { kind: "ok", content: JSON.stringify({ answers: prompt.items.map((item) => ({ id: item.key, label: label(item.text), confidence: 0.9 })) }) };
  });
});
afterAll(() => server.close());

describe("quarantine", () => {
  it("an item that failed twice is never picked again, is listed with its reasons, and the run reaches its budget", async () => {
    const dir = tempDir();
    // 48 ordinary items and 12 the model refuses, in words no labelled item shares: the most uncertain, so margin sampling wants them first.
    const rows = [
      ...syntheticTopics(48, 4),
      ...Array.from({ length: 12 }, (_, i) => ({ id: `poison-${i}`, text: `poison zq${i}x zv${i}y`, label: ["food_", "sport", "tech_"][i % 3] })),
    ];
    const train = writeFile(dir, "train.jsonl", toJsonl(rows));
    const out = join(dir, "out");
    const result = await cli([
      "run",
      "--dataset",
      train,
      ...openAiAnnotator(server.baseUrl),
      "--items-per-call",
      "1",
      "--llm-cache",
      "off",
      "--strategy",
      "margin",
      "--max-labels",
      "48",
      "--id-field",
      "id",
      "--out",
      out,
      "--thread",
      "q",
    ]);
    expect(result.code, result.stderr).toBe(0);
    const saved = JSON.parse(readFileSync(join(out, "q.json"), "utf8"));
    expect(saved.stopReason).toMatchObject({ criterion: "maxLabels" });
    expect(saved.labels).toBe(48);
    const quarantined = saved.quarantined as Array<{ id: string; failures: number; reasons: string[] }>;
    expect(quarantined.map((entry) => entry.id).sort()).toEqual(
      rows
        .filter((row) => row.id.startsWith("poison"))
        .map((row) => row.id)
        .sort(),
    );
    for (const entry of quarantined) {
      expect(entry.failures).toBe(2);
      expect(entry.reasons).toHaveLength(2);
      expect(entry.reasons[0]).toMatch(/malformed reply/);
    }
    expect(result.stdout).toMatch(/quarantined: 12 items? that failed 2 times/);
  });
});
