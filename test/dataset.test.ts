import { gzipSync } from "node:zlib";
import { describe, expect, it } from "vitest";
import { datasetSpecFromArg } from "../tools/pool/datasetSpec.js";
import { loadDataset } from "../tools/pool/loadDataset.js";
import { tempDir, writeFile } from "./helpers/tmp.js";

const rows = (...items: object[]) => items.map((item) => JSON.stringify(item)).join("\n") + "\n";
const spec = (train: string, test?: string) => ({ train, test, textField: "text", labelField: "label" });

describe("loadDataset", () => {
  it("reads JSONL, gzipped JSONL and CSV, with ids and a sorted label set", async () => {
    const dir = tempDir();
    const train = writeFile(dir, "train.jsonl.gz", gzipSync(rows({ text: "good", label: "pos" }, { text: "bad", label: "neg" }, { text: "fine", label: 1 })));
    const test = writeFile(dir, "test.csv", 'text,label\n"so good, really",pos\nawful,neg\n');
    const data = await loadDataset(spec(train, test));
    expect(data.labels).toEqual(["1", "neg", "pos"]);
    expect(data.train.map((item) => item.id)).toEqual(["train:1", "train:2", "train:3"]);
    expect(data.test).toEqual([
      { id: "test:2", text: "so good, really", label: "pos" },
      { id: "test:3", text: "awful", label: "neg" },
    ]);
    expect(datasetSpecFromArg(dir)).toMatchObject({ train, test });
  });

  it("refuses a missing file", async () => {
    await expect(loadDataset(spec("/nonexistent/train.jsonl"))).rejects.toThrow("/nonexistent/train.jsonl: no such file");
  });

  it("names the file and line of a malformed JSONL row", async () => {
    const path = writeFile(tempDir(), "bad.jsonl", rows({ text: "a", label: "x" }) + '{"text": "b", "label":\n');
    await expect(loadDataset(spec(path))).rejects.toThrow(new RegExp(`${path} line 2: not valid JSON`));
  });

  it("refuses an empty text, a missing label and a duplicate id", async () => {
    const dir = tempDir();
    const empty = writeFile(dir, "empty.jsonl", rows({ text: "a", label: "x" }, { text: "  ", label: "y" }));
    await expect(loadDataset(spec(empty))).rejects.toThrow(`${empty} line 2: empty text`);
    const noLabel = writeFile(dir, "nolabel.jsonl", rows({ text: "a", label: "x" }, { text: "b" }));
    await expect(loadDataset(spec(noLabel))).rejects.toThrow(`${noLabel} line 2: label: missing, or not a string or number`);
    const dup = writeFile(dir, "dup.jsonl", rows({ id: 7, text: "a", label: "x" }, { id: 8, text: "b", label: "y" }, { id: 7, text: "c", label: "y" }));
    await expect(loadDataset({ ...spec(dup), idField: "id" })).rejects.toThrow(`${dup} line 3: duplicate id "7" (first on line 1)`);
  });

  it("refuses fewer than two classes, and a test label absent from train", async () => {
    const dir = tempDir();
    const one = writeFile(dir, "one.jsonl", rows({ text: "a", label: "x" }, { text: "b", label: "x" }));
    await expect(loadDataset(spec(one))).rejects.toThrow(`${one}: needs at least two classes, found 1 (x)`);
    const train = writeFile(dir, "train.jsonl", rows({ text: "a", label: "x" }, { text: "b", label: "y" }));
    const test = writeFile(dir, "test.jsonl", rows({ text: "c", label: "z" }));
    await expect(loadDataset(spec(train, test))).rejects.toThrow(`${test}: label "z" not in train (x, y)`);
  });

  it("reports a malformed CSV with its line", async () => {
    const path = writeFile(tempDir(), "bad.csv", 'text,label\n"unclosed,pos\n');
    await expect(loadDataset(spec(path))).rejects.toThrow(/bad\.csv.*malformed CSV/);
  });
});
