import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { classIndices } from "../../tools/embed/featurize.js";
import { getEmbeddings } from "../../tools/embed/embeddings.js";
import { ConfigError } from "../../tools/errors.js";
import type { Dataset } from "../../tools/pool/dataset.js";
import type { RunConfig } from "../../runtime/config/runConfig.js";
import { cellKey, type Cell } from "../cells.js";
import type { Protocol } from "../protocol.js";
import type { ResultRow } from "../results.js";
import { peerVectorSpec, writePeerVectors, type VectorFileRef } from "./peerVectors.js";
import { PEER_MODEL_NAMES, PEER_MODELS, PEER_STRATEGIES, peerStrategyName, SMALL_TEXT, SMALL_TEXT_TFIDF, type PeerModelName } from "./smallTextMethods.js";
import { requirePeer, runSmallText } from "./smallTextProcess.js";
import { peerCellRows, PeerCellOutputSchema } from "./smallTextRows.js";

export const KNOWN_PEERS = [SMALL_TEXT] as const;

export interface PeerOptions {
  readonly peers: readonly string[];
  readonly models: readonly string[];
  /** `--peer-embeddings`: the vectors of the `emb-lr` model (see peerVectors.ts). */
  readonly embeddings?: string;
}

/** Checks the peer options before any cell runs; returns the peer models to run (none without --peers). */
export function checkPeerOptions(options: PeerOptions): PeerModelName[] {
  for (const peer of options.peers) {
    if (!(KNOWN_PEERS as readonly string[]).includes(peer)) throw new ConfigError(`unknown peer "${peer}" (known: ${KNOWN_PEERS.join(", ")})`);
  }
  if (options.peers.length === 0) return [];
  const models = options.models.map((name) => {
    if (!(PEER_MODEL_NAMES as string[]).includes(name)) throw new ConfigError(`unknown peer model "${name}" (known: ${PEER_MODEL_NAMES.join(", ")})`);
    return name as PeerModelName;
  });
  if (models.some((name) => PEER_MODELS[name].features === "vectors") && !options.embeddings) {
    throw new ConfigError(
      'peer model "emb-lr" needs --peer-embeddings <name> (a registered Embeddings, "projection" for activegraph\'s TF-IDF projection, or "lsa" for its LSA)',
    );
  }
  if (options.embeddings && options.embeddings !== "projection" && options.embeddings !== "lsa") {
    // Refused now, not after activegraph's cells have run.
    try {
      getEmbeddings(options.embeddings);
    } catch (error) {
      throw new ConfigError(`--peer-embeddings "${options.embeddings}" (or "projection", "lsa"): ${(error as Error).message}`);
    }
  }
  requirePeer();
  return models;
}

/** One dataset as the benchmark's cells see it: the pool (after any reservoir hold-out), the test split, and a cell config for its settings. */
export interface PeerDataset {
  readonly data: Dataset;
  /** A run config of this dataset (its TF-IDF and vector settings give the peer activegraph's vectors). */
  readonly config: RunConfig;
  /** Per seed, the stratified initial ids activegraph's cells start from. */
  readonly initialIds: readonly (readonly string[])[];
}

interface PeerJob {
  readonly dataset: string;
  readonly model: PeerModelName;
  readonly strategy: string;
  readonly seeds: number[];
}

export interface PeerRunInput {
  readonly datasets: Readonly<Record<string, PeerDataset>>;
  readonly strategies: readonly string[];
  readonly models: readonly PeerModelName[];
  readonly embeddings?: string;
  readonly seeds: number;
  readonly settings: Protocol;
  readonly tag: string;
  /** Keys of cells already in results.jsonl. */
  readonly complete: { has(key: string): boolean };
  readonly workers: number;
  readonly log: (line: string) => void;
}

/** The peer's cells: every dataset × peer model × strategy small-text has × seed, under the oracle. */
export function peerCells(datasets: readonly string[], models: readonly PeerModelName[], strategies: readonly string[], seeds: number): Cell[] {
  const cells: Cell[] = [];
  for (const dataset of datasets)
    for (const model of models)
      for (const strategy of strategies.filter((name) => PEER_STRATEGIES[name]))
        for (let seed = 0; seed < seeds; seed++) cells.push({ dataset, strategy: peerStrategyName(model, strategy), annotator: "oracle", seed });
  return cells;
}

/**
 * Runs the peer's missing cells, one small-text process per dataset × model × strategy (its seeds
 * in sequence), `workers` at a time, and hands each finished cell's rows to `done`.
 */
export async function runPeerCells(
  input: PeerRunInput,
  events: { done(key: string, rows: ResultRow[]): void; failed(key: string, error: string): void },
): Promise<void> {
  const skipped = input.strategies.filter((name) => !PEER_STRATEGIES[name]);
  if (skipped.length > 0) input.log(`${SMALL_TEXT} has no counterpart of ${skipped.join(", ")}: no peer rows for ${skipped.length > 1 ? "them" : "it"}`);
  const jobs: PeerJob[] = [];
  for (const dataset of Object.keys(input.datasets))
    for (const model of input.models)
      for (const strategy of input.strategies.filter((name) => PEER_STRATEGIES[name])) {
        const seeds = Array.from({ length: input.seeds }, (_, seed) => seed).filter(
          (seed) => !input.complete.has(cellKey({ dataset, strategy: peerStrategyName(model, strategy), annotator: "oracle", seed }, input.tag)),
        );
        if (seeds.length > 0) jobs.push({ dataset, model, strategy, seeds });
      }
  if (jobs.length === 0) return;
  input.log(`${SMALL_TEXT}: ${jobs.reduce((n, job) => n + job.seeds.length, 0)} peer cells to run in ${jobs.length} processes`);
  const dir = mkdtempSync(join(tmpdir(), "activegraph-peer-"));
  try {
    const vectorFiles = new Map<string, Promise<{ pool: VectorFileRef; test: VectorFileRef | null }>>();
    const vectorsFor = (job: PeerJob) => {
      const model = PEER_MODELS[job.model];
      const source = model.features === "vectors" ? input.embeddings! : "projection";
      const key = `${job.dataset}|${source}`;
      let files = vectorFiles.get(key);
      if (!files) {
        const { data, config } = input.datasets[job.dataset];
        files = writePeerVectors(
          data,
          peerVectorSpec(source, config.vectors),
          config.features,
          join(dir, source.replace(/\W/g, "_")),
          model.features === "vectors",
        );
        vectorFiles.set(key, files);
      }
      return files;
    };
    const pending = [...jobs];
    const worker = async () => {
      for (let job = pending.shift(); job; job = pending.shift()) await runJob(job, input, vectorsFor, events);
    };
    await Promise.all(Array.from({ length: Math.max(1, Math.min(input.workers, jobs.length)) }, worker));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

async function runJob(
  job: PeerJob,
  input: PeerRunInput,
  vectorsFor: (job: PeerJob) => Promise<{ pool: VectorFileRef; test: VectorFileRef | null }>,
  events: { done(key: string, rows: ResultRow[]): void; failed(key: string, error: string): void },
): Promise<void> {
  const { data, initialIds } = input.datasets[job.dataset];
  const model = PEER_MODELS[job.model];
  const strategyName = peerStrategyName(job.model, job.strategy);
  const keyOf = (seed: number) => cellKey({ dataset: job.dataset, strategy: strategyName, annotator: "oracle", seed }, input.tag);
  const finished = new Set<number>();
  try {
    const needsVectors = model.features === "vectors" || PEER_STRATEGIES[job.strategy].vectors;
    const vectors = needsVectors ? await vectorsFor(job) : null;
    const truth = classIndices(data.test!, data.labels);
    const poolIds = new Set(data.train.map((item) => item.id));
    const request = {
      pool: data.train,
      test: data.test,
      labels: data.labels,
      features: model.features,
      classifier: model.classifier,
      classifierOptions: model.options,
      tfidf: SMALL_TEXT_TFIDF,
      strategy: job.strategy,
      protocol: { rounds: input.settings.rounds, batchSize: input.settings.batchSize },
      seeds: job.seeds.map((seed) => ({ seed, initialIds: initialIds[seed] })),
      ...(vectors ? { poolVectors: vectors.pool } : {}),
      ...(vectors?.test ? { testVectors: vectors.test } : {}),
    };
    await runSmallText(
      "run",
      request,
      (line) => {
        const output = PeerCellOutputSchema.parse(line);
        const cell = { dataset: job.dataset, strategy: strategyName, annotator: "oracle", seed: output.seed };
        const key = keyOf(output.seed);
        events.done(
          key,
          peerCellRows(output, {
            key,
            protocol: input.tag,
            cell,
            settings: input.settings,
            initialIds: initialIds[output.seed],
            poolIds,
            truth,
            numClasses: data.labels.length,
          }),
        );
        finished.add(output.seed);
      },
      { singleThread: input.workers > 1 },
    );
  } catch (error) {
    for (const seed of job.seeds.filter((s) => !finished.has(s))) events.failed(keyOf(seed), (error as Error).message);
  }
}
