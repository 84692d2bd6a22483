import type { Vectors } from "../../linalg/dense.js";
import type { Rng } from "../../random.js";

/** A labeled pool item as the strategies see it: its pool index and its class index. */
export interface LabeledIndex {
  readonly index: number;
  readonly label: number;
}

/**
 * What the in-context learner (the LLM whose few-shot accuracy is the target) tells a strategy
 * about pool items; every answer is a paid LLM call, booked in the run's ledger.
 */
export interface IclScoring {
  /** Its distribution over the classes for each item, with no example in the prompt. */
  zeroShot(indices: Uint32Array): Promise<Float32Array[]>;
  /** The same, with `demonstrations` (labeled items, in that order) in the prompt. */
  fewShot(demonstrations: readonly LabeledIndex[], indices: Uint32Array): Promise<Float32Array[]>;
  /** Its perplexity of each item's text: exp of the mean negative log-probability of its tokens. */
  perplexity(indices: Uint32Array): Promise<Float64Array>;
}

/** Settings of the strategies, from the config (`strategies`); each strategy reads its own. */
export interface IclStrategySettings {
  readonly diversity: { readonly method: "kmeans" | "mmr"; readonly lambda: number };
  readonly voteK: { readonly neighbors: number; readonly discount: number; readonly pool: number };
  readonly perplexity: { readonly order: "lowest" | "highest" };
  readonly uncertainty: { readonly order: "most" | "least" };
}

/** What an ICL strategy may need beyond the labels: built only for strategies that declare it. */
export type IclNeed = "vectors" | "testVectors" | "graph" | "zeroShot" | "fewShot" | "perplexity";

/** What a strategy picks from. Absent needs are undefined (the select node builds what is declared). */
export interface IclQueryInput {
  /** 0 for the first selection; one more each time the strategy is asked again after labels came in. */
  readonly round: number;
  /** Pool indices not labeled yet (nor failed): what a strategy may pick. */
  readonly candidates: Uint32Array;
  /**
   * A seeded sample of the candidates, what the strategies that ask the LLM about items score (one
   * call an item): scoring the whole pool would cost a call per pool item.
   */
  readonly scored: Uint32Array;
  /** Every label so far, in the order given. */
  readonly labeled: readonly LabeledIndex[];
  /** Demonstrations per prompt. */
  readonly k: number;
  /**
   * Labels the selection aims for: k when the strategy's own picks are every input's
   * demonstrations; the label budget when each input retrieves its nearest labeled items instead
   * (the selective annotation of Su et al. 2023).
   */
  readonly target: number;
  /** Labels the budget still pays for. */
  readonly capacity: number;
  readonly numClasses: number;
  readonly rng: Rng;
  readonly settings: IclStrategySettings;
  /** Unit vectors of the pool items (row = pool index). */
  readonly vectors?: Vectors;
  /** Unit vectors of the evaluation's test inputs, in the same space. */
  readonly testVectors?: Vectors;
  /**
   * The k-NN graph over `nodes` (pool indices: a seeded sample of the pool and the labeled items):
   * row r holds the pool indices of the k nodes nearest nodes[r].
   */
  readonly graph?: { readonly k: number; readonly nodes: Uint32Array; readonly indices: Uint32Array };
  readonly scoring?: IclScoring;
}

/**
 * An active in-context learning strategy: which pool items to label, over one or more rounds (the
 * labels of a round come back before the next: label-balanced needs them to count classes, vote-k
 * for its second stage), and which labeled items each test input gets as demonstrations.
 */
export interface IclStrategy {
  readonly name: string;
  readonly summary: string;
  readonly reference: string;
  readonly needs: readonly IclNeed[];
  /**
   * `chosen`: every test input gets the same k demonstrations (`choose`, by default the first k
   * labeled); `nearest`: each test input gets the k labeled items most similar to it.
   */
  readonly demonstrations: "chosen" | "nearest";
  /** Labels the strategy wants at most when the budget names none (k, or k per test input for similarity). */
  defaultLabels(k: number, testSize: number): number;
  /** The next pool items to label, most wanted first; empty when the selection is complete. */
  next(input: IclQueryInput): Promise<Uint32Array>;
  /** For `chosen`: the positions in `labeled` of the k demonstrations, in prompt order. */
  choose?(labeled: readonly LabeledIndex[], k: number, numClasses: number): number[];
}
