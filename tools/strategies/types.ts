import type { Vectors } from "../linalg/dense.js";
import type { VectorIndex } from "../pool/vectorIndex.js";
import type { Rng } from "../random.js";

/** What a query strategy may look at. Fields beyond `unlabeled` and `rng` are there only when the run has them. */
export interface QueryInput {
  /** Pool indices that may be queried (the unlabelled items), ascending. */
  readonly unlabeled: Uint32Array;
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
  readonly committee?: readonly Float32Array[];
}

/** Pure: picks k pool indices, most informative first. */
export type QueryStrategy = (input: QueryInput, k: number) => Promise<Uint32Array>;

/** Inputs a strategy cannot work without, checked before it runs. */
export type StrategyNeed = "probs" | "labeled" | "vectors" | "index" | "committee";

/** What the run must build for a strategy: a model's probabilities and a committee cost a fit, vectors and an index a pass over the pool. */
export const STRATEGY_NEEDS: readonly StrategyNeed[] = ["probs", "labeled", "vectors", "index", "committee"];

export interface StrategyInfo {
  readonly name: string;
  readonly summary: string;
  /** Where the idea comes from. */
  readonly reference: string;
  readonly needs: readonly StrategyNeed[];
  readonly query: QueryStrategy;
}
