import { embeddingProgressLines } from "../tools/embed/embeddingProgress.js";
import { classIndices, featurize } from "../tools/embed/featurize.js";
import { DEFAULT_LSA } from "../tools/embed/lsa.js";
import { datasetLsa } from "../tools/embed/lsaCache.js";
import { poolVectors } from "../tools/embed/poolVectors.js";
import { embeddingVectorSpec, type Representation, RepresentationSchema } from "../tools/embed/representation.js";
import { DEFAULT_TFIDF, type TfidfOptions } from "../tools/embed/tfidf.js";
import type { CsrMatrix } from "../tools/linalg/csr.js";
import { concatFeatures, denseFeatures, type FeatureMatrix, sparseFeatures } from "../tools/linalg/featureMatrix.js";
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

/** What the bound reads of a run config: the model, its features, and the TF-IDF settings. */
export interface BoundSettings {
  readonly model: ModelConfig;
  readonly representation: Representation;
  readonly features?: TfidfOptions;
}

/**
 * The target model trained on every training label, in the run's representation: the ceiling an
 * active learner aims for. Fitted as the loop fits it (the same factory, settings and feature
 * spaces, the stream of seed 0); embeddings come from the same on-disk cache as the loop's.
 */
export async function fullDataScore(
  dataset: Dataset,
  { model, representation, features: tfidf }: BoundSettings = { model: ModelConfigSchema.parse({}), representation: RepresentationSchema.parse({}) },
): Promise<FullDataScore> {
  if (!dataset.test) throw new Error(`${dataset.name} has no test split`);
  const rows = await splitRows(dataset, representation, tfidf);
  const started = performance.now();
  const fitted = await targetModelFactory(model.kind)(
    {
      features: rows.train,
      texts: dataset.train.map((item) => item.text),
      y: classIndices(dataset.train, dataset.labels),
      classes: dataset.labels,
    },
    { settings: model, rng: rngFor(0, "target-model", dataset.train.length) },
  );
  const fitMs = performance.now() - started;
  const truth = classIndices(dataset.test, dataset.labels);
  const probs = await fitted.predictProba({ features: rows.test, texts: dataset.test.map((item) => item.text) });
  const predicted = argmaxRows(probs, dataset.labels.length);
  return { accuracy: accuracy(truth, predicted), macroF1: macroF1(truth, predicted, dataset.labels.length), fitMs };
}

/** The train and test rows of a dataset in a representation (the rows runtime/workspace/featureSpaces.ts gives the loop). */
async function splitRows(dataset: Dataset, representation: Representation, tfidf?: TfidfOptions): Promise<{ train: FeatureMatrix; test: FeatureMatrix }> {
  const features = featurize(dataset, tfidf);
  const test = dataset.test!;
  const sparse = { train: sparseFeatures(features.train), test: sparseFeatures(features.test!) };
  const lsa = () => {
    const projection = datasetLsa(dataset, features.train, tfidf ?? DEFAULT_TFIDF, { dim: representation.lsaDim, seed: DEFAULT_LSA.seed });
    return { train: denseFeatures(projection.transform(features.train)), test: denseFeatures(projection.transform(features.test!)) };
  };
  const embeddings = async () => {
    const spec = embeddingVectorSpec(representation);
    const embed = async (ids: string[], texts: string[], matrix: CsrMatrix, what: string) =>
      denseFeatures(
        (await poolVectors({ ids, texts, features: matrix, tfidf: tfidf ?? DEFAULT_TFIDF, spec, onProgress: embeddingProgressLines(what) })).vectors,
      );
    // The ids the loop's vector space gives the pool (the dataset's) and the test split (test:i), so the cache is shared.
    return {
      train: await embed(
        dataset.train.map((item) => item.id),
        dataset.train.map((item) => item.text),
        features.train,
        `the ${dataset.name} training set with ${spec.name}`,
      ),
      test: await embed(
        test.map((_, i) => `test:${i}`),
        test.map((item) => item.text),
        features.test!,
        `the ${dataset.name} test split with ${spec.name}`,
      ),
    };
  };
  const beside = (a: typeof sparse, b: typeof sparse) => ({ train: concatFeatures([a.train, b.train]), test: concatFeatures([a.test, b.test]) });
  switch (representation.features) {
    case "tfidf":
      return sparse;
    case "lsa":
      return lsa();
    case "tfidf+lsa":
      return beside(sparse, lsa());
    case "embeddings":
      return embeddings();
    case "both":
      return beside(sparse, await embeddings());
  }
}
