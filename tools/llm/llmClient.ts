import type { BaseChatModel } from "@langchain/core/language_models/chat_models";
import type { AIMessage } from "@langchain/core/messages";
import pLimit, { type LimitFunction } from "p-limit";
import type { Price } from "./prices.js";
import { costUsd, worstCaseCallUsd } from "./prices.js";
import type { ChatTurn } from "./prompts/annotatePrompt.js";
import { cacheKey, type CachedResponse, type ResponseCache } from "./responseCache.js";
import { withRetry } from "./retry.js";
import type { LlmConfig } from "./config.js";
import { modelKey } from "./config.js";

export class LlmTimeoutError extends Error {
  override readonly name = "TimeoutError";
}

export interface LlmCallResult extends CachedResponse {
  readonly usd: number;
  /** Answered from the response cache: nothing was paid. */
  readonly cached: boolean;
}

export interface CallOptions {
  /** Distinct samples of one prompt (self-consistency) use distinct seeds. */
  readonly seed?: number;
  readonly temperature?: number;
  /** Only replies this accepts are cached, so a malformed reply is asked again, not replayed. */
  readonly accept?: (content: string) => boolean;
  readonly signal?: AbortSignal;
}

/**
 * One chat model as activegraph calls it: at most `concurrency` calls in flight, a timeout per
 * call, retries with backoff on 429, 5xx and timeouts, token usage priced in USD, and every valid
 * reply kept in the response cache before the caller sees it.
 */
export class LlmClient {
  readonly key: string;
  private readonly limit: LimitFunction;

  constructor(
    readonly config: LlmConfig,
    private readonly model: BaseChatModel,
    readonly price: Price,
    private readonly cache: ResponseCache | null,
  ) {
    this.key = modelKey(config);
    this.limit = pLimit(config.concurrency);
  }

  async complete(turns: readonly ChatTurn[], options: CallOptions = {}): Promise<LlmCallResult> {
    const temperature = options.temperature ?? this.config.temperature;
    const key = cacheKey([this.key, this.config.baseUrl ?? null, temperature, this.config.maxTokens, this.config.logprobs, options.seed ?? null, turns]);
    const hit = this.cache?.get(key);
    if (hit) return { ...hit, usd: 0, cached: true };
    const response = await this.limit(() =>
      withRetry(
        async () => {
          const timeout = AbortSignal.timeout(this.config.timeoutMs);
          const signal = options.signal ? AbortSignal.any([options.signal, timeout]) : timeout;
          try {
            const message = (await this.model.invoke(
              turns.map((turn) => ({ role: turn.role, content: turn.content })),
              {
                signal,
                ...(options.seed !== undefined ? { seed: options.seed } : {}),
                ...(options.temperature !== undefined ? { temperature } : {}),
              } as Parameters<BaseChatModel["invoke"]>[1],
            )) as AIMessage;
            return toResponse(message, turns);
          } catch (error) {
            // Providers report our timeout as a plain abort; name it, so it is retried like one.
            if (timeout.aborted && !options.signal?.aborted) throw new LlmTimeoutError(`timed out after ${this.config.timeoutMs} ms`);
            throw error;
          }
        },
        { maxRetries: this.config.maxRetries, baseMs: this.config.retryBaseMs },
        options.signal,
      ),
    );
    if (this.cache && (options.accept?.(response.content) ?? true)) this.cache.put(key, response);
    return { ...response, usd: costUsd(this.price, response.inputTokens, response.outputTokens), cached: false };
  }

  /** The most a call with these turns can cost (reserved before every call). */
  worstCaseUsd(turns: readonly ChatTurn[]): number {
    return worstCaseCallUsd(this.price, this.config.maxTokens, turns);
  }
}

function toResponse(message: AIMessage, turns: readonly ChatTurn[]): CachedResponse {
  const content = typeof message.content === "string" ? message.content : message.content.map((part) => ("text" in part ? part.text : "")).join("");
  const usage = message.usage_metadata;
  const raw = (message.response_metadata as { logprobs?: { content?: Array<{ token: string; logprob: number }> } })?.logprobs?.content;
  return {
    content,
    // Without reported usage, count conservatively rather than for free.
    inputTokens: usage?.input_tokens ?? Math.ceil(turns.reduce((sum, turn) => sum + Buffer.byteLength(turn.content, "utf8"), 0) / 2),
    outputTokens: usage?.output_tokens ?? Math.ceil(Buffer.byteLength(content, "utf8") / 2),
    logprobs: raw ? raw.map(({ token, logprob }) => ({ token, logprob })) : null,
  };
}
