import { basename } from "node:path";
import { DatasetError } from "../errors.js";
import type { Dataset, LabeledText } from "./dataset.js";
import type { DatasetSpec } from "./datasetSpec.js";
import { readLabeledFile } from "./readLabeledFile.js";
import { loadSpamAssassin } from "./spamAssassin.js";

/** Loads and checks a dataset: at least two classes in train, and no test label that train lacks. */
export async function loadDataset(spec: DatasetSpec): Promise<Dataset> {
  if ("builtin" in spec) return loadSpamAssassin();
  const columns = { text: spec.textField, label: spec.labelField, id: spec.idField };
  const warnings: string[] = [];
  const train = readLabeledFile(spec.train, columns, "train", warnings);
  const test = spec.test ? readLabeledFile(spec.test, columns, "test", warnings) : null;
  const name = spec.name ?? basename(spec.train).replace(/\.(jsonl|csv)(\.gz)?$/, "");
  return { ...checkDataset(name, spec.train, train, spec.test ?? null, test), warnings };
}

export function checkDataset(
  name: string,
  trainPath: string,
  train: readonly LabeledText[],
  testPath: string | null,
  test: readonly LabeledText[] | null,
): Dataset {
  const labels = [...new Set(train.map((item) => item.label))].sort();
  if (labels.length < 2) {
    throw new DatasetError(`${trainPath}: needs at least two classes, found ${labels.length} (${labels.join(", ") || "none"})`);
  }
  if (test) {
    const known = new Set(labels);
    const unknown = [...new Set(test.filter((item) => !known.has(item.label)).map((item) => item.label))];
    if (unknown.length > 0) {
      throw new DatasetError(
        `${testPath}: label${unknown.length > 1 ? "s" : ""} ${unknown.map((l) => `"${l}"`).join(", ")} not in train (${labels.join(", ")})`,
      );
    }
  }
  return { name, train, test, labels };
}
