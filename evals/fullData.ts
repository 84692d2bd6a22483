/**
 * The full-data upper bound: a target model (TF-IDF + softmax regression by default; `--features
 * embeddings,both` for the others) trained on
 * every training label, scored on the test split. `npm run fulldata -- --data-dir ../shared/datasets`
 * prints it per dataset (`--models softmax,svm,centroid` for several); evals/sklearn_fulldata.py
 * prints scikit-learn's figure for comparison.
 */
import { Command } from "commander";
import { FEATURE_SPACE_NAMES, type FeatureSpaceName, RepresentationSchema } from "../tools/embed/representation.js";
import { ModelConfigSchema } from "../tools/models/modelConfig.js";
import { benchDatasetSpec } from "./datasets.js";
import { fullDataScore } from "./upperBound.js";
import { loadDataset } from "../tools/pool/loadDataset.js";

const program = new Command()
  .option("--data-dir <dir>", "folder of datasets, each with train and test files", "../shared/datasets")
  .option("--datasets <names>", "comma-separated names", "trec6,subj,mr,cr,sms-spam,ag_news")
  .option("--models <kinds>", "comma-separated target models (softmax, svm, centroid)", "softmax")
  .option("--features <kinds>", `comma-separated representations (${FEATURE_SPACE_NAMES.join(", ")})`, RepresentationSchema.parse({}).features)
  .option("--C <c>", "inverse L2 strength (default: each model's own)", Number)
  .parse();
const { dataDir, datasets, models, features, C } = program.opts<{ dataDir: string; datasets: string; models: string; features: string; C?: number }>();

console.log(`activegraph full-data accuracy${C !== undefined ? ` (C=${C})` : ""}`);
console.log("| dataset | train | test | features | model | accuracy | macro-F1 | fit s |");
console.log("| --- | ---: | ---: | --- | --- | ---: | ---: | ---: |");
for (const name of datasets.split(",")) {
  // Resolved as the benchmark does: a built-in name, else a folder of --data-dir.
  const spec = benchDatasetSpec(name, dataDir);
  const dataset = await loadDataset(spec);
  for (const representation of features.split(",").map((kind) => RepresentationSchema.parse({ features: kind as FeatureSpaceName })))
    for (const kind of models.split(",")) {
      const model = ModelConfigSchema.parse({ kind, ...(C !== undefined ? { C } : {}) });
      const score = await fullDataScore(dataset, { model, representation });
      console.log(
        `| ${name} | ${dataset.train.length} | ${dataset.test?.length ?? 0} | ${representation.features} | ${kind} | ${(100 * score.accuracy).toFixed(2)} | ${(100 * score.macroF1).toFixed(2)} | ${(score.fitMs / 1000).toFixed(1)} |`,
      );
    }
}
