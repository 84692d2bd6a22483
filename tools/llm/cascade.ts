/**
 * A NoiseAL-style cascade (Yuan et al. 2024): the answers of a cheap LLM that `worthEscalating`
 * picks (by default those with confidence below a threshold; under the value route, those where the
 * strong model's expected right label is worth its price) are asked again of a stronger one, whose
 * answer replaces the cheap one and adds to its cost. Where the strong model gives no answer, the
 * cheap one's stands.
 */
export async function escalate<A extends { readonly id: string; readonly confidence: number | null; readonly costUsd: number }>(
  answers: readonly A[],
  worthEscalating: (answer: A) => boolean,
  askStrong: (ids: string[]) => Promise<readonly A[]>,
): Promise<A[]> {
  const unsure = answers.filter(worthEscalating).map((answer) => answer.id);
  if (unsure.length === 0) return [...answers];
  const better = new Map((await askStrong(unsure)).map((answer) => [answer.id, answer]));
  return answers.map((answer) => {
    const replaced = better.get(answer.id);
    return replaced ? { ...replaced, costUsd: replaced.costUsd + answer.costUsd } : answer;
  });
}

/** The threshold cascade: escalate what the cheap model is less than `below` sure of. */
export const belowConfidence =
  (below: number) =>
  (answer: { readonly confidence: number | null }): boolean =>
    (answer.confidence ?? 0) < below;
