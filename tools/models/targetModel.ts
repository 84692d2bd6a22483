import type { FeatureMatrix } from "../linalg/featureMatrix.js";
import type { Rng } from "../random.js";
import type { ModelConfig } from "./modelConfig.js";

/**
 * Items as a target model reads them: their rows in the run's feature space (TF-IDF, embeddings,
 * or both: the run's `representation.features`), and their texts, for a model that reads text itself (a remote
 * classifier, a fine-tuned transformer behind an API).
 */
export interface ModelRows {
  readonly features: FeatureMatrix;
  readonly texts: readonly string[];
}

/** The labeled items a target model is fitted on. */
export interface TrainingSet extends ModelRows {
  /** The class of each row, as an index into `classes`. */
  readonly y: Int32Array;
  /** Every class of the run, in index order (the model is asked for a probability of each). */
  readonly classes: readonly string[];
}

/**
 * The target model of active learning (Train): fitted on the labeled rows, it gives class
 * probabilities for any rows. Everything downstream reads only these probabilities: the query
 * strategies (`probs`), the bootstrap ensemble and the committee's model members, the stop
 * signals, evaluation, and generation's rejection sampling.
 *
 * Models are never checkpointed: the loop refits them from the label records, so fitting must be
 * deterministic, given the training set and the stream in `FitContext.rng`.
 */
export interface TargetModel {
  /** Class probabilities, rows × classes.length, row-major; each row sums to 1. */
  predictProba(rows: ModelRows): Float32Array | Promise<Float32Array>;
}

/** What a factory gets besides the training set. */
export interface FitContext {
  /** The run's `model` config: the kind, C, maxIterations, and `options` for a registered model. */
  readonly settings: ModelConfig;
  /** The fit's own random stream (folds, coordinate order…): the same labels and seed give the same stream. */
  readonly rng: Rng;
}

/** Fits a target model: a built-in (tools/models/registry.ts) or one registered with `registerTargetModel`. */
export type TargetModelFactory = (training: TrainingSet, context: FitContext) => TargetModel | Promise<TargetModel>;

/** The model of no labels: every class equally likely (a query method's scores then all tie, and it samples at random). */
export function uniformModel(numClasses: number): TargetModel {
  return {
    predictProba: ({ features }) => new Float32Array(features.rows * numClasses).fill(1 / numClasses),
  };
}

/** Checks what a model returned: the right shape, probabilities that are numbers in [0, 1] summing to 1. */
export function checkedProbabilities(probs: Float32Array, rows: number, numClasses: number, kind: string): Float32Array {
  if (!(probs instanceof Float32Array) || probs.length !== rows * numClasses) {
    throw new Error(`target model "${kind}" returned ${probs?.length ?? "no"} probabilities for ${rows} rows × ${numClasses} classes`);
  }
  for (let i = 0; i < rows; i++) {
    let sum = 0;
    for (let k = 0; k < numClasses; k++) {
      const p = probs[i * numClasses + k];
      if (!(p >= 0 && p <= 1)) throw new Error(`target model "${kind}" gave row ${i} a probability of ${p}`);
      sum += p;
    }
    if (Math.abs(sum - 1) > 1e-3) throw new Error(`target model "${kind}": row ${i}'s probabilities sum to ${sum}, not 1`);
  }
  return probs;
}
