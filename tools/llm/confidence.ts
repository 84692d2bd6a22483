/** How an LLM label's confidence was obtained; recorded with the label. */
export type ConfidenceMethod = "logprobs" | "self-consistency" | "verbalized";

/**
 * The probability the model gave the `index`-th `"label": "…"` value of its reply: the product of
 * the probabilities of the tokens that spell it (the value's joint probability given what came
 * before). Null when the reply has no logprobs or the tokens do not spell the content.
 */
export function labelProbability(content: string, logprobs: ReadonlyArray<{ token: string; logprob: number }> | null, index: number): number | null {
  if (!logprobs || logprobs.length === 0) return null;
  if (logprobs.map((t) => t.token).join("") !== content) return null;
  const matches = [...content.matchAll(/"label"\s*:\s*"((?:[^"\\]|\\.)*)"/g)];
  const match = matches[index];
  if (!match || match.index === undefined) return null;
  const start = match.index + match[0].length - match[1].length - 1;
  const end = start + match[1].length;
  let logprob = 0;
  let offset = 0;
  for (const token of logprobs) {
    const tokenEnd = offset + token.token.length;
    if (tokenEnd > start && offset < end) logprob += token.logprob;
    offset = tokenEnd;
  }
  return Math.exp(logprob);
}

/** Majority vote over samples, and the share that agrees with it (ties: the label seen first). */
export function selfConsistency(samples: readonly string[]): { label: string; confidence: number } | null {
  if (samples.length === 0) return null;
  const counts = new Map<string, number>();
  for (const label of samples) counts.set(label, (counts.get(label) ?? 0) + 1);
  let best = samples[0];
  for (const [label, count] of counts) if (count > (counts.get(best) ?? 0)) best = label;
  return { label: best, confidence: (counts.get(best) ?? 0) / samples.length };
}
