import type { Vectors } from "../linalg/dense.js";
import type { BudgetGuard } from "../llm/budgetGuard.js";
import type { LlmClient } from "../llm/llmClient.js";
import type { Spend } from "../cost/spend.js";
import type { VectorIndex } from "../pool/vectorIndex.js";
import type { Rng } from "../random.js";

/** An LLM a query method may ask, the budget its calls are paid from, and what it is told of the task. */
export interface LlmQuery {
  readonly client: LlmClient;
  readonly guard: BudgetGuard;
  /** What the calls cost, added up for the ledger. */
  readonly spend: Spend;
  readonly instructions: string;
  readonly classes: readonly string[];
  readonly labelDescriptions?: Readonly<Record<string, string>>;
  /** ActivePrune: the share of the shortlist the LLM's quality scores drop. */
  readonly pruneShare: number;
  /** The round's counters (history's `counters`): what a method saw of the LLM's replies that the user should hear of. */
  readonly counters?: Record<string, number>;
}

/** A committee's disagreement on each candidate, in candidate order (CoT query-by-committee). */
export interface CommitteeDisagreement {
  readonly voteEntropy: Float64Array;
  readonly klToConsensus: Float64Array;
}

/**
 * What a query method may look at. Fields beyond `candidates`, `rng` and `numClasses` are there
 * only when the method declares it needs them (scikit-activeml's `query(X, y, clf, candidates)`).
 */
export interface QueryInput {
  /** Pool indices the method may pick from: the unlabeled items, or a shortlist of them. */
  readonly candidates: Uint32Array;
  /** A stream for this round's random choices and tie-breaking. */
  readonly rng: Rng;
  readonly numClasses: number;
  /** The target model's class probabilities for every pool item, row-major (pool size × numClasses). */
  readonly probs?: Float32Array;
  /** Pool indices that have a label (empty at cold start). */
  readonly labeled?: Uint32Array;
  /** A dense unit vector per pool item, row-major (pool size × dim). */
  readonly vectors?: Vectors;
  /** k-NN search over `vectors`. */
  readonly index?: VectorIndex;
  /** Each committee member's class probabilities for every pool item, laid out as `probs`. */
  readonly memberProbs?: readonly Float32Array[];
  /** Pool texts by index. */
  readonly texts?: readonly string[];
  /** An LLM to ask (LLM selection). */
  readonly llm?: LlmQuery;
  /** How an LLM committee split on each candidate. */
  readonly votes?: CommitteeDisagreement;
}

/** Picks k pool indices from the candidates, most informative first. */
export type QueryStrategy = (input: QueryInput, k: number) => Promise<Uint32Array>;

/** Inputs a method cannot work without, checked before it runs. */
export type StrategyNeed = "probs" | "labeled" | "vectors" | "index" | "memberProbs" | "texts" | "llm" | "votes";

/** A query method as the registry declares it: the survey's name, its paper, what it needs. */
export interface QueryMethod {
  readonly name: string;
  readonly summary: string;
  /** Where the idea comes from. */
  readonly reference: string;
  readonly needs: readonly StrategyNeed[];
  /** Runs over a shortlist of `selection.shortlistFactor × k` candidates made by a cheap method, so a round costs a bounded number of LLM calls. */
  readonly shortlist?: boolean;
  readonly query: QueryStrategy;
  /** The utility of each candidate (higher is more informative), for methods that rank by one: why each pick was made. */
  readonly utilities?: (input: QueryInput) => Float64Array | Promise<Float64Array>;
}
