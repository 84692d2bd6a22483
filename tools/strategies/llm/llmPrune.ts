import type { QueryInput } from "../types.js";
import { askLlmUtilities } from "./askLlm.js";

/**
 * ActivePrune (Azeemi et al. 2024): the LLM's quality scores drop the `pruneShare` of the shortlist
 * it rates lowest, and the shortlist's own order (the cheap method's) picks among what is left.
 */
export async function llmPrune(input: QueryInput, k: number): Promise<Uint32Array> {
  const utilities = await askLlmUtilities(input);
  const positions = Array.from(input.candidates.keys());
  const keep = Math.max(k, Math.ceil(positions.length * (1 - input.llm!.pruneShare)));
  const kept = new Set([...positions].sort((a, b) => utilities[b] - utilities[a]).slice(0, keep));
  return Uint32Array.from(positions.filter((position) => kept.has(position)).slice(0, k), (position) => input.candidates[position]);
}
