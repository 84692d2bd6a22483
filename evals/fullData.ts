/**
 * The full-data upper bound: activegraph's target model (TF-IDF + softmax regression) trained on
 * every training label, scored on the test split. `npm run fulldata -- --data-dir ../shared/datasets`
 * prints it per dataset; evals/sklearn_fulldata.py prints scikit-learn's figure for comparison.
 */
import { Command } from "commander";
import { DEFAULT_SOFTMAX } from "../tools/models/softmaxRegression.js";
import { benchDatasetSpec } from "./datasets.js";
import { fullDataScore } from "./upperBound.js";
import { loadDataset } from "../tools/pool/loadDataset.js";

const program = new Command()
  .option("--data-dir <dir>", "folder of datasets, each with train and test files", "../shared/datasets")
  .option("--datasets <names>", "comma-separated names", "trec6,subj,mr,cr,sms-spam,ag_news")
  .option("--C <c>", "inverse L2 strength", Number, DEFAULT_SOFTMAX.C)
  .parse();
const { dataDir, datasets, C } = program.opts<{ dataDir: string; datasets: string; C: number }>();

console.log(`activegraph softmax regression (C=${C})`);
console.log("| dataset | train | test | accuracy | macro-F1 | fit s |");
console.log("| --- | ---: | ---: | ---: | ---: | ---: |");
for (const name of datasets.split(",")) {
  // Resolved as the benchmark does: a built-in name, else a folder of --data-dir.
  const dataset = await loadDataset(benchDatasetSpec(name, dataDir));
  const score = fullDataScore(dataset, { ...DEFAULT_SOFTMAX, C });
  console.log(
    `| ${name} | ${dataset.train.length} | ${dataset.test?.length ?? 0} | ${(100 * score.accuracy).toFixed(2)} | ${(100 * score.macroF1).toFixed(2)} | ${(score.fitMs / 1000).toFixed(1)} |`,
  );
}
