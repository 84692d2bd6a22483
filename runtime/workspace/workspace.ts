import { GoldOracle } from "../../tools/annotators/goldOracle.js";
import { classIndices, featurize } from "../../tools/embed/featurize.js";
import type { TfidfVectorizer } from "../../tools/embed/tfidf.js";
import type { CsrMatrix } from "../../tools/linalg/csr.js";
import { reservoirTeacher, type Teacher } from "../../tools/llm/simulated/teacher.js";
import type { Dataset, LabeledText } from "../../tools/pool/dataset.js";
import { loadDataset } from "../../tools/pool/loadDataset.js";
import { Pool } from "../../tools/pool/pool.js";
import { splitReservoir } from "../../tools/pool/reservoir.js";
import { rngFor, shuffleInPlace } from "../../tools/random.js";
import { holdsOutReservoir, type RunConfig } from "../config/runConfig.js";
import { TargetModels } from "./targetModels.js";
import { VectorSpace } from "./vectorSpace.js";

/** Identifies the data and features a config asks for: runs with the same key share a workspace. */
export function workspaceKey(config: RunConfig): string {
  return JSON.stringify([config.dataset, config.features, holdsOutReservoir(config) ? config.simulation : null]);
}

/**
 * What a run needs that is not checkpointed: the pool, its features, the test split, the
 * simulated annotators, and the models, vectors and index derived from them. Rebuilt from the
 * config in any process; a resumed run rebuilds exactly what it had, because everything here is a
 * deterministic function of the config and the label records.
 */
export class Workspace {
  /** The label set, sorted; class index = position. */
  readonly classes: readonly string[];
  readonly pool: Pool;
  readonly poolFeatures: CsrMatrix;
  readonly vectorizer: TfidfVectorizer;
  /** The held-out split: its TF-IDF rows, gold classes and texts. */
  readonly test: { readonly features: CsrMatrix; readonly truth: Int32Array; readonly texts: readonly string[] } | null;
  /** Target models and bootstrap ensembles fitted on label records, cached by the labels. */
  readonly models: TargetModels;
  /** Dense pool vectors and the k-NN index over them, built on first use. */
  readonly vectors: VectorSpace;
  /** What loading the data changed that the user should know (labels normalized), one line each. */
  readonly warnings: readonly string[];
  private readonly oracles = new Map<string, GoldOracle>();
  private readonly teachers = new Map<string, Teacher>();
  /** The pool with its gold labels: only the simulated human reads them. */
  private readonly goldItems: readonly LabeledText[];
  private meanBytes: number | undefined;

  private constructor(
    readonly key: string,
    readonly name: string,
    dataset: Dataset,
    private readonly reservoir: readonly LabeledText[],
    tfidf: RunConfig["features"],
  ) {
    const features = featurize(dataset, tfidf);
    this.classes = dataset.labels;
    this.pool = new Pool(dataset.train);
    this.poolFeatures = features.train;
    this.vectorizer = features.vectorizer;
    this.test =
      dataset.test && features.test
        ? { features: features.test, truth: classIndices(dataset.test, dataset.labels), texts: dataset.test.map((item) => item.text) }
        : null;
    this.models = new TargetModels(this);
    this.vectors = new VectorSpace(this, tfidf);
    this.goldItems = dataset.train;
    this.warnings = dataset.warnings ?? [];
  }

  /** Loads and featurizes the data a config names (the simulated LLM's reservoir held out of the pool). */
  static async load(config: RunConfig): Promise<Workspace> {
    const loaded = await loadDataset(config.dataset);
    const { pool, reservoir } = holdsOutReservoir(config)
      ? splitReservoir(loaded, config.simulation.reservoirShare, config.simulation.maxReservoir)
      : { pool: loaded.train, reservoir: [] };
    return new Workspace(workspaceKey(config), loaded.name, { ...loaded, train: pool }, reservoir, config.features);
  }

  /** The mean length of a pool text in UTF-8 bytes, what cost estimates price a prompt by. */
  get meanTextBytes(): number {
    this.meanBytes ??= this.pool.texts.reduce((sum, text) => sum + Buffer.byteLength(text, "utf8"), 0) / Math.max(1, this.pool.size);
    return this.meanBytes;
  }

  /** The text of a pool item. */
  textOf(id: string): string {
    return this.pool.texts[this.pool.indexOf(id)];
  }

  /** The simulated human for a noise rate and seed. */
  oracle(noiseRate: number, seed: number): GoldOracle {
    const key = `${noiseRate}/${seed}`;
    let oracle = this.oracles.get(key);
    if (!oracle) this.oracles.set(key, (oracle = new GoldOracle(this.goldItems, this.classes, noiseRate, seed)));
    return oracle;
  }

  /**
   * What a simulated LLM standing for `model` knows: a teacher trained on its own draw of
   * `knowledge` of the reservoir (only when the run uses a simulated LLM; the reservoir is not in the pool).
   */
  teacher(model: string, knowledge: number): Teacher {
    if (this.reservoir.length === 0) throw new Error("this run has no reservoir: the simulated LLM is not configured");
    const key = `${model}/${knowledge}`;
    let teacher = this.teachers.get(key);
    if (!teacher) {
      const size = Math.max(this.classes.length, Math.round(knowledge * this.reservoir.length));
      const draw = shuffleInPlace([...this.reservoir], rngFor(0, "teacher", model)).slice(0, size);
      this.teachers.set(key, (teacher = reservoirTeacher(draw, this.classes, this.vectorizer)));
    }
    return teacher;
  }
}
