import type { ChatHistoryItem, ChatWrapper, LlamaContext, LlamaContextSequence, LlamaGrammar, LlamaModel, Token } from "node-llama-cpp";
import { loadedModel, llamaRuntime, nodeLlamaCpp } from "../../localModels/nodeLlamaCpp.js";

/** How a model runs: the knobs that decide memory and speed, with defaults for a 2-core laptop. */
export interface LlamaCppRunOptions {
  /**
   * CPU threads per evaluation. Default 1: llama.cpp's threads spin while they wait for each other,
   * so on a machine whose cores are busy with anything else (a test runner, a second model) 2 threads
   * ran 20 times slower than 1; give 2 on an otherwise idle 2-core machine.
   */
  readonly threads?: number;
  /** Tokens a sequence can hold, prompt and reply together. Default 2048. */
  readonly contextSize?: number;
  /** Prompt tokens evaluated per step. Default 512. */
  readonly batchSize?: number;
  /** Calls that can run at once on one model (each gets its own sequence). Default 1. */
  readonly sequences?: number;
}

const DEFAULTS = { threads: 1, contextSize: 2048, batchSize: 512, sequences: 1 } as const;

/**
 * A loaded model with one context and a pool of sequences: a call takes a free sequence and gives
 * it back, so concurrent calls never share one; when all are busy, callers wait in order.
 * A sequence keeps the tokens of its last call, and the next call re-evaluates only from the
 * first token that differs (activegraph's prompts of one task share a long system text).
 */
export class LlamaCppEngine {
  private readonly free: LlamaContextSequence[];
  private readonly waiting: Array<(sequence: LlamaContextSequence) => void> = [];
  private readonly grammars = new Map<string, Promise<LlamaGrammar>>();
  private chatWrapper: ChatWrapper | null = null;

  private constructor(
    readonly model: LlamaModel,
    readonly context: LlamaContext,
    readonly options: Required<LlamaCppRunOptions>,
  ) {
    this.free = Array.from({ length: options.sequences }, () => context.getSequence());
  }

  static async create(reference: string, options: LlamaCppRunOptions = {}, downloadDir?: string): Promise<LlamaCppEngine> {
    const resolved = { ...DEFAULTS, ...options };
    const model = await loadedModel(reference, downloadDir);
    const context = await model.createContext({
      contextSize: Math.min(resolved.contextSize, model.trainContextSize),
      batchSize: resolved.batchSize,
      threads: resolved.threads,
      sequences: resolved.sequences,
    });
    return new LlamaCppEngine(model, context, resolved);
  }

  /** Runs `work` on a sequence of its own. */
  async withSequence<T>(work: (sequence: LlamaContextSequence) => Promise<T>): Promise<T> {
    const sequence = this.free.pop() ?? (await new Promise<LlamaContextSequence>((resolve) => this.waiting.push(resolve)));
    try {
      return await work(sequence);
    } finally {
      const next = this.waiting.shift();
      if (next) next(sequence);
      else this.free.push(sequence);
    }
  }

  /**
   * Makes `sequence` hold exactly `tokens` but the last (kept as the input of the first
   * evaluation, which must run for the next token's probabilities), reusing what it holds.
   * Returns the tokens still to evaluate.
   */
  async prepare(sequence: LlamaContextSequence, tokens: readonly Token[]): Promise<Token[]> {
    if (tokens.length === 0) throw new Error("empty prompt");
    if (tokens.length >= sequence.contextSize)
      throw new Error(`the prompt has ${tokens.length} tokens and does not fit the context of ${sequence.contextSize} (contextSize)`);
    const held = sequence.contextTokens;
    let keep = 0;
    // A sliding-window model forgets old positions, so a partial reuse is not safe there.
    if (this.model.fileInsights.swaSize === undefined) while (keep < held.length && keep < tokens.length - 1 && held[keep] === tokens[keep]) keep++;
    if (keep === 0) await sequence.clearHistory();
    else if (sequence.nextTokenIndex > keep) await sequence.eraseContextTokenRanges([{ start: keep, end: sequence.nextTokenIndex }]);
    return tokens.slice(keep);
  }

  /** The chat rendered by the model's own chat template, ending where the model's reply starts. */
  async chatTokens(turns: ReadonlyArray<{ role: string; content: string }>, replyPrefix = ""): Promise<Token[]> {
    const { resolveChatWrapper, LlamaText } = await nodeLlamaCpp();
    const history: ChatHistoryItem[] = turns.map((turn) =>
      turn.role === "system"
        ? { type: "system", text: turn.content }
        : turn.role === "assistant" || turn.role === "ai"
          ? { type: "model", response: [turn.content] }
          : { type: "user", text: turn.content },
    );
    history.push({ type: "model", response: [] });
    // Resolved once: resolving renders the model's Jinja template against node-llama-cpp's known
    // formats dozens of times (about 0.3 s on one core), and every call, counted by fitToContext and
    // then run, would pay it twice. The wrapper keeps no state between renders (LlamaChat reuses one too).
    this.chatWrapper ??= resolveChatWrapper(this.model);
    const { contextText } = this.chatWrapper.generateContextState({ chatHistory: history });
    const prompt = contextText.tokenize(this.model.tokenizer);
    if (!replyPrefix) return prompt;
    return [...prompt, ...LlamaText(replyPrefix).tokenize(this.model.tokenizer, "trimLeadingSpace")];
  }

  /** A grammar from a JSON schema or GBNF text, made once per engine. */
  grammar(spec: { jsonSchema: object } | { gbnf: string }): Promise<LlamaGrammar> {
    const key = JSON.stringify(spec);
    let grammar = this.grammars.get(key);
    if (!grammar) {
      grammar = llamaRuntime().then((llama) =>
        "gbnf" in spec
          ? llama.createGrammar({ grammar: spec.gbnf })
          : llama.createGrammarForJsonSchema(spec.jsonSchema as Parameters<typeof llama.createGrammarForJsonSchema>[0]),
      );
      this.grammars.set(key, grammar);
      grammar.catch(() => this.grammars.delete(key));
    }
    return grammar;
  }
}

const engines = new Map<string, Promise<LlamaCppEngine>>();

/** One engine per model file and run options per process (the model itself is loaded once per file). */
export function llamaCppEngine(reference: string, options: LlamaCppRunOptions = {}, downloadDir?: string): Promise<LlamaCppEngine> {
  const key = JSON.stringify([reference, { ...DEFAULTS, ...options }, downloadDir ?? null]);
  let engine = engines.get(key);
  if (!engine) {
    engine = LlamaCppEngine.create(reference, options, downloadDir);
    engines.set(key, engine);
    engine.catch(() => engines.delete(key));
  }
  return engine;
}

/** Disposes every engine's context (the models stay loaded: see unloadModels). */
export async function disposeLlamaCppEngines(): Promise<void> {
  const all = [...engines.values()];
  engines.clear();
  await Promise.all(all.map(async (engine) => (await engine.catch(() => null))?.context.dispose()));
}
