import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { loadDataset } from "../tools/pool/loadDataset.js";
import { cli } from "./helpers/cli.js";
import { tempDir, writeFile } from "./helpers/tmp.js";

const rows = (...items: object[]) => items.map((item) => JSON.stringify(item)).join("\n") + "\n";
const spec = (train: string, test?: string) => ({ train, test, textField: "text", labelField: "label" });

describe("labels as written in a file", () => {
  const variants = rows(
    { text: "who wrote it", label: "HUM" },
    { text: "who sang it", label: "HUM " },
    { text: "who painted it", label: "\uFF28\uFF35\uFF2D" }, // full-width HUM
    { text: "who built it", label: "HU\u200BM" }, // a zero-width space inside
    { text: "who found it", label: "\u00A0HUM\t" },
    { text: "where is it", label: "LOC" },
    { text: "where was it", label: "LOC" },
    { text: "who is she", label: " hum" },
  );

  it("are trimmed, NFKC-normalized and stripped of zero-width characters, in train and test alike", async () => {
    const dir = tempDir();
    const data = await loadDataset(
      spec(writeFile(dir, "train.jsonl", variants), writeFile(dir, "test.jsonl", rows({ text: "who", label: "HUM\u200D" }, { text: "where", label: " LOC" }))),
    );
    expect(data.labels).toEqual(["HUM", "LOC", "hum"]);
    expect(data.train.map((item) => item.label)).toEqual(["HUM", "HUM", "HUM", "HUM", "HUM", "LOC", "LOC", "hum"]);
    expect(data.test!.map((item) => item.label)).toEqual(["HUM", "LOC"]);
  });

  it("are merged with a one-line warning that counts what changed, and case-only twins are named, not merged", async () => {
    const dir = tempDir();
    const train = writeFile(dir, "train.jsonl", variants);
    const out = join(dir, "out");
    const result = await cli(["run", "--dataset", train, "--initial-size", "2", "--batch-size", "2", "--max-labels", "4", "--out", out, "--thread", "n"]);
    expect(result.code, result.stderr).toBe(0);
    const warnings = result.stderr.split("\n").filter((line) => line.startsWith("warning:"));
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toMatch(/train\.jsonl: 5 labels normalized \(trimmed, NFKC, zero-width characters removed\); 4 variant spellings merged into "HUM"/);
    expect(warnings[0]).toMatch(/"HUM" and "hum" differ only in case/);
  });

  it("refuses a file that is not valid UTF-8, naming the line", async () => {
    const dir = tempDir();
    const bytes = Buffer.concat([
      Buffer.from(rows({ text: "fine", label: "a" }, { text: "fine too", label: "b" })),
      Buffer.from('{"text": "caf'),
      Buffer.from([0xe9]),
      Buffer.from('", "label": "a"}\n'),
    ]);
    await expect(loadDataset(spec(writeFile(dir, "latin1.jsonl", bytes)))).rejects.toThrow(/latin1\.jsonl line 3: not valid UTF-8/);
  });
});
