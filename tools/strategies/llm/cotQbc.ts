import type { QueryInput } from "../types.js";

/**
 * Chain-of-thought query by committee (Active-Prompt, Diao et al. 2023; APE): a committee of
 * chain-of-thought LLMs labels the shortlist, and the items they split on most are queried: the
 * highest vote entropy first, ties broken by the largest KL divergence to the consensus. The
 * committee's rationales for the picks are kept with their labels.
 */
export async function cotQbc(input: QueryInput, k: number): Promise<Uint32Array> {
  const { voteEntropy, klToConsensus } = input.votes!;
  const order = Array.from(input.candidates.keys()).sort((a, b) => voteEntropy[b] - voteEntropy[a] || klToConsensus[b] - klToConsensus[a]);
  return Uint32Array.from(order.slice(0, k), (position) => input.candidates[position]);
}

/** CoT-QBC's utility of each candidate: the committee's vote entropy. */
export function cotQbcUtilities(input: QueryInput): Float64Array {
  return Float64Array.from(input.votes!.voteEntropy);
}
