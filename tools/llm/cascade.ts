/**
 * A NoiseAL-style cascade (Yuan et al. 2024): answers a cheap LLM gave with confidence below
 * `below` are asked again of a stronger one, whose answer replaces the cheap one and adds to its
 * cost. Where the strong model gives no answer, the cheap one's stands.
 */
export async function escalate<A extends { readonly id: string; readonly confidence: number | null; readonly costUsd: number }>(
  answers: readonly A[],
  below: number,
  askStrong: (ids: string[]) => Promise<readonly A[]>,
): Promise<A[]> {
  const unsure = answers.filter((answer) => (answer.confidence ?? 0) < below).map((answer) => answer.id);
  if (unsure.length === 0) return [...answers];
  const better = new Map((await askStrong(unsure)).map((answer) => [answer.id, answer]));
  return answers.map((answer) => {
    const replaced = better.get(answer.id);
    return replaced ? { ...replaced, costUsd: replaced.costUsd + answer.costUsd } : answer;
  });
}
