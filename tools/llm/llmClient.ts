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
import { BudgetExhaustedError, BudgetGuard } from "./budgetGuard.js";
import { failureKind, isFatal, mayBeBilled, type FailureKind } from "./failureKind.js";
import { LlmCallError, LlmFatalError } from "./llmCallError.js";
import { redact } from "../redact.js";
import { isTextScorer, type ScoreRequest, type TextScores } from "./textScoring.js";
import type { ReplyGrammar } from "./providers/replyGrammars.js";

export class LlmTimeoutError extends Error {
  override readonly name = "TimeoutError";
}

export interface LlmCallResult extends CachedResponse {
  /** What the call cost its task, including what earlier attempts of the task paid for the same prompt. */
  readonly usd: number;
  /** Answered from the response cache at no cost: no attempt of this task paid for it. */
  readonly cached: boolean;
}

export interface CallOptions {
  /** Distinct samples of one prompt (self-consistency) use distinct seeds. */
  readonly seed?: number;
  readonly temperature?: number;
  /** Only replies this accepts are cached, so a malformed reply is asked again, not replayed. */
  readonly accept?: (content: string) => boolean;
  readonly signal?: AbortSignal;
  /** The task's budget (and spend journal): each attempt reserves its worst case there before it is sent. */
  readonly guard?: BudgetGuard;
  /**
   * The grammar the reply must follow (the label set, the item ids…), for models that take one
   * (`acceptsGrammar`, a local llama.cpp model); it is then part of the cache key. Other models
   * get the same prompt without it.
   */
  readonly grammar?: ReplyGrammar;
}

/**
 * One chat model as activegraph calls it: at most `concurrency` calls in flight, a timeout per
 * call, retries with backoff on what may pass (tools/llm/failureKind.ts), an immediate stop on what
 * cannot (a refused key, an unknown model), token usage priced in USD, and every valid reply kept
 * in the response cache before the caller sees it. Each attempt is reserved against the task's
 * budget and recorded in its spend journal before it is sent, and settled when it returns.
 * Whatever error leaves here has been through the redactor.
 */
export class LlmClient {
  readonly key: string;
  private readonly limit: LimitFunction;

  constructor(
    readonly config: LlmConfig,
    private readonly model: BaseChatModel,
    readonly price: Price,
    private readonly cache: ResponseCache | null,
    /** What identifies the model beyond its name (a local file's size and time): part of every cache key. */
    readonly identity?: string,
  ) {
    this.key = modelKey(config);
    this.limit = pLimit(config.concurrency);
  }

  async complete(turns: readonly ChatTurn[], options: CallOptions = {}): Promise<LlmCallResult> {
    const guard = options.guard ?? BudgetGuard.unlimited();
    const temperature = options.temperature ?? this.config.temperature;
    const grammar = options.grammar && acceptsGrammar(this.model) ? options.grammar : undefined;
    const key = cacheKey([
      this.key,
      this.config.baseUrl ?? null,
      temperature,
      this.config.maxTokens,
      this.config.logprobs,
      options.seed ?? null,
      turns,
      ...(this.identity !== undefined ? [this.identity] : []),
      ...(grammar ? [grammar] : []),
    ]);
    const prior = guard.claimPrior(key);
    const hit = this.cache?.get(key);
    if (hit && prior) return { ...hit, inputTokens: prior.inputTokens, outputTokens: prior.outputTokens, usd: prior.usd, cached: false };
    if (hit) {
      guard.countCached(this.key);
      return { ...hit, usd: 0, cached: true };
    }
    const worstUsd = this.worstCaseUsd(turns);
    let usd = 0;
    let response: CachedResponse;
    try {
      response = await this.limit(() =>
        withRetry(
          async () => {
            const paid = guard.open(key, this.key, worstUsd);
            const timeout = AbortSignal.timeout(this.config.timeoutMs);
            const signal = options.signal ? AbortSignal.any([options.signal, timeout]) : timeout;
            let reply: CachedResponse;
            try {
              const message = (await this.model.invoke(
                turns.map((turn) => ({ role: turn.role, content: turn.content })),
                {
                  signal,
                  ...(options.seed !== undefined ? { seed: options.seed } : {}),
                  ...(options.temperature !== undefined ? { temperature } : {}),
                  ...(grammar ? { grammar } : {}),
                } as Parameters<BaseChatModel["invoke"]>[1],
              )) as AIMessage;
              reply = toResponse(message, turns);
            } catch (error) {
              // Providers report our timeout as a plain abort; name it, so it is retried like one.
              const named = timeout.aborted && !options.signal?.aborted ? new LlmTimeoutError(`timed out after ${this.config.timeoutMs} ms`) : error;
              if (options.signal?.aborted || mayBeBilled(failureKind(named))) paid.lost();
              else paid.refused();
              throw named;
            }
            // Cached before it is settled: a crash in between leaves the call open, counted at its worst case.
            if (this.cache && (options.accept?.(reply.content) ?? true)) this.cache.put(key, reply);
            usd = costUsd(this.price, reply.inputTokens, reply.outputTokens);
            paid.billed({ usd, inputTokens: reply.inputTokens, outputTokens: reply.outputTokens, seconds: reply.seconds ?? 0 });
            return reply;
          },
          { maxRetries: this.config.maxRetries, baseMs: this.config.retryBaseMs },
          options.signal,
        ),
      );
    } catch (error) {
      throw this.failure(error, options.signal);
    }
    return { ...response, usd: usd + (prior?.usd ?? 0), cached: false };
  }

  /** The error a failed call leaves with: budget and aborts as they are, the rest classified and redacted. */
  private failure(error: unknown, signal?: AbortSignal): unknown {
    if (error instanceof BudgetExhaustedError || signal?.aborted) return error;
    const kind = failureKind(error);
    const message = redact(
      String((error as Error)?.message ?? error)
        .split("\n")[0]
        .trim(),
    );
    if (isFatal(kind)) return new LlmFatalError(kind, `${this.where()}: ${FATAL_ADVICE[kind]} (${message})`);
    return new LlmCallError(kind, message);
  }

  /** The model and where it is served, for messages. */
  private where(): string {
    return `LLM ${this.key}${this.config.baseUrl ? ` at ${redact(this.config.baseUrl)}` : ""}`;
  }

  /** The chat model behind the client (for what a provider offers beyond chat: a local model's tokenizer and context). */
  get chatModel(): BaseChatModel {
    return this.model;
  }

  /** The most a call with these turns can cost (reserved before every call). */
  worstCaseUsd(turns: readonly ChatTurn[]): number {
    return worstCaseCallUsd(this.price, this.config.maxTokens, turns);
  }

  /** Whether the model scores text (tools/llm/textScoring.ts): a local llama.cpp model, the simulator. */
  get scoresText(): boolean {
    return isTextScorer(this.model);
  }

  /**
   * Scores text without generating (label continuations, a text's token logprobs), with the same
   * concurrency limit, retries, budget reservation (journaled with the task's guard), pricing
   * (input tokens only) and response cache as `complete`.
   */
  async score(
    request: ScoreRequest,
    options: Pick<CallOptions, "signal" | "guard"> = {},
  ): Promise<TextScores & { readonly usd: number; readonly cached: boolean }> {
    const model = this.model;
    if (!isTextScorer(model)) throw new Error(`${this.key} cannot score text: it only generates (use inference "generate")`);
    const guard = options.guard ?? BudgetGuard.unlimited();
    const key = cacheKey([this.key, this.config.baseUrl ?? null, "score", request]);
    const hit = this.cache?.get(key);
    if (hit) {
      guard.countCached(this.key);
      return { logprobs: JSON.parse(hit.content) as number[], inputTokens: hit.inputTokens, usd: 0, cached: true };
    }
    const worstUsd = this.worstCaseScoreUsd(request);
    try {
      const scores = await this.limit(() =>
        withRetry(
          async () => {
            const paid = guard.open(key, this.key, worstUsd);
            let result: TextScores;
            try {
              result = await model.scoreText(request, options.signal);
            } catch (error) {
              // A local model bills nothing; a remote scorer may have, as for `complete`.
              if (options.signal?.aborted || mayBeBilled(failureKind(error))) paid.lost();
              else paid.refused();
              throw error;
            }
            // A local scorer's compute seconds go into the journal, which the paradigm graphs book their ledgers from.
            paid.billed({ usd: costUsd(this.price, result.inputTokens, 0), inputTokens: result.inputTokens, outputTokens: 0, seconds: result.seconds ?? 0 });
            return result;
          },
          { maxRetries: this.config.maxRetries, baseMs: this.config.retryBaseMs },
          options.signal,
        ),
      );
      this.cache?.put(key, {
        content: JSON.stringify(scores.logprobs),
        inputTokens: scores.inputTokens,
        outputTokens: 0,
        logprobs: null,
        ...(scores.seconds !== undefined ? { seconds: scores.seconds } : {}),
      });
      return { ...scores, usd: costUsd(this.price, scores.inputTokens, 0), cached: false };
    } catch (error) {
      throw this.failure(error, options.signal);
    }
  }

  /** The most a scoring call can cost: its text at two bytes a token, nothing generated. */
  worstCaseScoreUsd(request: ScoreRequest): number {
    const turns = request.kind === "text" ? [{ content: request.text }] : [...request.turns, { content: request.replyPrefix + request.continuations.join("") }];
    return worstCaseCallUsd(this.price, 0, turns);
  }
}

const FATAL_ADVICE: Partial<Record<FailureKind, string>> = {
  auth: "the provider refused the API key; set a valid OPENAI_API_KEY (or the key of your provider) that may use this model",
  unknownModel: "the provider does not know this model (or the base URL is wrong); check --llm-model and --llm-base-url",
};

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
    // Compute time a local model reports (0 for remote ones: their time is not this machine's).
    ...(typeof (message.response_metadata as { seconds?: unknown })?.seconds === "number"
      ? { seconds: (message.response_metadata as { seconds: number }).seconds }
      : {}),
  };
}

/** Whether a chat model takes a grammar per call (a local llama.cpp model does, and it always returns logprobs). */
export function acceptsGrammar(model: BaseChatModel): boolean {
  return (model as { acceptsGrammar?: unknown }).acceptsGrammar === true;
}
