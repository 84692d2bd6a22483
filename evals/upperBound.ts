import { classIndices, featurize } from "../tools/embed/featurize.js";
import type { TfidfOptions } from "../tools/embed/tfidf.js";
import { accuracy, macroF1 } from "../tools/metrics/classification.js";
import { DEFAULT_SOFTMAX, SoftmaxRegression, type SoftmaxRegressionOptions } from "../tools/models/softmaxRegression.js";
import type { Dataset } from "../tools/pool/dataset.js";

export interface FullDataScore {
  readonly accuracy: number;
  readonly macroF1: number;
  readonly fitMs: number;
  readonly iterations: number;
}

/** The target model trained on every training label: the ceiling an active learner aims for. */
export function fullDataScore(dataset: Dataset, model: SoftmaxRegressionOptions = DEFAULT_SOFTMAX, tfidf?: TfidfOptions): FullDataScore {
  if (!dataset.test) throw new Error(`${dataset.name} has no test split`);
  const features = featurize(dataset, tfidf);
  const started = performance.now();
  const fitted = SoftmaxRegression.fit(features.train, classIndices(dataset.train, dataset.labels), dataset.labels.length, model);
  const fitMs = performance.now() - started;
  const truth = classIndices(dataset.test, dataset.labels);
  const predicted = fitted.predict(features.test!);
  return {
    accuracy: accuracy(truth, predicted),
    macroF1: macroF1(truth, predicted, dataset.labels.length),
    fitMs,
    iterations: fitted.iterations,
  };
}
