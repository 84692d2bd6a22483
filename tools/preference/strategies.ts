import { type Rng, shuffleInPlace } from "../random.js";
import { topK } from "../strategies/topK.js";

/** What a method needs of its candidates: a judge committee's P(A ≻ B) per member, or the reward model's. */
export type PreferenceNeed = "judges" | "rewardModel";

export interface PreferenceQueryInput {
  /** Positions (in the run's pair list) of the candidate pairs. */
  readonly candidates: Uint32Array;
  /** Per member, P(A ≻ B) of each candidate (NaN where the member gave no answer). */
  readonly judges?: readonly Float64Array[];
  /** The reward model's P(A ≻ B) of each candidate. */
  readonly rewardModel?: Float64Array;
  readonly rng: Rng;
}

export interface PreferenceStrategy {
  readonly summary: string;
  readonly paper: string;
  readonly needs: readonly PreferenceNeed[];
  /** Whether it ranks a shortlist (its scores cost calls) or every unlabeled pair. */
  readonly shortlist: boolean;
  pick(input: PreferenceQueryInput, k: number): Uint32Array;
}

function entropy2(p: number): number {
  return p <= 0 || p >= 1 ? 0 : -(p * Math.log(p) + (1 - p) * Math.log(1 - p));
}

/**
 * A committee's disagreement on each pair: the entropy of its members' votes (A or B), then, to
 * order pairs with the same split, the entropy of their mean P(A ≻ B) (one millionth of a nat
 * weighs less than any difference of vote entropy). Members without an answer abstain.
 */
export function committeeDisagreement(judges: readonly Float64Array[], n: number): Float64Array {
  return Float64Array.from({ length: n }, (_, i) => {
    const answers = judges.map((member) => member[i]).filter((p) => !Number.isNaN(p));
    if (answers.length === 0) return 0;
    const votesA = answers.filter((p) => p >= 0.5).length / answers.length;
    const mean = answers.reduce((a, b) => a + b, 0) / answers.length;
    return entropy2(votesA) + 1e-6 * entropy2(mean);
  });
}

/** Which pairs of an active-preference run are sent for a preference label. */
export const PREFERENCE_STRATEGIES = {
  random: {
    summary: "a uniform draw from the unlabeled pairs (the baseline)",
    paper: "—",
    needs: [],
    shortlist: false,
    pick: (input, k) => shuffleInPlace(Uint32Array.from(input.candidates), input.rng).slice(0, k),
  },
  committee: {
    summary: "the pairs a committee of LLM judges splits on most (vote entropy, then the entropy of their mean P(A ≻ B))",
    paper: "query by committee (Seung et al. 1992) with LLM judges (Xia et al. 2025, §6)",
    needs: ["judges"],
    shortlist: true,
    pick: (input, k) => {
      if (!input.judges) throw new Error("the committee strategy needs the judges' answers");
      return topK(committeeDisagreement(input.judges, input.candidates.length), input.candidates, k, input.rng);
    },
  },
  "reward-uncertainty": {
    summary: "the pairs the reward model trained on the answers so far is least sure of: P(A ≻ B) nearest 1/2",
    paper: "uncertainty sampling for reward models (Mehta et al. 2023; Muldrew et al. 2024, APL)",
    needs: ["rewardModel"],
    shortlist: false,
    pick: (input, k) => {
      if (!input.rewardModel) throw new Error("the reward-uncertainty strategy needs the reward model's P(A ≻ B)");
      return topK(
        Float64Array.from(input.rewardModel, (p) => 1 - Math.abs(2 * p - 1)),
        input.candidates,
        k,
        input.rng,
      );
    },
  },
} as const satisfies Record<string, PreferenceStrategy>;

export type PreferenceStrategyName = keyof typeof PREFERENCE_STRATEGIES;
export const PREFERENCE_STRATEGY_NAMES = Object.keys(PREFERENCE_STRATEGIES) as [PreferenceStrategyName, ...PreferenceStrategyName[]];
