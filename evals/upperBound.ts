import { classIndices, featurize } from "../tools/embed/featurize.js";
import type { TfidfOptions } from "../tools/embed/tfidf.js";
import { sparseFeatures } from "../tools/linalg/featureMatrix.js";
import { accuracy, macroF1 } from "../tools/metrics/classification.js";
import { argmaxRows } from "../tools/models/linearModel.js";
import { type ModelConfig, ModelConfigSchema } from "../tools/models/modelConfig.js";
import { targetModelFactory } from "../tools/models/registry.js";
import type { Dataset } from "../tools/pool/dataset.js";
import { rngFor } from "../tools/random.js";

export interface FullDataScore {
  readonly accuracy: number;
  readonly macroF1: number;
  readonly fitMs: number;
}

/**
 * The target model trained on every training label, on TF-IDF: the ceiling an active learner aims
 * for. Fitted as the loop fits it (the same factory and settings, the stream of seed 0).
 */
export async function fullDataScore(dataset: Dataset, model: ModelConfig = ModelConfigSchema.parse({}), tfidf?: TfidfOptions): Promise<FullDataScore> {
  if (!dataset.test) throw new Error(`${dataset.name} has no test split`);
  if (model.features !== "tfidf") throw new Error(`the full-data bound is measured on TF-IDF, not ${model.features}`);
  const features = featurize(dataset, tfidf);
  const started = performance.now();
  const fitted = await targetModelFactory(model.kind)(
    {
      features: sparseFeatures(features.train),
      texts: dataset.train.map((item) => item.text),
      y: classIndices(dataset.train, dataset.labels),
      classes: dataset.labels,
    },
    { settings: model, rng: rngFor(0, "target-model", dataset.train.length) },
  );
  const fitMs = performance.now() - started;
  const truth = classIndices(dataset.test, dataset.labels);
  const probs = await fitted.predictProba({ features: sparseFeatures(features.test!), texts: dataset.test.map((item) => item.text) });
  const predicted = argmaxRows(probs, dataset.labels.length);
  return { accuracy: accuracy(truth, predicted), macroF1: macroF1(truth, predicted, dataset.labels.length), fitMs };
}
