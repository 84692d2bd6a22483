import { z } from "zod";
import { ConfigError } from "../errors.js";

/** USD per million tokens. */
export const PriceSchema = z
  .object({
    inputPerMTokens: z.number().min(0),
    outputPerMTokens: z.number().min(0),
  })
  .strict();
export type Price = z.infer<typeof PriceSchema>;

/**
 * List prices of common models (USD per 1M tokens, standard tier, as published by OpenAI in 2025).
 * A run can override any of them, and must give a price for a model not listed here: a local
 * server (vLLM, Ollama, llama.cpp) is often free, but activegraph will not guess.
 */
export const PRICE_TABLE: Readonly<Record<string, Price>> = {
  "gpt-4o": { inputPerMTokens: 2.5, outputPerMTokens: 10 },
  "gpt-4o-mini": { inputPerMTokens: 0.15, outputPerMTokens: 0.6 },
  "gpt-4.1": { inputPerMTokens: 2, outputPerMTokens: 8 },
  "gpt-4.1-mini": { inputPerMTokens: 0.4, outputPerMTokens: 1.6 },
  "gpt-4.1-nano": { inputPerMTokens: 0.1, outputPerMTokens: 0.4 },
  "o4-mini": { inputPerMTokens: 1.1, outputPerMTokens: 4.4 },
  "gpt-5": { inputPerMTokens: 1.25, outputPerMTokens: 10 },
  "gpt-5-mini": { inputPerMTokens: 0.25, outputPerMTokens: 2 },
  "gpt-5-nano": { inputPerMTokens: 0.05, outputPerMTokens: 0.4 },
};

/** The price of `model`: the override if given, else the table; an unknown model is an error. */
export function priceFor(model: string, override?: Price): Price {
  if (override) return override;
  const listed = PRICE_TABLE[model];
  if (!listed) {
    throw new ConfigError(
      `no price for model "${model}": give one (inputPerMTokens, outputPerMTokens; 0 for a free local server) or use one of ${Object.keys(PRICE_TABLE).join(", ")}`,
    );
  }
  return listed;
}

export function costUsd(price: Price, inputTokens: number, outputTokens: number): number {
  return (inputTokens * price.inputPerMTokens + outputTokens * price.outputPerMTokens) / 1e6;
}

/** The UTF-8 bytes of a prompt: the basis of every token estimate made before a call. */
function promptBytes(turns: ReadonlyArray<{ readonly content: string }>): number {
  return turns.reduce((sum, turn) => sum + Buffer.byteLength(turn.content, "utf8"), 0);
}

/**
 * The most a call with these turns can cost: input tokens bounded by UTF-8 bytes / 2 (tokenizers
 * average 3–5 bytes a token; CJK about 3), output by maxTokens. Reserved before every call so a
 * budget is never exceeded.
 */
export function worstCaseCallUsd(price: Price, maxTokens: number, turns: ReadonlyArray<{ readonly content: string }>): number {
  return costUsd(price, Math.ceil(promptBytes(turns) / 2) + 8 * turns.length, maxTokens);
}

/** What a call should cost: about four bytes a token in, `outputTokens` out (at most maxTokens). */
export function expectedCallUsd(price: Price, maxTokens: number, turns: ReadonlyArray<{ readonly content: string }>, outputTokens: number): number {
  return costUsd(price, Math.ceil(promptBytes(turns) / 4), Math.min(outputTokens, maxTokens));
}
