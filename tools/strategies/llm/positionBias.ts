/**
 * Whether a ranking an LLM returned follows the order the candidates were shown in rather than
 * their content: small models asked for "the 10 most useful of 40" answer 1, 2, …, 10 (SmolLM2) or
 * 10, 11, …, 19 (Gemma 3 270M), whatever the texts (README, "Selection with a real model"). Read as
 * positional: at least 5 picks, and at least 80% of consecutive picks in ascending shown order. A
 * ranking by content of shuffled candidates has about half its pairs ascending; ten picks with 8 or
 * more of 9 ascending happen by chance about 3 times in 10,000.
 */
export function looksPositional(shownPositions: readonly number[]): boolean {
  if (shownPositions.length < 5) return false;
  let ascending = 0;
  for (let i = 1; i < shownPositions.length; i++) if (shownPositions[i] > shownPositions[i - 1]) ascending++;
  return ascending >= 0.8 * (shownPositions.length - 1);
}
