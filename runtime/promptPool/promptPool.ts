import { ConfigError } from "../../tools/errors.js";
import { TfidfVectorizer } from "../../tools/embed/tfidf.js";
import { poolVectors } from "../../tools/embed/poolVectors.js";
import type { VectorSpec } from "../../tools/embed/vectorSpec.js";
import { type InstructionRow, readInstructionFile } from "../../tools/instructions/instructionFile.js";
import { subjectText } from "../../tools/instructions/instructionItem.js";
import { instructionFor } from "../../tools/instructions/promptSource.js";
import { type CsrMatrix, selectRows } from "../../tools/linalg/csr.js";
import { allRows, type Vectors } from "../../tools/linalg/dense.js";
import { kmeans } from "../../tools/linalg/kmeans.js";
import type { Teacher } from "../../tools/llm/simulated/teacher.js";
import { loadDataset } from "../../tools/pool/loadDataset.js";
import { rngFor, shuffleInPlace } from "../../tools/random.js";
import type { TeacherSource } from "../llm/clients.js";
import type { PromptPoolConfig } from "../config/promptPoolConfig.js";
import { parseRunConfig } from "../config/runConfig.js";
import type { Services } from "../services.js";
import type { Workspace } from "../workspace/workspace.js";

/** A prompt with what the pool knows of it; `answer` is read only by the simulated person and the measures. */
export type PoolPrompt = InstructionRow;

/**
 * The prompts of an instruction graph, in the process (rebuilt from the config, never
 * checkpointed): made from a labeled dataset (a workspace's pool, minus the simulated LLM's
 * reservoir when a simulated LLM is used, optionally a sample of it) or read from a file. Holds
 * their TF-IDF features, their vectors and clusters, and, for the simulator, the reservoir teacher.
 */
export class PromptPool implements TeacherSource {
  private readonly index: Map<string, number>;
  private readonly vectorSets = new Map<string, Promise<Vectors>>();
  private readonly clusterSets = new Map<string, Promise<Int32Array>>();
  private readonly testSets = new Map<number, Promise<PoolPrompt[] | null>>();

  private constructor(
    readonly key: string,
    readonly name: string,
    /** The label set of a dataset's prompts (answers are labels); empty for a file's prompts. */
    readonly classes: readonly string[],
    readonly items: readonly PoolPrompt[],
    readonly vectorizer: TfidfVectorizer,
    readonly features: CsrMatrix,
    private readonly config: PromptPoolConfig,
    private readonly workspace: Workspace | null,
  ) {
    this.index = new Map(items.map((item, i) => [item.id, i]));
  }

  /** Loads the prompts a config names; `simulated`: some role uses the simulated LLM, whose reservoir is held out. */
  static async load(config: PromptPoolConfig, simulated: boolean, services: Services): Promise<PromptPool> {
    const key = JSON.stringify([config.source, config.features, simulated ? config.simulation : null]);
    const { source } = config;
    if (source.kind === "file") {
      if (simulated) throw new ConfigError("source.file: the simulated LLM answers from a labeled dataset's reservoir; give source.dataset, or real LLMs");
      const rows = sample(readInstructionFile(source.file), source.maxItems, source.file);
      const vectorizer = TfidfVectorizer.fit(rows.map(subjectText), config.features);
      return new PromptPool(key, source.file, [], rows, vectorizer, vectorizer.transform(rows.map(subjectText)), config, null);
    }
    // A loop config that names the data only: the workspace (pool, features, reservoir teacher) is
    // all the instruction graphs take from it; its labeling fields are placeholders.
    const runConfig = parseRunConfig({
      dataset: source.dataset,
      initial: { size: 1 },
      batchSize: 1,
      features: config.features,
      simulation: { ...config.simulation, holdOut: simulated ? "always" : "auto" },
      stopping: { maxLabels: 1 },
      ...(config.llmCache ? { llmCache: config.llmCache } : {}),
    });
    const workspace = await services.workspace(runConfig);
    const instruction = instructionFor(source.instruction, workspace.classes);
    const oracle = workspace.oracle(0, 0);
    const positions = sample(Array.from(workspace.pool.ids.keys()), source.maxItems, workspace.name);
    const gold = oracle.annotate(positions.map((i) => workspace.pool.ids[i]));
    const items = positions.map((i, k) => ({ id: workspace.pool.ids[i], instruction, input: workspace.pool.texts[i], answer: gold[k].label }));
    const features = selectRows(workspace.poolFeatures, positions);
    return new PromptPool(key, workspace.name, workspace.classes, items, workspace.vectorizer, features, config, workspace);
  }

  get size(): number {
    return this.items.length;
  }

  has(id: string): boolean {
    return this.index.has(id);
  }

  indexOf(id: string): number {
    const at = this.index.get(id);
    if (at === undefined) throw new Error(`prompt "${id}" is not in the pool`);
    return at;
  }

  item(id: string): PoolPrompt {
    return this.items[this.indexOf(id)];
  }

  /** What the simulated LLM standing for `model` knows (dataset prompts only). */
  teacher(model: string, knowledge: number): Teacher {
    if (!this.workspace) throw new ConfigError("the simulated LLM needs prompts made from a labeled dataset (source.dataset)");
    return this.workspace.teacher(model, knowledge);
  }

  /** Prompts made from the dataset's test split (the same instruction), each with its gold answer; null without one. */
  testPrompts(maxItems: number): Promise<PoolPrompt[] | null> {
    let prompts = this.testSets.get(maxItems);
    if (!prompts) this.testSets.set(maxItems, (prompts = this.loadTestPrompts(maxItems)));
    return prompts;
  }

  private async loadTestPrompts(maxItems: number): Promise<PoolPrompt[] | null> {
    const { source } = this.config;
    if (source.kind !== "dataset") return null;
    const dataset = await loadDataset(source.dataset);
    if (!dataset.test) return null;
    const instruction = instructionFor(source.instruction, this.classes);
    return sample([...dataset.test], maxItems, `${dataset.name}/test`).map((item) => ({
      id: `test:${item.id}`,
      instruction,
      input: item.text,
      answer: item.label,
    }));
  }

  /** A unit vector per prompt (of its subject text), cached on disk like pool vectors. */
  vectors(spec: VectorSpec): Promise<Vectors> {
    const key = JSON.stringify(spec);
    let vectors = this.vectorSets.get(key);
    if (!vectors) {
      vectors = poolVectors({
        ids: this.items.map((item) => item.id),
        texts: this.items.map(subjectText),
        features: this.features,
        tfidf: this.config.features,
        spec,
      }).then((result) => result.vectors);
      this.vectorSets.set(key, vectors);
    }
    return vectors;
  }

  /** The cluster of each prompt among `k` k-means clusters of its vectors (seeded once: every run and strategy is measured on the same clusters). */
  clusters(spec: VectorSpec, k: number): Promise<Int32Array> {
    const key = JSON.stringify([spec, k]);
    let clusters = this.clusterSets.get(key);
    if (!clusters) {
      clusters = this.vectors(spec).then((vectors) => kmeans(vectors, allRows(this.size), Math.min(k, this.size), rngFor(0, "coverage-clusters")).assignment);
      this.clusterSets.set(key, clusters);
    }
    return clusters;
  }
}

/**
 * A sample of `max` rows drawn by a stream named after the data only, so every run (whatever its
 * seed) and every strategy faces the same prompts; all of them, in order, without a max.
 */
function sample<T>(rows: T[], max: number | undefined, name: string): T[] {
  if (max === undefined || max >= rows.length) return rows;
  const order = shuffleInPlace(Array.from(rows.keys()), rngFor(0, "prompt-pool", name)).slice(0, max);
  return order.sort((a, b) => a - b).map((i) => rows[i]);
}
