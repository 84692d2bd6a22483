import { existsSync, readdirSync } from "node:fs";
import { join, resolve } from "node:path";
import { DatasetError } from "../tools/errors.js";
import { BUILTIN_DATASETS, findSplit, type DatasetSpec } from "../tools/pool/datasetSpec.js";

/**
 * A benchmark dataset by name: a built-in one (spamassassin, from npm), a folder of `--data-dir`
 * holding train and test files, or a folder path. The benchmark needs a test split.
 */
export function benchDatasetSpec(name: string, dataDir: string): DatasetSpec {
  if ((BUILTIN_DATASETS as readonly string[]).includes(name)) return { builtin: name as (typeof BUILTIN_DATASETS)[number] };
  const folder = name.includes("/") ? resolve(name) : resolve(dataDir, name);
  if (!existsSync(folder)) {
    const known = existsSync(dataDir) ? readdirSync(dataDir).filter((entry) => findSplit(join(dataDir, entry), "train")) : [];
    throw new DatasetError(
      `unknown dataset "${name}": no folder ${folder} (${known.length > 0 ? `in ${dataDir}: ${known.join(", ")}` : `--data-dir ${dataDir} has no datasets`}; built-in: ${BUILTIN_DATASETS.join(", ")})`,
    );
  }
  const train = findSplit(folder, "train");
  const test = findSplit(folder, "test");
  if (!train || !test) throw new DatasetError(`${folder}: a benchmark dataset needs train and test files (train.jsonl.gz, test.jsonl.gz, .jsonl or .csv)`);
  return { train, test, name: name.includes("/") ? folder.split("/").pop()! : name, textField: "text", labelField: "label" };
}

/**
 * A benchmark dataset's name as the stem of its plot files: a dataset named by its folder path
 * ("../data/topics") must not turn into sub-folders of the output folder.
 */
export function datasetFileStem(name: string): string {
  return name.replace(/[^\w-]+/g, "-").replace(/^-+|-+$/g, "");
}
