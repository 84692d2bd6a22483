import { join } from "node:path";
import { GoldOracle } from "../../tools/annotators/goldOracle.js";
import { classIndices, featurize } from "../../tools/embed/featurize.js";
import { poolVectors, vectorCacheDir, type PoolVectors } from "../../tools/embed/poolVectors.js";
import type { TfidfVectorizer } from "../../tools/embed/tfidf.js";
import { ConfigError } from "../../tools/errors.js";
import type { LabelRecord } from "../../tools/labels/labelRecord.js";
import { selectRows, selectRowsFrom, type CsrMatrix } from "../../tools/linalg/csr.js";
import type { GeneratedItem } from "../../tools/llm/generatedItem.js";
import type { Teacher } from "../../tools/llm/simulated/teacher.js";
import { fitBootstrapCommittee } from "../../tools/models/bootstrapCommittee.js";
import { DEFAULT_SOFTMAX, SoftmaxRegression } from "../../tools/models/softmaxRegression.js";
import type { Dataset, LabeledText } from "../../tools/pool/dataset.js";
import { ExactIndex } from "../../tools/pool/exactIndex.js";
import { DEFAULT_HNSW, openHnswIndex } from "../../tools/pool/hnswIndex.js";
import { loadDataset } from "../../tools/pool/loadDataset.js";
import { Pool } from "../../tools/pool/pool.js";
import { splitReservoir } from "../../tools/pool/reservoir.js";
import type { VectorIndex } from "../../tools/pool/vectorIndex.js";
import { rngFor, shuffleInPlace } from "../../tools/random.js";
import { holdsOutReservoir, initialBatchSize, type RunConfig } from "../config/runConfig.js";
import { historyShortfalls, roundsForLabels } from "../../tools/stopping/historyNeeded.js";

/**
 * What a run needs that is not checkpointed: the pool, its features, the test split and the
 * oracle. Rebuilt from the config in any process, and cached so the nodes of one process share it.
 */
export interface RunResources {
  /** Identifies the data and features, for caches keyed by run. */
  readonly key: string;
  readonly datasetName: string;
  /** The label set, sorted; class index = position. */
  readonly labels: readonly string[];
  readonly pool: Pool;
  readonly poolFeatures: CsrMatrix;
  readonly vectorizer: TfidfVectorizer;
  readonly test: { readonly features: CsrMatrix; readonly truth: Int32Array } | null;
  /** The simulated human for this run's noise rate and seed. */
  oracle(noiseRate: number, seed: number): GoldOracle;
  /**
   * What a simulated LLM standing for `model` knows: a teacher trained on its own draw of
   * `knowledge` of the reservoir (only when the run uses a simulated LLM; the reservoir is not in the pool).
   */
  teacher(model: string, knowledge: number): Teacher;
}

const MAX_CACHED_RUNS = 3;
const runs = new Map<string, Promise<RunResources>>();

/** The resources for a config, loading and featurizing the dataset on first use in this process. */
export function resolveRun(config: RunConfig): Promise<RunResources> {
  const key = JSON.stringify([config.dataset, config.features, holdsOutReservoir(config) ? config.simulation : null]);
  let resources = runs.get(key);
  if (!resources) {
    resources = build(config, key);
    runs.set(key, resources);
    resources.catch(() => runs.delete(key));
    while (runs.size > MAX_CACHED_RUNS) runs.delete(runs.keys().next().value as string);
  }
  return resources.then((run) => {
    checkConfigAgainstData(config, run);
    return run;
  });
}

/** Forgets every cached run, model, committee, vector set and index, as a new process would. */
export function clearRunCaches(): void {
  runs.clear();
  models.clear();
  committees.clear();
  vectorSets.clear();
  indexes.clear();
}

async function build(config: RunConfig, key: string): Promise<RunResources> {
  const loaded: Dataset = await loadDataset(config.dataset);
  const { pool: poolItems, reservoir } = holdsOutReservoir(config)
    ? splitReservoir(loaded, config.simulation.reservoirShare, config.simulation.maxReservoir)
    : { pool: loaded.train, reservoir: [] };
  const dataset: Dataset = { ...loaded, train: poolItems };
  const features = featurize(dataset, config.features);
  const oracles = new Map<string, GoldOracle>();
  const teachers = new Map<string, Teacher>();
  return {
    key,
    datasetName: dataset.name,
    labels: dataset.labels,
    pool: new Pool(dataset.train),
    poolFeatures: features.train,
    vectorizer: features.vectorizer,
    test: dataset.test && features.test ? { features: features.test, truth: classIndices(dataset.test, dataset.labels) } : null,
    oracle(noiseRate, seed) {
      const key = `${noiseRate}/${seed}`;
      let oracle = oracles.get(key);
      if (!oracle) oracles.set(key, (oracle = new GoldOracle(dataset.train, dataset.labels, noiseRate, seed)));
      return oracle;
    },
    teacher(model, knowledge) {
      if (reservoir.length === 0) throw new Error("this run has no reservoir: the simulated LLM is not configured");
      const key = `${model}/${knowledge}`;
      let teacher = teachers.get(key);
      if (!teacher) {
        const draw = shuffleInPlace([...reservoir], rngFor(0, "teacher", model)).slice(0, Math.max(dataset.labels.length, Math.round(knowledge * reservoir.length)));
        teachers.set(key, (teacher = reservoirTeacher(draw, dataset.labels, features.vectorizer)));
      }
      return teacher;
    },
  };
}

/** Config checks that need the data: refused before the first round, with nothing checkpointed. */
function checkConfigAgainstData(config: RunConfig, run: RunResources): void {
  if (config.initial.size > run.pool.size) {
    throw new ConfigError(`initial.size is ${config.initial.size} but the pool has only ${run.pool.size} items`);
  }
  const unknown = config.initial.ids?.filter((id) => !run.pool.has(id)) ?? [];
  if (unknown.length > 0) {
    throw new ConfigError(`initial.ids: ${unknown.slice(0, 3).map((id) => `"${id}"`).join(", ")}${unknown.length > 3 ? ` and ${unknown.length - 3} more` : ""} not in the pool`);
  }
  for (const name of ["plateau", "costAware"] as const) {
    const criterion = config.stopping[name];
    if (criterion && !run.test) throw new ConfigError(`stopping.${name} needs a test split to measure ${criterion.metric}, and ${run.datasetName} has none`);
  }
  if (!config.generation?.whenPoolExhausted) {
    const bound = roundsForLabels(run.pool.size, initialBatchSize(config), config.batchSize, `the pool of ${run.pool.size} items`);
    const [short] = historyShortfalls(config.stopping, bound);
    if (short) throw new ConfigError(`${short.path.join(".")}: ${short.message}`);
  }
}

const MAX_CACHED_MODELS = 4;
const models = new Map<string, SoftmaxRegression>();

/**
 * The target model for a set of labels: fitted on first use, then reused by every node of the
 * process that asks for the same labels. Fitting is deterministic, so a resumed run rebuilds the
 * very model it would have had.
 */
export function targetModel(
  config: RunConfig,
  run: RunResources,
  labels: readonly LabelRecord[],
  generated: readonly GeneratedItem[] = [],
): SoftmaxRegression {
  const key = JSON.stringify([run.key, config.model, labels.map((record) => [record.id, record.label])]);
  let model = models.get(key);
  if (!model) {
    model = labels.length === 0 ? SoftmaxRegression.uninformed(run.labels.length, run.poolFeatures.cols) : SoftmaxRegression.fit(trainingRows(run, labels, generated), classIndices(labels, run.labels), run.labels.length, {
      ...DEFAULT_SOFTMAX,
      ...config.model,
    });
    models.set(key, model);
    while (models.size > MAX_CACHED_MODELS) models.delete(models.keys().next().value as string);
  }
  return model;
}

/** Feature rows of the labelled items, in label order: pool rows, or generated texts vectorized. */
export function trainingRows(run: RunResources, labels: readonly LabelRecord[], generated: readonly GeneratedItem[]): CsrMatrix {
  if (labels.every((record) => run.pool.has(record.id))) return selectRows(run.poolFeatures, labels.map((record) => run.pool.indexOf(record.id)));
  const textOf = new Map(generated.map((item) => [item.id, item.text]));
  const outside = labels.filter((record) => !run.pool.has(record.id));
  const outsideRows = run.vectorizer.transform(
    outside.map((record) => {
      const text = textOf.get(record.id);
      if (text === undefined) throw new Error(`label for "${record.id}", which is neither in the pool nor generated`);
      return text;
    }),
  );
  const outsideIndex = new Map(outside.map((record, i) => [record.id, i]));
  return selectRowsFrom(
    [run.poolFeatures, outsideRows],
    labels.map((record) => (run.pool.has(record.id) ? [0, run.pool.indexOf(record.id)] : [1, outsideIndex.get(record.id)!])),
  );
}

function reservoirTeacher(reservoir: readonly LabeledText[], labels: readonly string[], vectorizer: TfidfVectorizer): Teacher {
  const model = SoftmaxRegression.fit(vectorizer.transform(reservoir.map((item) => item.text)), classIndices(reservoir, labels), labels.length, DEFAULT_SOFTMAX);
  const byLabel = new Map<string, string[]>(labels.map((label) => [label, []]));
  for (const item of reservoir) byLabel.get(item.label)!.push(item.text);
  return {
    labels,
    probabilities: (text) => model.predictProba(vectorizer.transform([text])),
    reservoir: byLabel,
    keyTerms: (text, label, count) => {
      const row = vectorizer.transform([text]);
      return model
        .contributions(row, 0, labels.indexOf(label))
        .filter((entry) => entry.weight > 0)
        .slice(0, count)
        .map((entry) => vectorizer.termOf(entry.column));
    },
  };
}

const MAX_CACHED_COMMITTEES = 2;
const committees = new Map<string, SoftmaxRegression[]>();

/**
 * The bootstrap committee for a set of labels in a round: `config.committee.size` target models,
 * each fitted on a resample of the labels drawn from the stream (seed, "committee", round, member).
 * Like the target model it is derived, never checkpointed: a resumed round refits the same members.
 */
export function targetCommittee(
  config: RunConfig,
  run: RunResources,
  labels: readonly LabelRecord[],
  generated: readonly GeneratedItem[],
  round: number,
): SoftmaxRegression[] {
  const key = JSON.stringify([run.key, config.model, config.committee, config.seed, round, labels.map((record) => [record.id, record.label])]);
  let committee = committees.get(key);
  if (!committee && labels.length === 0) {
    committee = Array.from({ length: config.committee.size }, () => SoftmaxRegression.uninformed(run.labels.length, run.poolFeatures.cols));
  }
  if (!committee) {
    committee = fitBootstrapCommittee(
      trainingRows(run, labels, generated),
      classIndices(labels, run.labels),
      run.labels.length,
      config.committee.size,
      (member) => rngFor(config.seed, "committee", round, member),
      { ...DEFAULT_SOFTMAX, ...config.model },
    );
    committees.set(key, committee);
    while (committees.size > MAX_CACHED_COMMITTEES) committees.delete(committees.keys().next().value as string);
  }
  return committee;
}

/** A million 256-d vectors take 1 GiB: keep the vectors of two runs at most. */
const MAX_CACHED_VECTORS = 2;
const vectorSets = new Map<string, Promise<PoolVectors>>();
const indexes = new Map<string, Promise<VectorIndex>>();

/**
 * The pool vectors of a run: read from the on-disk cache (keyed by the pool's content and the vector
 * settings) or computed and written there on first use, then shared by the nodes of this process.
 */
export function runVectors(config: RunConfig, run: RunResources): Promise<PoolVectors> {
  const key = JSON.stringify([run.key, config.vectors]);
  let vectors = vectorSets.get(key);
  if (!vectors) {
    vectors = poolVectors({ ids: run.pool.ids, texts: run.pool.texts, features: run.poolFeatures, tfidf: config.features, spec: config.vectors });
    vectorSets.set(key, vectors);
    vectors.catch(() => vectorSets.delete(key));
    while (vectorSets.size > MAX_CACHED_VECTORS) {
      const oldest = vectorSets.keys().next().value as string;
      vectorSets.delete(oldest);
      for (const indexKey of indexes.keys()) if (indexKey.startsWith(oldest)) indexes.delete(indexKey);
    }
  }
  return vectors;
}

/**
 * The k-NN index over a run's vectors. An HNSW index is saved beside the cached vectors (named by
 * their key and the index settings) and read back on resume or in the next run on the same pool;
 * building it is the expensive part, searching it is not.
 */
export function runIndex(config: RunConfig, run: RunResources): Promise<VectorIndex> {
  const vectorsKey = JSON.stringify([run.key, config.vectors]);
  const key = vectorsKey + JSON.stringify(config.index);
  let index = indexes.get(key);
  if (!index) {
    index = runVectors(config, run).then(({ vectors, key: cacheKey }) => {
      if (config.index.kind === "exact") return new ExactIndex(vectors);
      const { m, efConstruction, efSearch } = config.index;
      const options = { m, efConstruction, efSearch, seed: DEFAULT_HNSW.seed };
      return openHnswIndex(join(vectorCacheDir(), `${cacheKey}.hnsw-m${m}-ef${efConstruction}-s${options.seed}.bin`), vectors, options).index;
    });
    indexes.set(key, index);
    index.catch(() => indexes.delete(key));
  }
  return index;
}
