import type { LlamaContextSequence, Token } from "node-llama-cpp";

/** The next-token distribution after evaluating `tokens` (the sequence holds them afterwards). */
async function nextDistribution(sequence: LlamaContextSequence, tokens: readonly Token[]): Promise<Map<Token, number>> {
  const last = tokens.length - 1;
  const results = await sequence.controlledEvaluate(tokens.map((token, i) => (i === last ? [token, { generateNext: { probabilities: true } }] : token)));
  const probabilities = results[last]?.next.probabilities;
  if (!probabilities) throw new Error("llama.cpp returned no next-token probabilities");
  return probabilities;
}

/** The probability of `token` in a distribution, floored so its log stays finite. */
const probabilityOf = (distribution: Map<Token, number>, token: Token) => Math.max(distribution.get(token) ?? 0, Number.MIN_VALUE);

/**
 * Each option's log-probability among the options, after `pending` (the prompt's tokens the
 * sequence does not hold yet): at every point where options part, the next-token probability of
 * each branch renormalized over the branches, multiplied along each option's path; a token that
 * every remaining option shares is taken as given. So the options' probabilities sum to 1, and
 * each is what grammar-constrained decoding limited to the options would give it. Only branch
 * points cost a full-vocabulary distribution (one for labels that differ in their first token);
 * deeper branches are evaluated and then erased, leaving the sequence holding the prompt.
 */
export async function optionLogprobs(sequence: LlamaContextSequence, pending: readonly Token[], options: ReadonlyArray<readonly Token[]>): Promise<number[]> {
  const logprobs = options.map(() => 0);
  const walk = async (members: number[], depth: number, next: Map<Token, number>): Promise<void> => {
    const byToken = new Map<Token, number[]>();
    for (const member of members) {
      const token = options[member][depth];
      if (token !== undefined) byToken.set(token, [...(byToken.get(token) ?? []), member]);
    }
    if (byToken.size > 1) {
      const total = [...byToken.keys()].reduce((sum, token) => sum + probabilityOf(next, token), 0);
      for (const [token, group] of byToken) for (const member of group) logprobs[member] += Math.log(probabilityOf(next, token) / total);
    }
    for (const [token, group] of byToken) {
      if (group.length < 2) continue;
      const start = sequence.nextTokenIndex;
      const after = await nextDistribution(sequence, [token]);
      await walk(group, depth + 1, after);
      await sequence.eraseContextTokenRanges([{ start, end: sequence.nextTokenIndex }]);
    }
  };
  await walk(
    options.map((_, i) => i),
    0,
    await nextDistribution(sequence, pending),
  );
  return logprobs;
}

/**
 * The log-probability of each of `tokens` given the ones before it, the first given `context`
 * (the beginning-of-text token). Reads a full distribution at every position: a text's perplexity
 * costs one per token.
 */
export async function tokenLogprobs(sequence: LlamaContextSequence, context: readonly Token[], tokens: readonly Token[]): Promise<number[]> {
  const input = [...context, ...tokens];
  const results = await sequence.controlledEvaluate(
    input.map((token, i) => (i >= context.length - 1 && i < input.length - 1 ? [token, { generateNext: { probabilities: true } }] : token)),
  );
  return tokens.map((token, i) => {
    const distribution = results[context.length - 1 + i]?.next.probabilities;
    if (!distribution) throw new Error("llama.cpp returned no next-token probabilities");
    return Math.log(probabilityOf(distribution, token));
  });
}
