/**
 * The full-data upper bound: a target model (TF-IDF + softmax regression by default) trained on
 * every training label, scored on the test split. `npm run fulldata -- --data-dir ../shared/datasets`
 * prints it per dataset (`--models softmax,svm,centroid` for several); evals/sklearn_fulldata.py
 * prints scikit-learn's figure for comparison.
 */
import { Command } from "commander";
import { ModelConfigSchema } from "../tools/models/modelConfig.js";
import { benchDatasetSpec } from "./datasets.js";
import { fullDataScore } from "./upperBound.js";
import { loadDataset } from "../tools/pool/loadDataset.js";

const program = new Command()
  .option("--data-dir <dir>", "folder of datasets, each with train and test files", "../shared/datasets")
  .option("--datasets <names>", "comma-separated names", "trec6,subj,mr,cr,sms-spam,ag_news")
  .option("--models <kinds>", "comma-separated target models (softmax, svm, centroid)", "softmax")
  .option("--C <c>", "inverse L2 strength (default: each model's own)", Number)
  .parse();
const { dataDir, datasets, models, C } = program.opts<{ dataDir: string; datasets: string; models: string; C?: number }>();

console.log(`activegraph full-data accuracy on TF-IDF${C !== undefined ? ` (C=${C})` : ""}`);
console.log("| dataset | train | test | model | accuracy | macro-F1 | fit s |");
console.log("| --- | ---: | ---: | --- | ---: | ---: | ---: |");
for (const name of datasets.split(",")) {
  // Resolved as the benchmark does: a built-in name, else a folder of --data-dir.
  const spec = benchDatasetSpec(name, dataDir);
  const dataset = await loadDataset(spec);
  for (const kind of models.split(",")) {
    const model = ModelConfigSchema.parse({ kind, ...(C !== undefined ? { C } : {}) });
    const score = await fullDataScore(dataset, model);
    console.log(
      `| ${name} | ${dataset.train.length} | ${dataset.test?.length ?? 0} | ${kind} | ${(100 * score.accuracy).toFixed(2)} | ${(100 * score.macroF1).toFixed(2)} | ${(score.fitMs / 1000).toFixed(1)} |`,
    );
  }
}
