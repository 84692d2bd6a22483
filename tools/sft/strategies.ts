import type { Vectors } from "../linalg/dense.js";
import { type Rng, shuffleInPlace } from "../random.js";
import { topK } from "../strategies/topK.js";
import { facilityLocation } from "./facilityLocation.js";

/** What a method may need of the candidates: the model's sampled responses (self-consistency), their Ask-LLM quality, prompt vectors. */
export type SftNeed = "samples" | "quality" | "vectors";

/** The candidates of a round, and what the method declared it needs (aligned with `candidates`). */
export interface SftQueryInput {
  /** Pool positions of the shortlisted prompts. */
  readonly candidates: Uint32Array;
  /** 1 − agreement of the sampled answers (or their spread): high when the model is unsure. */
  readonly uncertainty?: Float64Array;
  /** Ask-LLM P("yes") that the (prompt, model response) pair is a good example. */
  readonly quality?: Float64Array;
  /** Unit vectors of every pool prompt, and the pool positions already chosen. */
  readonly vectors?: Vectors;
  readonly chosen?: Uint32Array;
  readonly rng: Rng;
}

export interface SftStrategy {
  readonly summary: string;
  readonly paper: string;
  readonly needs: readonly SftNeed[];
  /** Pool positions of k candidates, first choice first. */
  pick(input: SftQueryInput, k: number): Uint32Array;
}

function need<T>(value: T | undefined, what: string, strategy: string): T {
  if (value === undefined) throw new Error(`the ${strategy} strategy needs ${what}`);
  return value;
}

/**
 * How active SFT chooses which prompts become fine-tuning examples. Every method picks among a
 * shortlist drawn at random from the unchosen pool, so a round costs a bounded number of calls.
 */
export const SFT_STRATEGIES = {
  random: {
    summary: "a uniform draw from the shortlist (the baseline)",
    paper: "—",
    needs: [],
    pick: (input, k) => shuffleInPlace(Uint32Array.from(input.candidates), input.rng).slice(0, k),
  },
  uncertainty: {
    summary: "the prompts whose sampled responses disagree most (self-consistency): what the model does not know yet",
    paper: "Active Instruction Tuning (Kung et al., EMNLP 2023); self-consistency (Wang et al., ICLR 2023)",
    needs: ["samples"],
    pick: (input, k) => topK(need(input.uncertainty, "sampled responses", "uncertainty"), input.candidates, k, input.rng),
  },
  quality: {
    summary: "the pairs an LLM most believes are good examples: P(yes) to “is this a good training example?”",
    paper: "Ask-LLM (Sachdeva et al. 2024)",
    needs: ["samples", "quality"],
    pick: (input, k) => topK(need(input.quality, "Ask-LLM quality scores", "quality"), input.candidates, k, input.rng),
  },
  diversity: {
    summary: "greedy facility location over prompt vectors: the prompts that best cover the pool, given what was chosen",
    paper: "facility location for data subsets (Bhatt et al. 2024; Wei et al., ICML 2015)",
    needs: ["vectors"],
    pick: (input, k) =>
      facilityLocation(need(input.vectors, "prompt vectors", "diversity"), input.candidates, input.chosen ?? new Uint32Array(0), k, input.rng),
  },
  "self-training": {
    summary: "the prompts whose sampled responses agree most: the model's confident answers, kept as pseudo-labeled data without people",
    paper: "self-training in LLM-based active learning (Xia et al. 2025, §5); STAR (Zelikman et al. 2022)",
    needs: ["samples"],
    pick: (input, k) => {
      const uncertainty = need(input.uncertainty, "sampled responses", "self-training");
      return topK(
        Float64Array.from(uncertainty, (u) => 1 - u),
        input.candidates,
        k,
        input.rng,
      );
    },
  },
} as const satisfies Record<string, SftStrategy>;

export type SftStrategyName = keyof typeof SFT_STRATEGIES;
export const SFT_STRATEGY_NAMES = Object.keys(SFT_STRATEGIES) as [SftStrategyName, ...SftStrategyName[]];
