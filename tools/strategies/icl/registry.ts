import { diversityIcl } from "./diversity.js";
import { labelBalancedIcl } from "./labelBalanced.js";
import { perplexityIcl } from "./perplexity.js";
import { randomIcl } from "./random.js";
import { similarityIcl } from "./similarity.js";
import type { IclStrategy } from "./types.js";
import { uncertaintyIcl } from "./uncertainty.js";
import { voteKIcl } from "./voteK.js";

/**
 * The strategies of active in-context learning, by the name the config, the CLI and `bench:icl`
 * use: which pool items to label as an LLM's few-shot demonstrations. Adding one is its own file
 * and an entry here.
 */
export const ICL_STRATEGIES = {
  random: randomIcl,
  similarity: similarityIcl,
  diversity: diversityIcl,
  uncertainty: uncertaintyIcl,
  "vote-k": voteKIcl,
  "label-balanced": labelBalancedIcl,
  perplexity: perplexityIcl,
} as const satisfies Record<string, IclStrategy>;

export type IclStrategyName = keyof typeof ICL_STRATEGIES;
export const ICL_STRATEGY_NAMES = Object.keys(ICL_STRATEGIES) as [IclStrategyName, ...IclStrategyName[]];

export function iclStrategy(name: IclStrategyName): IclStrategy {
  return ICL_STRATEGIES[name];
}
