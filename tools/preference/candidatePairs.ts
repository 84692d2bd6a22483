import type { Rng } from "../random.js";
import type { CandidatePair } from "./preferenceRecords.js";

/**
 * The preference questions of one prompt: every pair of its distinct candidate responses (at most
 * `max`, in a seeded order), each with A and B drawn by a coin, so neither position nor generator
 * is tied to the better answer.
 */
export function candidatePairs(
  prompt: { id: string; text: string },
  candidates: ReadonlyArray<{ response: string; model: string }>,
  max: number,
  rng: Rng,
): CandidatePair[] {
  const distinct: Array<{ response: string; model: string }> = [];
  for (const candidate of candidates) if (!distinct.some((d) => d.response === candidate.response)) distinct.push(candidate);
  const pairs: Array<[number, number]> = [];
  for (let i = 0; i < distinct.length; i++) for (let j = i + 1; j < distinct.length; j++) pairs.push([i, j]);
  for (let i = pairs.length - 1; i > 0; i--) {
    const j = rng.int(i + 1);
    [pairs[i], pairs[j]] = [pairs[j], pairs[i]];
  }
  return pairs.slice(0, max).map(([i, j]) => {
    const [first, second] = rng.next() < 0.5 ? [distinct[i], distinct[j]] : [distinct[j], distinct[i]];
    return {
      id: `${prompt.id}#${i}-${j}`,
      promptId: prompt.id,
      prompt: prompt.text,
      a: first.response,
      b: second.response,
      modelA: first.model,
      modelB: second.model,
    };
  });
}
