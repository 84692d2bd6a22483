import type { FailedItem, LabelRecord } from "../../tools/labels/labelRecord.js";
import type { InContextLearner } from "../../tools/llm/inContextLearner.js";
import { allRows, gatherRows, type Vectors } from "../../tools/linalg/dense.js";
import { topSimilar } from "../../tools/linalg/nearest.js";
import { rngFor, shuffleInPlace } from "../../tools/random.js";
import type { IclQueryInput, IclScoring, IclStrategy, LabeledIndex } from "../../tools/strategies/icl/types.js";
import type { IclConfig } from "../config/iclConfig.js";
import { testVectors } from "../workspace/testVectors.js";
import type { Workspace } from "../workspace/workspace.js";

/** The labeled pool items as strategies see them: pool index and class index, in the order labeled. */
export function labeledIndices(workspace: Workspace, labels: readonly LabelRecord[]): LabeledIndex[] {
  return labels
    .filter((record) => workspace.pool.has(record.id))
    .map((record) => ({ index: workspace.pool.indexOf(record.id), label: workspace.classes.indexOf(record.label) }));
}

/** The learner's answers about pool items, as the strategies ask for them (one paid call an item). */
function scoringOf(workspace: Workspace, learner: InContextLearner): IclScoring {
  const texts = workspace.pool.texts;
  const uniform = () => new Float32Array(workspace.classes.length).fill(1 / workspace.classes.length);
  const distributions = (demonstrations: ReadonlyArray<{ text: string; label: string }>, indices: Uint32Array) =>
    Promise.all(
      Array.from(indices, async (index) => {
        const answer = await learner.classify(demonstrations, texts[index]);
        // A reply that names no label tells nothing about the item: as unsure as can be.
        return answer.ok ? answer.probs : uniform();
      }),
    );
  return {
    zeroShot: (indices) => distributions([], indices),
    fewShot: (demonstrations, indices) =>
      distributions(
        demonstrations.map((item) => ({ text: texts[item.index], label: workspace.classes[item.label] })),
        indices,
      ),
    perplexity: async (indices) => Float64Array.from(await Promise.all(Array.from(indices, (index) => learner.perplexity(texts[index])))),
  };
}

/**
 * Vote-k's k-NN graph, by exact search over a seeded sample of the pool (the same in every round),
 * the labeled items and the scored sample (its second stage picks among those): an exact graph of
 * the whole pool costs its size squared.
 */
function voteGraph(vectors: Vectors, config: IclConfig, included: readonly number[], poolSize: number): NonNullable<IclQueryInput["graph"]> {
  const sample = shuffleInPlace(allRows(poolSize), rngFor(config.seed, "icl-vote-k")).subarray(0, config.strategies.voteK.pool);
  const nodes = Uint32Array.from(new Set([...sample, ...included])).sort();
  const k = Math.min(config.strategies.voteK.neighbors, nodes.length - 1);
  return { k, nodes, indices: topSimilar(vectors, nodes, gatherRows(vectors, nodes), k, nodes).indices };
}

/**
 * What an ICL strategy picks from, and nothing more than it declares it needs: pool and test
 * vectors, the pool's k-NN graph, the learner's answers. The candidates leave out labeled items
 * and those an annotator failed on; the scored sample is drawn from them with the seed, the same
 * way in every round.
 */
export async function iclQueryInput(
  strategy: IclStrategy,
  run: {
    config: IclConfig;
    workspace: Workspace;
    labels: readonly LabelRecord[];
    failed: readonly FailedItem[];
    testItems: readonly number[];
    round: number;
    capacity: number;
    target: number;
    learner: InContextLearner;
  },
): Promise<IclQueryInput> {
  const { config, workspace } = run;
  const needs = new Set(strategy.needs);
  const candidates = workspace.pool.unlabeled([...run.labels.map((record) => record.id), ...run.failed.map((item) => item.id)]);
  const scored = shuffleInPlace(Uint32Array.from(candidates), rngFor(config.seed, "icl-scored")).slice(0, config.scoring.poolSample).sort();
  const vectors = needs.has("vectors") || needs.has("testVectors") || needs.has("graph") ? (await workspace.vectors.of(config.vectors)).vectors : undefined;
  const graph =
    needs.has("graph") && vectors
      ? voteGraph(vectors, config, [...labeledIndices(workspace, run.labels).map((item) => item.index), ...scored], workspace.pool.size)
      : undefined;
  return {
    round: run.round,
    candidates,
    scored,
    labeled: labeledIndices(workspace, run.labels),
    k: config.k,
    target: run.target,
    capacity: run.capacity,
    numClasses: workspace.classes.length,
    rng: rngFor(config.seed, "icl-select", run.round),
    settings: config.strategies,
    ...(vectors ? { vectors } : {}),
    ...(needs.has("testVectors") ? { testVectors: await testVectors(workspace, config.vectors, run.testItems) } : {}),
    ...(graph ? { graph } : {}),
    ...(needs.has("zeroShot") || needs.has("fewShot") || needs.has("perplexity") ? { scoring: scoringOf(workspace, run.learner) } : {}),
  };
}
