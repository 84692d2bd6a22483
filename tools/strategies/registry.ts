import { ConfigError } from "../errors.js";
import { rowCount } from "../linalg/dense.js";
import { badge } from "./badge.js";
import { cal } from "./cal.js";
import { clusteredUncertainty } from "./clusteredUncertainty.js";
import { bald, consensusEntropy, klConsensus, voteEntropy } from "./committee.js";
import { coreset } from "./coreset.js";
import { informationDensity } from "./informationDensity.js";
import { kmeansCentroids } from "./kmeansCentroids.js";
import { probcover } from "./probcover.js";
import { randomSampling } from "./random.js";
import { typiclust } from "./typiclust.js";
import type { QueryInput, StrategyInfo, StrategyNeed } from "./types.js";
import { entropy, leastConfidence, margin } from "./uncertainty.js";

/** Every query strategy, by the name used in the CLI, the run config and the benchmark. */
export const STRATEGIES = {
  random: {
    name: "random",
    summary: "uniform random sampling, the baseline",
    reference: "—",
    needs: [],
    query: randomSampling,
  },
  "least-confidence": {
    name: "least-confidence",
    summary: "lowest top-class probability first",
    reference: "Lewis & Gale, SIGIR 1994",
    needs: ["probs"],
    query: leastConfidence,
  },
  margin: {
    name: "margin",
    summary: "smallest gap between the two most probable classes first",
    reference: "Scheffer et al., IDA 2001",
    needs: ["probs"],
    query: margin,
  },
  entropy: {
    name: "entropy",
    summary: "highest predictive entropy first",
    reference: "Settles, AL literature survey 2009",
    needs: ["probs"],
    query: entropy,
  },
  "vote-entropy": {
    name: "vote-entropy",
    summary: "the item whose committee votes are most split",
    reference: "Dagan & Engelson, ICML 1995",
    needs: ["committee"],
    query: voteEntropy,
  },
  "consensus-entropy": {
    name: "consensus-entropy",
    summary: "highest entropy of the committee's mean prediction",
    reference: "Settles, AL literature survey 2009 (modAL)",
    needs: ["committee"],
    query: consensusEntropy,
  },
  "kl-consensus": {
    name: "kl-consensus",
    summary: "largest KL divergence of a member from the committee's mean",
    reference: "McCallum & Nigam, ICML 1998",
    needs: ["committee"],
    query: klConsensus,
  },
  bald: {
    name: "bald",
    summary: "highest mutual information between label and committee member (zero when members agree)",
    reference: "Houlsby et al. 2011; Gal et al., ICML 2017",
    needs: ["committee"],
    query: bald,
  },
  coreset: {
    name: "coreset",
    summary: "greedy k-center: the item farthest from everything labelled or picked",
    reference: "Sener & Savarese, ICLR 2018",
    needs: ["vectors", "labeled"],
    query: coreset,
  },
  badge: {
    name: "badge",
    summary: "k-means++ over gradient embeddings, starting from the largest gradient",
    reference: "Ash et al., ICLR 2020",
    needs: ["probs", "vectors"],
    query: badge,
  },
  "information-density": {
    name: "information-density",
    summary: "entropy × mean similarity to the nearest pool neighbours",
    reference: "Settles & Craven, EMNLP 2008",
    needs: ["probs", "index"],
    query: informationDensity,
  },
  cal: {
    name: "cal",
    summary: "largest KL between the labelled neighbours' predictions and the item's",
    reference: "Margatina et al., EMNLP 2021",
    needs: ["probs", "vectors", "labeled"],
    query: cal,
  },
  "clustered-uncertainty": {
    name: "clustered-uncertainty",
    summary: "the 10·k smallest margins, spread by weighted k-means",
    reference: "Zhdanov, Diverse mini-batch AL, 2019",
    needs: ["probs", "vectors"],
    query: clusteredUncertainty,
  },
  "kmeans-centroids": {
    name: "kmeans-centroids",
    summary: "the item nearest each k-means centroid of the pool (cold start)",
    reference: "Zhu et al., COLING 2008; Yuan et al., EMNLP 2020",
    needs: ["vectors"],
    query: kmeansCentroids,
  },
  typiclust: {
    name: "typiclust",
    summary: "the most typical item of the least-labelled cluster (cold start)",
    reference: "Hacohen et al., ICML 2022",
    needs: ["vectors", "index", "labeled"],
    query: typiclust,
  },
  probcover: {
    name: "probcover",
    summary: "the item whose δ-ball covers the most uncovered pool (cold start)",
    reference: "Yehuda et al., NeurIPS 2022",
    needs: ["vectors", "index", "labeled"],
    query: probcover,
  },
} as const satisfies Record<string, StrategyInfo>;

export type StrategyName = keyof typeof STRATEGIES;
export const STRATEGY_NAMES = Object.keys(STRATEGIES) as [StrategyName, ...StrategyName[]];

/** What a model provides: a cold start has neither a model nor a committee. */
const MODEL_NEEDS: readonly StrategyNeed[] = ["probs", "committee"];

/** Strategies that work with no labels and no model yet, for the initial (cold-start) batch. */
export const COLD_START_NAMES = STRATEGY_NAMES.filter((name) =>
  (STRATEGIES[name].needs as readonly StrategyNeed[]).every((need) => !MODEL_NEEDS.includes(need)),
) as [StrategyName, ...StrategyName[]];

export function getStrategy(name: string): StrategyInfo {
  const info = (STRATEGIES as Record<string, StrategyInfo>)[name];
  if (!info) throw new ConfigError(`unknown strategy "${name}" (known: ${STRATEGY_NAMES.join(", ")})`);
  return info;
}

/**
 * Runs a strategy after checking what it needs and that k fits: k must be at least 1 and at most the
 * number of unlabelled items (callers clamp a batch to the pool before asking), so a strategy never
 * returns a silently short or empty batch.
 */
export async function query(name: string, input: QueryInput, k: number): Promise<Uint32Array> {
  const info = getStrategy(name);
  if (!Number.isInteger(k) || k < 1) throw new ConfigError(`${name}: batch size must be a positive integer, got ${k}`);
  if (k > input.unlabeled.length) {
    throw new ConfigError(`${name}: asked for ${k} items but only ${input.unlabeled.length} are unlabelled`);
  }
  for (const need of info.needs) {
    if (input[need] === undefined) throw new ConfigError(`${name} needs ${describeNeed(need)}, which this run does not provide`);
  }
  checkShapes(name, input);
  const picked = await info.query(input, k);
  if (picked.length !== k) throw new Error(`${name} returned ${picked.length} items, expected ${k}`);
  return picked;
}

function describeNeed(need: StrategyNeed): string {
  switch (need) {
    case "probs":
      return "probs (the model's class probabilities)";
    case "labeled":
      return "labeled (the labelled pool indices)";
    case "vectors":
      return "vectors (a dense vector per pool item)";
    case "index":
      return "index (k-NN search over the pool vectors)";
    case "committee":
      return "committee (each member's class probabilities)";
  }
}

/** Inputs that disagree on the pool size would make a strategy read past an array: refuse them here. */
function checkShapes(name: string, input: QueryInput): void {
  const sizes: Array<[string, number]> = [];
  if (input.probs) sizes.push(["probs", input.probs.length / input.numClasses]);
  if (input.vectors) {
    if (input.vectors.data.length % input.vectors.dim !== 0) throw new ConfigError(`${name}: vectors hold ${input.vectors.data.length} floats, not a multiple of dim ${input.vectors.dim}`);
    sizes.push(["vectors", rowCount(input.vectors)]);
  }
  if (input.index) sizes.push(["index", input.index.size]);
  input.committee?.forEach((member, m) => sizes.push([`committee member ${m}`, member.length / input.numClasses]));
  for (const [what, size] of sizes) {
    if (size !== sizes[0][1]) throw new ConfigError(`${name}: ${sizes[0][0]} cover ${sizes[0][1]} pool items but ${what} ${size}`);
  }
  const poolSize = sizes[0]?.[1];
  if (poolSize === undefined) return;
  for (const items of [input.unlabeled, input.labeled ?? new Uint32Array(0)]) {
    for (const item of items) if (item >= poolSize) throw new ConfigError(`${name}: pool index ${item} is outside a pool of ${poolSize}`);
  }
}
