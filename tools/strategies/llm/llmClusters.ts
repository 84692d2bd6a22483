import { kmeans } from "../../linalg/kmeans.js";
import { shuffleInPlace } from "../../random.js";
import type { QueryInput } from "../types.js";
import { fillFromCandidates, llmItems } from "./llmItems.js";
import { rankItems } from "./llmRank.js";

/** Candidates of each cluster the LLM chooses among. */
const CANDIDATES_PER_CLUSTER = 8;

/**
 * SelectLLM (Parkar et al. 2024): cluster the candidates into k groups by k-means on the pool
 * vectors, and let the LLM pick the most useful of a few random members of each cluster, so the
 * batch is both chosen by the LLM and spread over the pool. A cluster the LLM gives no answer for
 * contributes its first member.
 */
export async function llmClusters(input: QueryInput, k: number): Promise<Uint32Array> {
  const { candidates, rng } = input;
  const clusters = kmeans(input.vectors!, candidates, k, rng);
  const members: number[][] = Array.from({ length: k }, () => []);
  clusters.assignment.forEach((cluster, i) => members[cluster].push(candidates[i]));
  const picks = await Promise.all(
    members.map(async (indices) => {
      if (indices.length === 0) return [];
      const shown = shuffleInPlace([...indices], rng).slice(0, CANDIDATES_PER_CLUSTER);
      const chosen = await rankItems(input.llm!, llmItems(input, shown), 1);
      return chosen.length > 0 ? chosen.map(Number) : shown.slice(0, 1);
    }),
  );
  return fillFromCandidates(picks.flat(), candidates, k);
}
