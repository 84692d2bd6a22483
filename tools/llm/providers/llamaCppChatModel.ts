import { BaseChatModel, type BaseChatModelCallOptions, type BaseChatModelParams } from "@langchain/core/language_models/chat_models";
import { AIMessage, type BaseMessage } from "@langchain/core/messages";
import type { ChatResult } from "@langchain/core/outputs";
import type { GbnfJsonSchema, LlamaGrammar, Token } from "node-llama-cpp";
import { nodeLlamaCpp } from "../../localModels/nodeLlamaCpp.js";
import type { ChatTurn } from "../prompts/annotatePrompt.js";
import { grammarForPrompt } from "./answerSchemas.js";
import { llamaCppEngine, type LlamaCppEngine, type LlamaCppRunOptions } from "./llamaCppEngine.js";
import { JsonEnd } from "./jsonEnd.js";
import { optionLogprobs, tokenLogprobs } from "./llamaCppScoring.js";
import type { ScoreRequest, TextScorer, TextScores } from "../textScoring.js";
import { answerTemplate, type ReplyTemplate } from "./templateReply.js";
import { TokenPieces, type TokenLogprob } from "./tokenPieces.js";

export type { TokenLogprob } from "./tokenPieces.js";

/**
 * Output constrained by a grammar: a JSON schema (node-llama-cpp's subset; the model may lay the
 * JSON out with any whitespace) or GBNF text (`json: true` when it spells one JSON value, so the
 * reply ends where the value closes).
 */
export type LlamaCppGrammar = ({ readonly jsonSchema: GbnfJsonSchema } | { readonly gbnf: string; readonly json?: boolean }) & {
  /** The same reply as a template: answered by reading the model's distribution over each slot's options (templateReply.ts). */
  readonly template?: ReplyTemplate;
};

export interface LlamaCppCallOptions extends BaseChatModelCallOptions {
  /** The grammar of this call's reply; null for none. Default: the model's `grammarFor`. */
  grammar?: LlamaCppGrammar | null;
  temperature?: number;
  /** Distinct seeds give distinct samples at temperature > 0 (as OpenAI's `seed`). */
  seed?: number;
  maxTokens?: number;
}

export interface LlamaCppChatModelFields extends BaseChatModelParams, LlamaCppRunOptions {
  /**
   * A local GGUF file, or a Hugging Face reference (`hf:<user>/<repo>/<file>.gguf`) that
   * node-llama-cpp downloads into `downloadDir` on first use (needs network then; not after).
   */
  readonly model: string;
  /** The name the ledger and caches know the model by; default the file name. */
  readonly modelName?: string;
  readonly downloadDir?: string;
  /** 0 (default) is greedy decoding. */
  readonly temperature?: number;
  readonly seed?: number;
  readonly maxTokens?: number;
  /**
   * The grammar a call gets when it names none. Default: activegraph's annotation and Ask-LLM
   * prompts are recognized and constrained to their label set and item ids (grammarForPrompt).
   */
  readonly grammarFor?: (turns: readonly Turn[]) => LlamaCppGrammar | null;
}

export interface YesNoProbability {
  /** P(yes) / (P(yes) + P(no)) over the model's next-token distribution. */
  readonly yes: number;
  /** P(yes) + P(no): how much of the distribution answers the question at all. */
  readonly mass: number;
}

const defaultGrammarFor = (turns: readonly Turn[]): LlamaCppGrammar | null => {
  // Assistant turns are not part of activegraph's prompts; the parsers read system and user turns.
  return grammarForPrompt(turns.filter((turn): turn is ChatTurn => turn.role !== "assistant"));
};

/**
 * A GGUF model in-process through node-llama-cpp, as a LangChain chat model. Over
 * `@langchain/community`'s ChatLlamaCpp it adds what activegraph's LLM roles need: the reply's
 * token logprobs where ChatOpenAI puts them (`response_metadata.logprobs.content`, read by
 * tools/llm/confidence.ts), real token counts in `usage_metadata`, a grammar per call (a label
 * outside the set cannot be produced), temperature and seed per call, concurrency-safe calls (a
 * sequence each), and P("yes") from the next-token distribution (`yesProbability`).
 *
 * Logprobs are those of the distribution the token was drawn from, after the grammar: where the
 * grammar allows one token its probability is 1, and a label's probability is its share among the
 * labels the grammar allows (at temperature 0, of the model's own distribution; above, tempered).
 */
export class LlamaCppChatModel extends BaseChatModel<LlamaCppCallOptions> implements TextScorer {
  readonly modelName: string;
  /** Takes a grammar per call (LlmClient forwards a role's grammar only to models that do). */
  readonly acceptsGrammar = true;
  private readonly fields: LlamaCppChatModelFields;
  private enginePromise: Promise<LlamaCppEngine> | null = null;

  constructor(fields: LlamaCppChatModelFields) {
    super(fields);
    this.fields = fields;
    this.modelName = fields.modelName ?? fields.model.split(/[\\/]/).pop() ?? fields.model;
  }

  static override lc_name(): string {
    return "LlamaCppChatModel";
  }

  _llmType(): string {
    return "llama-cpp";
  }

  /** Loads the model and makes its context (once; later calls reuse them). */
  engine(): Promise<LlamaCppEngine> {
    this.enginePromise ??= llamaCppEngine(this.fields.model, this.fields, this.fields.downloadDir).catch((error: unknown) => {
      this.enginePromise = null;
      throw error;
    });
    return this.enginePromise;
  }

  async _generate(messages: BaseMessage[], options: this["ParsedCallOptions"]): Promise<ChatResult> {
    const engine = await this.engine();
    const turns = messages.map(toTurn);
    const spec = options.grammar !== undefined ? options.grammar : (this.fields.grammarFor ?? defaultGrammarFor)(turns);
    const template = spec?.template;
    const grammar = spec && !template ? await engine.grammar(spec) : null;
    const tokens = await engine.chatTokens(turns);
    const temperature = options.temperature ?? this.fields.temperature ?? 0;
    const seed = options.seed ?? this.fields.seed ?? 0;
    const maxTokens = options.maxTokens ?? this.fields.maxTokens ?? 512;
    const started = performance.now();
    const reply = await engine.withSequence(async (sequence) => {
      const input = await engine.prepare(sequence, tokens);
      if (template) {
        const answered = await answerTemplate(engine, sequence, input, template, { temperature, seed, signal: options.signal });
        return { ...answered, evaluatedInputTokens: input.length, finishReason: "stop" as const };
      }
      return this.runGeneration(engine, sequence, input, tokens, {
        grammar,
        json: spec ? "jsonSchema" in spec || spec.json === true : false,
        temperature,
        seed,
        maxTokens,
        signal: options.signal,
      });
    });
    const seconds = (performance.now() - started) / 1000;
    const usage = { input_tokens: tokens.length, output_tokens: reply.outputTokens, total_tokens: tokens.length + reply.outputTokens };
    const message = new AIMessage({
      content: reply.content,
      usage_metadata: usage,
      response_metadata: {
        model_provider: "llama-cpp",
        model_name: this.modelName,
        finish_reason: reply.finishReason,
        logprobs: { content: reply.logprobs },
        // Prompt tokens actually evaluated: fewer than input_tokens when the sequence already held the prompt's start.
        evaluated_input_tokens: reply.evaluatedInputTokens,
        seconds,
      },
    });
    return {
      generations: [{ text: reply.content, message }],
      llmOutput: { tokenUsage: { promptTokens: usage.input_tokens, completionTokens: usage.output_tokens } },
    };
  }

  private async runGeneration(
    engine: LlamaCppEngine,
    sequence: Parameters<Parameters<LlamaCppEngine["withSequence"]>[0]>[0],
    input: Token[],
    prompt: readonly Token[],
    settings: { grammar: LlamaGrammar | null; json: boolean; temperature: number; seed: number; maxTokens: number; signal?: AbortSignal },
  ): Promise<{ content: string; logprobs: TokenLogprob[]; outputTokens: number; evaluatedInputTokens: number; finishReason: "stop" | "length" }> {
    const { LlamaGrammarEvaluationState } = await nodeLlamaCpp();
    const grammarEvaluationState = settings.grammar ? new LlamaGrammarEvaluationState({ model: engine.model, grammar: settings.grammar }) : undefined;
    const pieces = new TokenPieces((tokens, last) => engine.model.detokenize(tokens as Token[], false, last as Token[]), prompt.slice(-8) as number[]);
    let finishReason: "stop" | "length" = "stop";
    // A JSON-schema grammar's reply ends when its object closes; other grammars end with the model
    // or at four newlines in a row (node-llama-cpp's own stop trigger for grammars).
    const jsonEnd = settings.grammar && settings.json ? new JsonEnd() : null;
    let text = "";
    settings.signal?.throwIfAborted();
    const generation = sequence.evaluateWithMetadata(
      input,
      { confidence: true },
      {
        temperature: settings.temperature,
        seed: settings.seed,
        grammarEvaluationState,
      },
    );
    for await (const next of generation) {
      settings.signal?.throwIfAborted();
      pieces.push(next.token, Math.log(Math.max(next.confidence, Number.MIN_VALUE)));
      const piece = engine.model.detokenize([next.token]);
      if (jsonEnd?.push(piece)) break;
      text = (text + piece).slice(-4);
      if (settings.grammar && text === "\n\n\n\n") break;
      if (pieces.length >= settings.maxTokens) {
        finishReason = "length";
        break;
      }
    }
    const logprobs = pieces.entries();
    if (settings.grammar?.trimWhitespaceSuffix) {
      while (logprobs.length > 0 && logprobs[logprobs.length - 1].token.trim() === "") logprobs.pop();
      if (logprobs.length > 0) logprobs[logprobs.length - 1] = { ...logprobs[logprobs.length - 1], token: logprobs[logprobs.length - 1].token.trimEnd() };
    }
    return {
      content: logprobs.map((piece) => piece.token).join(""),
      logprobs,
      outputTokens: pieces.length,
      evaluatedInputTokens: input.length,
      finishReason,
    };
  }

  /** Tokens of the prompt as this model reads it (its chat template and tokenizer). */
  async promptTokens(turns: ReadonlyArray<Turn>): Promise<number> {
    return (await (await this.engine()).chatTokens(turns)).length;
  }

  /** Tokens a call can hold, prompt and reply together. */
  async contextSize(): Promise<number> {
    return (await this.engine()).context.contextSize;
  }

  /**
   * Scores without sampling (tools/llm/textScoring.ts), from the model's own next-token
   * distributions: the continuations of a chat prompt after `replyPrefix` (few-shot labels), each
   * a log-probability among the continuations (llamaCppScoring.ts: `optionLogprobs`); or a text's
   * tokens after the beginning-of-text token, for its perplexity (Margatina et al. 2023).
   */
  async scoreText(request: ScoreRequest, signal?: AbortSignal): Promise<TextScores> {
    const engine = await this.engine();
    const started = performance.now();
    signal?.throwIfAborted();
    if (request.kind === "text") {
      const tokens = engine.model.tokenize(request.text);
      const bos = engine.model.tokens.bos;
      const context = bos !== null ? [bos] : tokens.slice(0, 1);
      const scored = bos !== null ? tokens : tokens.slice(1);
      if (scored.length === 0) return { logprobs: [], inputTokens: tokens.length, seconds: 0 };
      const logprobs = await engine.withSequence(async (sequence) => {
        await sequence.clearHistory();
        return tokenLogprobs(sequence, context, scored);
      });
      return { logprobs, inputTokens: context.length + scored.length, seconds: (performance.now() - started) / 1000 };
    }
    const prompt = await engine.chatTokens(request.turns, request.replyPrefix);
    const options = request.continuations.map((text) => engine.model.tokenize(text, false, "trimLeadingSpace"));
    if (options.some((tokens) => tokens.length === 0)) throw new Error("an empty continuation cannot be scored");
    const logprobs = await engine.withSequence(async (sequence) => optionLogprobs(sequence, await engine.prepare(sequence, prompt), options));
    const inputTokens = prompt.length + options.reduce((sum, tokens) => sum + tokens.length, 0);
    return { logprobs, inputTokens, seconds: (performance.now() - started) / 1000 };
  }

  /**
   * P("yes") for a yes/no question (Ask-LLM, Sachdeva et al. 2024), from the model's real
   * next-token distribution where its reply starts (after `replyPrefix`, e.g. `{"answer": "`):
   * the probability of the tokens that begin "yes" (any case, any leading space or quote), against
   * those that begin "no". Nothing is sampled.
   */
  async yesProbability(turns: ReadonlyArray<Turn>, replyPrefix = ""): Promise<YesNoProbability> {
    const engine = await this.engine();
    const tokens = await engine.chatTokens(turns, replyPrefix);
    const probabilities = await engine.withSequence(async (sequence) => {
      const input = await engine.prepare(sequence, tokens);
      const last = input.length - 1;
      const results = await sequence.controlledEvaluate(input.map((token, i) => (i === last ? [token, { generateNext: { probabilities: true } }] : token)));
      return results[last]?.next.probabilities;
    });
    if (!probabilities) throw new Error("llama.cpp returned no next-token probabilities");
    let yes = 0;
    let no = 0;
    for (const [token, probability] of probabilities) {
      const text = engine.model
        .detokenize([token])
        .trim()
        .replace(/^["'“‘]+/, "")
        .toLowerCase();
      if (text.length === 0) continue;
      if ("yes".startsWith(text)) yes += probability;
      else if ("no".startsWith(text)) no += probability;
    }
    const mass = yes + no;
    return { yes: mass > 0 ? yes / mass : 0.5, mass };
  }
}

/** A chat turn as the model's chat template takes it. */
export interface Turn {
  readonly role: "system" | "user" | "assistant";
  readonly content: string;
}

function toTurn(message: BaseMessage): Turn {
  const type = message._getType();
  const content = typeof message.content === "string" ? message.content : message.content.map((part) => ("text" in part ? part.text : "")).join("");
  return { role: type === "system" ? "system" : type === "ai" ? "assistant" : "user", content };
}
