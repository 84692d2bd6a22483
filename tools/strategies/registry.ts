import { ConfigError } from "../errors.js";
import { badge } from "./badge.js";
import { contrastive, contrastiveScores } from "./contrastive.js";
import { clusteredUncertainty } from "./clusteredUncertainty.js";
import { bald, baldScores, consensusEntropy, consensusEntropyScores, klConsensus, klConsensusScores, voteEntropy, voteEntropyScores } from "./committee.js";
import { coreset } from "./coreset.js";
import { informationDensity, informationDensityScores } from "./informationDensity.js";
import { kmeansCentroids } from "./kmeansCentroids.js";
import { powerMargin } from "./powerMargin.js";
import { probcover } from "./probcover.js";
import { randomSampling } from "./random.js";
import { typiclust } from "./typiclust.js";
import { askLlm, askLlmUtilities } from "./llm/askLlm.js";
import { cotQbc, cotQbcUtilities } from "./llm/cotQbc.js";
import { llmClusters } from "./llm/llmClusters.js";
import { llmPrune } from "./llm/llmPrune.js";
import { llmRank } from "./llm/llmRank.js";
import { checkQueryInput } from "./checkInput.js";
import type { QueryInput, QueryMethod, StrategyNeed } from "./types.js";
import { entropy, entropyScores, leastConfidence, leastConfidenceScores, margin, marginScores } from "./uncertainty.js";

/**
 * Every query method, classic and LLM alike, by the name used in the CLI, the run config and the
 * benchmark: what it does, its paper, and what it needs. Adding one is its own file and an entry here.
 */
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
    utilities: leastConfidenceScores,
  },
  margin: {
    name: "margin",
    summary: "smallest gap between the two most probable classes first",
    reference: "Scheffer et al., IDA 2001",
    needs: ["probs"],
    query: margin,
    utilities: marginScores,
  },
  entropy: {
    name: "entropy",
    summary: "highest predictive entropy first",
    reference: "Settles, AL literature survey 2009",
    needs: ["probs"],
    query: entropy,
    utilities: entropyScores,
  },
  "power-margin": {
    name: "power-margin",
    summary: "a batch drawn with probability ∝ 1 − margin, not the top k: uncertain and spread",
    reference: "Kirsch et al., TMLR 2023",
    needs: ["probs"],
    query: powerMargin,
  },
  "vote-entropy": {
    name: "vote-entropy",
    summary: "the item whose committee votes are most split",
    reference: "Dagan & Engelson, ICML 1995",
    needs: ["memberProbs"],
    query: voteEntropy,
    utilities: voteEntropyScores,
  },
  "consensus-entropy": {
    name: "consensus-entropy",
    summary: "highest entropy of the committee's mean prediction",
    reference: "Settles, AL literature survey 2009 (modAL)",
    needs: ["memberProbs"],
    query: consensusEntropy,
    utilities: consensusEntropyScores,
  },
  "kl-consensus": {
    name: "kl-consensus",
    summary: "largest KL divergence of a member from the committee's mean",
    reference: "McCallum & Nigam, ICML 1998",
    needs: ["memberProbs"],
    query: klConsensus,
    utilities: klConsensusScores,
  },
  bald: {
    name: "bald",
    summary: "highest mutual information between label and committee member (zero when members agree)",
    reference: "Houlsby et al. 2011; Gal et al., ICML 2017",
    needs: ["memberProbs"],
    query: bald,
    utilities: baldScores,
  },
  coreset: {
    name: "coreset",
    summary: "greedy k-center: the item farthest from everything labeled or picked",
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
    utilities: informationDensityScores,
  },
  contrastive: {
    name: "contrastive",
    summary: "largest KL between the labeled neighbours' predictions and the item's",
    reference: "Margatina et al., EMNLP 2021",
    needs: ["probs", "vectors", "labeled"],
    query: contrastive,
    utilities: contrastiveScores,
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
    summary: "the most typical item of the least-labeled cluster (cold start)",
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
  "llm-rank": {
    name: "llm-rank",
    summary: "the LLM ranks a shortlist for informativeness and the top of it is queried",
    reference: "ActiveLLM, Bayer & Reuter 2024",
    needs: ["llm", "texts"],
    shortlist: true,
    query: llmRank,
  },
  "llm-clusters": {
    name: "llm-clusters",
    summary: "the pool is clustered (k = batch); the LLM picks the most useful of 8 members of each cluster",
    reference: "SelectLLM, Parkar et al. 2024",
    needs: ["llm", "texts", "vectors"],
    query: llmClusters,
  },
  "ask-llm": {
    name: "ask-llm",
    summary: "the LLM's P(yes) to 'is this a useful training example?' ranks a shortlist",
    reference: "Ask-LLM, Sachdeva et al. 2024",
    needs: ["llm", "texts"],
    shortlist: true,
    query: askLlm,
    utilities: askLlmUtilities,
  },
  "llm-prune": {
    name: "llm-prune",
    summary: "the LLM's quality scores drop the weakest of a shortlist, then the shortlist's own order picks",
    reference: "ActivePrune, Azeemi et al. 2024",
    needs: ["llm", "texts"],
    shortlist: true,
    query: llmPrune,
  },
  "cot-qbc": {
    name: "cot-qbc",
    summary: "a committee of chain-of-thought LLMs labels a shortlist; the items they split on most are queried",
    reference: "CoT query-by-committee (Active-Prompt, Diao et al. 2023; APE)",
    needs: ["votes"],
    shortlist: true,
    query: cotQbc,
    utilities: cotQbcUtilities,
  },
} as const satisfies Record<string, QueryMethod>;

export type StrategyName = keyof typeof STRATEGIES;
export const STRATEGY_NAMES = Object.keys(STRATEGIES) as [StrategyName, ...StrategyName[]];

/** What a cold start cannot have: a model, an ensemble, an LLM or a committee to ask. */
const WARM_NEEDS: readonly StrategyNeed[] = ["probs", "memberProbs", "llm", "votes"];

/** Methods that work with no labels, no model and no LLM, for the initial (cold-start) batch. */
export const COLD_START_NAMES = STRATEGY_NAMES.filter((name) =>
  (STRATEGIES[name].needs as readonly StrategyNeed[]).every((need) => !WARM_NEEDS.includes(need)),
) as [StrategyName, ...StrategyName[]];

/** Methods that read the whole pool cheaply: what a shortlist for an LLM method is made with. */
export const SHORTLIST_NAMES = STRATEGY_NAMES.filter(
  (name) => !(STRATEGIES[name] as QueryMethod).shortlist && !(STRATEGIES[name].needs as readonly StrategyNeed[]).includes("llm"),
) as [StrategyName, ...StrategyName[]];

/** Query methods registered in code by users, beside the built-ins. */
const registered = new Map<string, QueryMethod>();

/**
 * Makes a query method of your own usable by name, from the run config, the CLI and the benchmark:
 * `registerStrategy({ name, summary, reference, needs, query })`. Like the built-ins it declares
 * what it needs (probs, vectors, an LLM…) and the select node builds exactly that.
 */
export function registerStrategy(method: QueryMethod): void {
  if (method.name in STRATEGIES) throw new ConfigError(`"${method.name}" is a built-in query method: register yours under another name`);
  registered.set(method.name, method);
}

/** Every query method this process knows: the built-ins, then the registered ones. */
export function strategyNames(): string[] {
  return [...STRATEGY_NAMES, ...registered.keys()];
}

/**
 * Old names, refused with a line saying the new one (not aliased: "cal" is the survey's name for
 * bias discovery, a different method, and must not quietly run contrastive active learning).
 */
export const RENAMED_STRATEGIES: Readonly<Record<string, string>> = {
  cal: `"cal" is now "contrastive" (Margatina et al.'s contrastive active learning)`,
};

export function getStrategy(name: string): QueryMethod {
  const info = (STRATEGIES as Record<string, QueryMethod>)[name] ?? registered.get(name);
  if (!info && name in RENAMED_STRATEGIES) throw new ConfigError(`strategy ${RENAMED_STRATEGIES[name]}`);
  if (!info) throw new ConfigError(`unknown strategy "${name}" (known: ${strategyNames().join(", ")})`);
  return info;
}

/**
 * Runs a query method after checking what it needs and that k fits: k must be at least 1 and at
 * most the number of candidates (callers clamp a batch to the pool before asking), so a method never
 * returns a silently short or empty batch.
 */
export async function query(name: string, input: QueryInput, k: number): Promise<Uint32Array> {
  const info = getStrategy(name);
  checkQueryInput(info, input, k);
  const picked = await info.query(input, k);
  if (picked.length !== k) throw new Error(`${name} returned ${picked.length} items, expected ${k}`);
  return picked;
}

/**
 * `query` with scikit-activeml's `return_utilities`: the picks, and for methods that rank by a
 * utility, the utility of each pick (in pick order), which says why it was chosen; null otherwise.
 */
export async function queryWithUtilities(name: string, input: QueryInput, k: number): Promise<{ picks: Uint32Array; utilities: Float64Array | null }> {
  const picks = await query(name, input, k);
  const info = getStrategy(name);
  if (!info.utilities) return { picks, utilities: null };
  const all = await info.utilities(input);
  const position = new Map(Array.from(input.candidates, (index, i) => [index, i]));
  return { picks, utilities: Float64Array.from(picks, (index) => all[position.get(index)!]) };
}
