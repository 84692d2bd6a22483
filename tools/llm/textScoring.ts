import type { ChatTurn } from "./prompts/annotatePrompt.js";

/** What a scoring call returns. */
export interface TextScores {
  /** One log-probability per continuation (`continuations`) or per token of the text (`text`). */
  readonly logprobs: number[];
  /** Tokens the model read, what the call is priced by (nothing is generated). */
  readonly inputTokens: number;
  /** Seconds a local model computed (absent for others). */
  readonly seconds?: number;
}

/**
 * What to score: the continuations of a chat prompt after the start of a reply (the labels of
 * few-shot classification, scored rather than sampled, as GPT-3 was evaluated: Brown et al. 2020),
 * or a text on its own (its tokens' log-probabilities, whose mean gives its perplexity).
 */
export type ScoreRequest =
  | { readonly kind: "continuations"; readonly turns: readonly ChatTurn[]; readonly replyPrefix: string; readonly continuations: readonly string[] }
  | { readonly kind: "text"; readonly text: string };

/**
 * A chat model that can also score text instead of generating it: a local llama.cpp model (it
 * reads its own next-token distributions) and the simulator do; a chat API does not.
 * `continuations` come back as log-probabilities among the continuations (they sum to 1 after
 * exp), `text` as one log-probability per token.
 */
export interface TextScorer {
  scoreText(request: ScoreRequest, signal?: AbortSignal): Promise<TextScores>;
}

export function isTextScorer(model: unknown): model is TextScorer {
  return typeof (model as Partial<TextScorer> | null)?.scoreText === "function";
}

/** The perplexity of a text from its tokens' log-probabilities: exp of their mean negative. */
export function perplexityOf(logprobs: readonly number[]): number {
  if (logprobs.length === 0) return 1;
  return Math.exp(-logprobs.reduce((sum, logprob) => sum + logprob, 0) / logprobs.length);
}
