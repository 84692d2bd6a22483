/**
 * Target models side by side, without the loop: for each dataset, model and seed, the 25
 * stratified labels of the benchmark's protocol and then random ones, the model refitted at each
 * label count and scored on the test split (accuracy, and expected calibration error of its top
 * probability). Fits only, so it runs in minutes where `npm run bench -- --models` takes an hour;
 * the benchmark remains the measure of record. `npm run bench:targets -- --help`.
 */
import { Command } from "commander";
import { classIndices, featurize } from "../tools/embed/featurize.js";
import { selectFeatureRows, sparseFeatures } from "../tools/linalg/featureMatrix.js";
import { expectedCalibrationError } from "../tools/metrics/calibration.js";
import { argmaxRows } from "../tools/models/linearModel.js";
import { ModelConfigSchema } from "../tools/models/modelConfig.js";
import { targetModelFactory } from "../tools/models/registry.js";
import { loadDataset } from "../tools/pool/loadDataset.js";
import { rngFor, shuffleInPlace } from "../tools/random.js";
import { benchDatasetSpec } from "./datasets.js";
import { SCHROEDER_2022, stratifiedSample } from "./protocol.js";
import { meanStd, normalizedAuc } from "./summarize.js";

const list = (value: string) => value.split(",").filter(Boolean);
const program = new Command()
  .option("--data-dir <dir>", "folder of datasets with train/test files", "../shared/datasets")
  .option("--datasets <names>", "comma-separated", list, ["trec6", "subj", "ag_news", "sms-spam", "mr", "cr", "sst2"])
  .option("--models <kinds>", "comma-separated target models", list, ["softmax", "svm", "prototype-svm", "centroid"])
  .option("--seeds <n>", "seeds per cell", Number, 3)
  .option("--labels <counts>", "label counts to fit at", (v) => list(v).map(Number), [25, 50, 75, 100, 150, 200, 275, 350, 425, 525])
  .parse();
const options = program.opts<{ dataDir: string; datasets: string[]; models: string[]; seeds: number; labels: number[] }>();
const shown = [0, options.labels.findIndex((n) => n >= 100), options.labels.length - 1];
const pct = (v: number) => (100 * v).toFixed(1);

console.log(
  `Random sampling after ${SCHROEDER_2022.initialSize} stratified labels, ${options.seeds} seeds, TF-IDF: mean test accuracy (%) and ECE (%, 10 bins).`,
);
const at = shown.map((i) => options.labels[i]);
console.log(`| dataset | model | AUC | ${at.map((n) => `acc@${n}`).join(" | ")} | ${at.map((n) => `ECE@${n}`).join(" | ")} |`);
console.log(`| --- | --- | ---: | ${at.map(() => "---:").join(" | ")} | ${at.map(() => "---:").join(" | ")} |`);
for (const name of options.datasets) {
  const dataset = await loadDataset(benchDatasetSpec(name, options.dataDir));
  if (!dataset.test) throw new Error(`${name} has no test split`);
  const features = featurize(dataset);
  const pool = sparseFeatures(features.train);
  const test = { features: sparseFeatures(features.test!), texts: dataset.test.map((item) => item.text) };
  const y = classIndices(dataset.train, dataset.labels);
  const truth = classIndices(dataset.test, dataset.labels);
  const K = dataset.labels.length;
  for (const kind of options.models) {
    const settings = ModelConfigSchema.parse({ kind });
    const runs: Array<{ accuracy: number[]; ece: number[] }> = [];
    for (let seed = 0; seed < options.seeds; seed++) {
      const initial = new Set(stratifiedSample(dataset.train, SCHROEDER_2022.initialSize, seed));
      const rest = shuffleInPlace(
        dataset.train.flatMap((item, i) => (initial.has(item.id) ? [] : [i])),
        rngFor(seed, "model-curves"),
      );
      const order = [...dataset.train.flatMap((item, i) => (initial.has(item.id) ? [i] : [])), ...rest];
      const run = { accuracy: [] as number[], ece: [] as number[] };
      for (const count of options.labels) {
        const rows = order.slice(0, count);
        const training = {
          features: selectFeatureRows(pool, rows),
          texts: rows.map((i) => dataset.train[i].text),
          y: Int32Array.from(rows, (i) => y[i]),
          classes: dataset.labels,
        };
        const model = await targetModelFactory(kind)(training, { settings, rng: rngFor(seed, "target-model", count) });
        const probs = await model.predictProba(test);
        const predicted = argmaxRows(probs, K);
        const correct = Array.from(predicted, (c, i) => c === truth[i]);
        run.accuracy.push(correct.filter(Boolean).length / truth.length);
        run.ece.push(
          expectedCalibrationError(
            Array.from(predicted, (c, i) => probs[i * K + c]),
            correct,
          ),
        );
      }
      runs.push(run);
    }
    const auc = meanStd(runs.map((run) => normalizedAuc(options.labels, run.accuracy)));
    const mean = (key: "accuracy" | "ece", i: number) => pct(meanStd(runs.map((run) => run[key][i])).mean);
    console.log(
      `| ${name} | ${kind} | ${pct(auc.mean)} ± ${pct(auc.std)} | ${shown.map((i) => mean("accuracy", i)).join(" | ")} | ${shown.map((i) => mean("ece", i)).join(" | ")} |`,
    );
  }
}
