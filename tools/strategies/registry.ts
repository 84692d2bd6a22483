import { ConfigError } from "../errors.js";
import { randomSampling } from "./random.js";
import type { QueryInput, StrategyInfo } from "./types.js";
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
} as const satisfies Record<string, StrategyInfo>;

export type StrategyName = keyof typeof STRATEGIES;
export const STRATEGY_NAMES = Object.keys(STRATEGIES) as [StrategyName, ...StrategyName[]];

/** Strategies that work with no labels and no model yet, for the initial (cold-start) batch. */
export const COLD_START_NAMES = STRATEGY_NAMES.filter((name) => STRATEGIES[name].needs.length === 0) as [StrategyName, ...StrategyName[]];

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
    if (input[need] === undefined) throw new ConfigError(`${name} needs ${need}, which this run does not provide`);
  }
  const picked = await info.query(input, k);
  if (picked.length !== k) throw new Error(`${name} returned ${picked.length} items, expected ${k}`);
  return picked;
}
