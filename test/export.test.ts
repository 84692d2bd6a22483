import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { SqliteSaver } from "@langchain/langgraph-checkpoint-sqlite";
import { parse as parseCsv } from "csv-parse/sync";
import { parse as parseYaml } from "yaml";
import { beforeAll, describe, expect, it, vi } from "vitest";
import { exportCommand } from "../bin/exportCommand.js";
import type { ExportFormat } from "../bin/exportFormats.js";
import { runThread } from "../graphs/activeLearning/runThread.js";
import { simulatedHumans } from "../graphs/activeLearning/simulatedHumans.js";
import type { State } from "../graphs/activeLearning/state.js";
import { labelsCsv } from "../tools/export/csv.js";
import { dpoJsonl } from "../tools/export/dpo.js";
import type { LabelRow } from "../tools/export/labelRows.js";
import { loadDataset } from "../tools/pool/loadDataset.js";
import { parseRunConfig } from "../runtime/config/runConfig.js";
import { cli } from "./helpers/cli.js";
import { fixtureConfig, FIXTURE_TEST, FIXTURE_TRAIN, FIXTURE_DATA } from "./helpers/fixtures.js";
import { tempDir } from "./helpers/tmp.js";

const jsonLines = (path: string): Array<Record<string, unknown>> =>
  readFileSync(path, "utf8")
    .split("\n")
    .filter((line) => line.length > 0)
    .map((line) => JSON.parse(line));
/** The fixture's texts by the ids the loader gives them. */
const fixture = await loadDataset({ train: FIXTURE_TRAIN, test: FIXTURE_TEST, textField: "text", labelField: "label" });
const fixtureTexts = new Map([...fixture.train, ...fixture.test!].map((item) => [item.id, item.text]));

/**
 * One thread with every kind of label: a weak simulated LLM labels, people (simulated from the gold
 * labels) review what it is unsure of and overrule it where it is wrong, and every other round an
 * LLM writes new items.
 */
const out = tempDir("activegraph-export-");
let state: State;
beforeAll(async () => {
  const config = parseRunConfig(
    fixtureConfig({
      annotator: { kind: "llm", llm: { provider: "simulated", model: "gpt-4.1-nano" }, review: { acceptAbove: 0.9, humanFeeUsd: 0.1 } },
      generation: { llm: { provider: "simulated" }, ratio: 0.5, perRound: 5 },
      stopping: { maxLabels: 40 },
      llmCache: "off",
    }),
  );
  const checkpointer = SqliteSaver.fromConnString(join(out, "checkpoints.sqlite"));
  ({ state } = await runThread({ threadId: "mixed", checkpointer, config, responder: simulatedHumans(config) }));
}, 240_000);

async function exported(format: ExportFormat, extra: { to?: string; license?: string } = {}): Promise<string> {
  const log = vi.spyOn(console, "log").mockImplementation(() => {});
  try {
    await exportCommand({ thread: "mixed", out, format, ...extra });
    return log.mock.calls.map((call) => call.join(" ")).join("\n");
  } finally {
    log.mockRestore();
  }
}

describe("activegraph export", () => {
  it("the thread has labels of every origin (people overruling the LLM among them)", () => {
    const sources = new Set(state.labels.map((record) => record.source));
    expect(sources).toEqual(new Set(["llm", "human", "generated"]));
    expect(state.labels.some((record) => record.source === "human" && record.suggestion !== undefined && record.suggestion !== record.label)).toBe(true);
  });

  it("csv: csv-parse reads back every label with its text, source, confidence, cost and round", async () => {
    await exported("csv");
    const rows = parseCsv(readFileSync(join(out, "mixed.labels.csv"), "utf8"), { columns: true }) as Array<Record<string, string>>;
    expect(rows).toHaveLength(state.labels.length);
    const generated = new Map(state.generated.map((item) => [item.id, item.text]));
    rows.forEach((row, i) => {
      const record = state.labels[i];
      expect(row.id).toBe(record.id);
      expect(row.text).toBe(fixtureTexts.get(record.id) ?? generated.get(record.id));
      expect(row).toMatchObject({ label: record.label, source: record.source, round: String(record.round), model: record.model ?? "" });
      expect(Number(row.costUsd)).toBe(record.costUsd);
      expect(row.confidence === "" ? null : Number(row.confidence)).toBe(record.confidence);
    });
  });

  it("jsonl: one label record a line with its text, the same file `run` writes", async () => {
    const to = join(out, "elsewhere", "labels.jsonl");
    expect(await exported("jsonl", { to })).toContain(`exported ${state.labels.length} labels of thread mixed as jsonl: ${to}`);
    const lines = jsonLines(to);
    expect(lines).toHaveLength(state.labels.length);
    lines.forEach((line, i) => {
      const { text, ...record } = line;
      expect(record).toEqual(state.labels[i]);
      expect(typeof text).toBe("string");
    });
    expect(lines.some((line) => line.source === "generated" && !fixtureTexts.has(line.id as string))).toBe(true);
  });

  it("openai: every line is a system/user/assistant conversation with the label set, the text and the label", async () => {
    await exported("openai");
    const lines = jsonLines(join(out, "mixed.openai.jsonl"));
    expect(lines).toHaveLength(state.labels.length);
    lines.forEach((line, i) => {
      expect(Object.keys(line)).toEqual(["messages"]);
      const messages = line.messages as Array<{ role: string; content: string }>;
      expect(messages.map((m) => m.role)).toEqual(["system", "user", "assistant"]);
      for (const message of messages) expect(Object.keys(message).sort()).toEqual(["content", "role"]);
      for (const label of state.classes) expect(messages[0].content).toContain(JSON.stringify(label));
      expect(messages[1].content.length).toBeGreaterThan(0);
      expect(messages[2].content).toBe(state.labels[i].label);
    });
  });

  it("hf: a dataset card whose YAML front matter parses, names data files that exist, and records provenance", async () => {
    await exported("hf", { license: "cc-by-4.0" });
    const dir = join(out, "mixed-hf");
    const card = readFileSync(join(dir, "README.md"), "utf8");
    const match = card.match(/^---\n([\s\S]*?)\n---\n/);
    expect(match).not.toBeNull();
    const front = parseYaml(match![1]) as {
      license: string;
      task_categories: string[];
      configs: Array<{ config_name: string; data_files: Array<{ split: string; path: string }> }>;
      dataset_info: { features: Array<{ name: string; dtype?: unknown; sequence?: string }>; splits: Array<{ name: string; num_examples: number }> };
    };
    expect(front.license).toBe("cc-by-4.0");
    expect(front.task_categories).toEqual(["text-classification"]);
    const [config] = front.configs;
    expect(config.config_name).toBe("default");
    expect(config.data_files.map((file) => file.split)).toEqual(["train", "test"]);
    const columns = front.dataset_info.features.map((feature) => feature.name);
    for (const file of config.data_files) {
      expect(existsSync(join(dir, file.path)), file.path).toBe(true);
      const rows = jsonLines(join(dir, file.path));
      expect(front.dataset_info.splits.find((split) => split.name === file.split)?.num_examples).toBe(rows.length);
      // Every row has exactly the declared columns, and every label is a name of the class_label.
      for (const row of rows) {
        expect(Object.keys(row)).toEqual(columns);
        expect(state.classes).toContain(row.label);
      }
    }
    const label = front.dataset_info.features.find((feature) => feature.name === "label")!.dtype as { class_label: { names: Record<string, string> } };
    expect(Object.entries(label.class_label.names)).toEqual(state.classes.map((name, i) => [String(i), name]));
    expect(jsonLines(join(dir, "data/train.jsonl"))).toHaveLength(state.labels.length);
    expect(jsonLines(join(dir, "data/test.jsonl"))).toHaveLength(90);

    const count = (source: string) => state.labels.filter((record) => record.source === source).length;
    expect(card).toMatch(new RegExp(`\\| people \\| ${count("human")} \\| \\$`));
    expect(card).toMatch(new RegExp(`\\| LLM gpt-4\\.1-nano \\(simulated offline[^|]*\\| ${count("llm")} \\|`));
    expect(card).toMatch(new RegExp(`\\| written by LLM gpt-4o-mini \\(simulated offline[^|]*\\| ${count("generated")} \\|`));
    expect(card).toContain(`$${state.ledger.totalUsd.toFixed(state.ledger.totalUsd < 1 ? 4 : 2)} in all`);
  });

  it("dpo: a person's label chosen over the LLM suggestion they overruled, under the task's prompt", async () => {
    await exported("dpo");
    const pairs = jsonLines(join(out, "mixed.dpo.jsonl"));
    const overruled = state.labels.filter((record) => record.source === "human" && record.suggestion !== undefined && record.suggestion !== record.label);
    expect(pairs).toHaveLength(overruled.length);
    pairs.forEach((pair, i) => {
      expect(Object.keys(pair)).toEqual(["prompt", "chosen", "rejected"]);
      expect(pair.chosen).toBe(overruled[i].label);
      expect(pair.rejected).toBe(overruled[i].suggestion);
      expect(pair.prompt).toContain(fixtureTexts.get(overruled[i].id));
    });
  });

  it("refuses, in one line, DPO pairs from a thread with no overruled suggestion and a thread that does not exist", async () => {
    const dir = tempDir();
    const run = await cli(["run", ...FIXTURE_DATA, "--max-labels", "20", "--out", dir, "--thread", "plain", "--quiet"]);
    expect(run.code, run.stderr).toBe(0);
    const dpo = await cli(["export", "--thread", "plain", "--out", dir, "--format", "dpo"]);
    expect(dpo.code).toBe(2);
    expect(dpo.stderr.trim()).toBe(
      `activegraph: thread "plain" has no preference answers: a classification thread gives DPO pairs only where a person overruled an LLM's suggestion, and none of its 20 labels was a person reviewing a suggestion`,
    );
    expect(existsSync(join(dir, "plain.dpo.jsonl"))).toBe(false);
    const missing = await cli(["export", "--thread", "nope", "--out", dir, "--format", "csv"]);
    expect(missing.code).toBe(2);
    expect(missing.stderr.trim()).toBe(`activegraph: thread "nope" does not exist in ${join(dir, "checkpoints.sqlite")}`);
  }, 240_000); // three CLI processes: generous, so a busy machine does not trip it
});

describe("the export writers", () => {
  it("csv: quotes commas, quotes, line breaks and keeps rationales as a JSON list", () => {
    const row: LabelRow = {
      id: "a,1",
      text: 'He said "hi",\nthen left; ünïcode 😀',
      label: "x",
      source: "llm",
      confidence: 0.25,
      costUsd: 1.5e-7,
      round: 2,
      model: "m",
      rationales: ['because "x"', "and, so"],
    };
    const [back] = parseCsv(labelsCsv([row]), { columns: true }) as Array<Record<string, string>>;
    expect(back).toMatchObject({ id: "a,1", text: row.text, label: "x", source: "llm", confidence: "0.25", round: "2", comment: "" });
    expect(Number(back.costUsd)).toBe(1.5e-7);
    expect(JSON.parse(back.rationales)).toEqual(row.rationales);
  });

  it("dpo: refuses a pair that prefers nothing", () => {
    expect(() => dpoJsonl([{ prompt: "p", chosen: "a", rejected: "a" }])).toThrow(/preference pair 1: rejected: chosen and rejected are the same answer/);
    expect(dpoJsonl([{ prompt: "p", chosen: "a", rejected: "b" }])).toBe('{"prompt":"p","chosen":"a","rejected":"b"}\n');
  });
});
