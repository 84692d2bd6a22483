import { ConfigError } from "../errors.js";
import { rowCount } from "../linalg/dense.js";
import type { QueryInput, QueryMethod, StrategyNeed } from "./types.js";

/**
 * What a method is given, checked before it runs: k must be at least 1 and at most the number of
 * candidates, every input it declares must be there, and the inputs must agree on the pool size.
 */
export function checkQueryInput(info: QueryMethod, input: QueryInput, k: number): void {
  const { name } = info;
  if (!Number.isInteger(k) || k < 1) throw new ConfigError(`${name}: batch size must be a positive integer, got ${k}`);
  if (k > input.candidates.length) {
    throw new ConfigError(`${name}: asked for ${k} items but only ${input.candidates.length} are unlabeled`);
  }
  for (const need of info.needs) {
    if (input[need] === undefined) throw new ConfigError(`${name} needs ${describeNeed(need)}, which this run does not provide`);
  }
  checkShapes(name, input);
}

function describeNeed(need: StrategyNeed): string {
  switch (need) {
    case "probs":
      return "probs (the model's class probabilities)";
    case "labeled":
      return "labeled (the labeled pool indices)";
    case "vectors":
      return "vectors (a dense vector per pool item)";
    case "index":
      return "index (k-NN search over the pool vectors)";
    case "memberProbs":
      return "committee member probabilities (memberProbs: each member's class probabilities)";
    case "texts":
      return "texts (the pool texts)";
    case "llm":
      return "llm (an LLM to ask, with a budget)";
    case "votes":
      return "votes (a committee's disagreement on each candidate)";
  }
}

/** Inputs that disagree on the pool size would make a strategy read past an array: refuse them here. */
function checkShapes(name: string, input: QueryInput): void {
  const sizes: Array<[string, number]> = [];
  if (input.probs) sizes.push(["probs", input.probs.length / input.numClasses]);
  if (input.vectors) {
    if (input.vectors.data.length % input.vectors.dim !== 0)
      throw new ConfigError(`${name}: vectors hold ${input.vectors.data.length} floats, not a multiple of dim ${input.vectors.dim}`);
    sizes.push(["vectors", rowCount(input.vectors)]);
  }
  if (input.index) sizes.push(["index", input.index.size]);
  if (input.texts) sizes.push(["texts", input.texts.length]);
  input.memberProbs?.forEach((member, m) => sizes.push([`committee member ${m}`, member.length / input.numClasses]));
  for (const [what, size] of sizes) {
    if (size !== sizes[0][1]) throw new ConfigError(`${name}: ${sizes[0][0]} cover ${sizes[0][1]} pool items but ${what} ${size}`);
  }
  if (input.votes && (input.votes.voteEntropy.length !== input.candidates.length || input.votes.klToConsensus.length !== input.candidates.length)) {
    throw new ConfigError(`${name}: committee votes cover ${input.votes.voteEntropy.length} items but there are ${input.candidates.length} candidates`);
  }
  const poolSize = sizes[0]?.[1];
  if (poolSize === undefined) return;
  for (const items of [input.candidates, input.labeled ?? new Uint32Array(0)]) {
    for (const item of items) if (item >= poolSize) throw new ConfigError(`${name}: pool index ${item} is outside a pool of ${poolSize}`);
  }
}
