import { existsSync, statSync } from "node:fs";
import { basename, join, resolve } from "node:path";
import { z } from "zod";
import { DatasetError } from "../errors.js";

export const BUILTIN_DATASETS = ["spamassassin"] as const;

/** Where a run's data comes from: a dataset shipped with activegraph, or files of `{text,label}` rows. */
export const DatasetSpecSchema = z.union([
  z.object({ builtin: z.enum(BUILTIN_DATASETS) }).strict(),
  z
    .object({
      train: z.string().min(1).describe("JSONL or CSV file (optionally .gz) that becomes the pool"),
      test: z.string().min(1).optional().describe("held-out file for evaluation"),
      name: z.string().min(1).optional(),
      textField: z.string().min(1).default("text"),
      labelField: z.string().min(1).default("label"),
      idField: z.string().min(1).optional().describe("field with a stable id; rows without one get <split>:<line>"),
    })
    .strict(),
]);
export type DatasetSpec = z.infer<typeof DatasetSpecSchema>;

const SPLIT_FILES = ["jsonl.gz", "jsonl", "csv.gz", "csv"];

/**
 * Turns what a user types after `--dataset` into a spec: a built-in name, a file, or a folder with
 * train and test files (`train.jsonl.gz`, `test.csv`, …), like those in a datasets folder.
 */
export function datasetSpecFromArg(arg: string, testArg?: string): DatasetSpec {
  if ((BUILTIN_DATASETS as readonly string[]).includes(arg) && !existsSync(arg)) {
    if (testArg) throw new DatasetError(`--test cannot be combined with the built-in dataset "${arg}"`);
    return { builtin: arg as (typeof BUILTIN_DATASETS)[number] };
  }
  const path = resolve(arg);
  if (!existsSync(path)) {
    throw new DatasetError(`${arg}: no such file or folder (built-in datasets: ${BUILTIN_DATASETS.join(", ")})`);
  }
  if (statSync(path).isDirectory()) {
    const train = findSplit(path, "train");
    if (!train) throw new DatasetError(`${arg}: folder has no train file (${SPLIT_FILES.map((e) => `train.${e}`).join(", ")})`);
    const test = testArg ? resolve(testArg) : findSplit(path, "test");
    return { train, test, name: basename(path), textField: "text", labelField: "label" };
  }
  return { train: path, test: testArg ? resolve(testArg) : undefined, textField: "text", labelField: "label" };
}

export function findSplit(folder: string, split: string): string | undefined {
  return SPLIT_FILES.map((ext) => join(folder, `${split}.${ext}`)).find((file) => existsSync(file));
}
