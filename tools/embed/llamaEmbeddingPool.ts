import type { LlamaEmbeddingContext, LlamaModel, Token } from "node-llama-cpp";
import { loadedModel } from "../localModels/nodeLlamaCpp.js";

/**
 * From how many tokens (with [CLS] and [SEP]) a text is embedded with flash attention. llama.cpp's
 * CPU flash-attention kernel takes its tiled path only from 64 query rows on (GGML_FA_TILE_Q in the
 * build node-llama-cpp 3.21.1 ships); below that its one-row path costs about twice what plain
 * attention does (all-MiniLM-L6-v2, one thread: 23 ms against 13 ms at 32 tokens, 57 against 27 at
 * 60), and from 64 on the tiled kernel is the faster one (93 ms against 171 at 254 tokens).
 * `npm run bench:embed` measures the whole pass.
 */
export const FLASH_ATTENTION_FROM_TOKENS = 64;

export interface LlamaEmbeddingPoolOptions {
  /** Contexts embedding in parallel, each on its own thread. */
  readonly concurrency: number;
  /** CPU threads per context. */
  readonly threads: number;
  /** The longest input in tokens, [CLS] and [SEP] included. */
  readonly maxTokens: number;
}

/** One evaluator: a context per attention kernel, each made on first use. */
interface Worker {
  plain: Promise<LlamaEmbeddingContext> | null;
  flash: Promise<LlamaEmbeddingContext> | null;
}

/**
 * Sentence embeddings from a GGUF BERT through node-llama-cpp, several texts at a time: `concurrency`
 * workers each take the next text when free. node-llama-cpp reads one pooled vector per evaluation
 * (sequence 0), so texts cannot share an evaluation; what is saved is the attention kernel that is
 * slow on short inputs, and the graph rebuild between texts of different lengths (texts go in
 * order of length, and llama.cpp reuses the graph of the previous evaluation when the shape matches).
 * A text's vector does not depend on the order, the worker or the other texts.
 */
export class LlamaEmbeddingPool {
  private readonly workers: Worker[];

  private constructor(
    readonly model: LlamaModel,
    private readonly flashModel: LlamaModel,
    private readonly options: LlamaEmbeddingPoolOptions,
  ) {
    this.workers = Array.from({ length: Math.max(1, options.concurrency) }, () => ({ plain: null, flash: null }));
  }

  static async open(path: string, options: LlamaEmbeddingPoolOptions): Promise<LlamaEmbeddingPool> {
    // The same file mapped twice (the pages are shared): node-llama-cpp sets flash attention per model, not per embedding context.
    const [model, flashModel] = await Promise.all([
      loadedModel(path, undefined, { flashAttention: false }),
      loadedModel(path, undefined, { flashAttention: true }),
    ]);
    return new LlamaEmbeddingPool(model, flashModel, options);
  }

  /** The word pieces of `text` after [CLS], cut so that [CLS] … [SEP] fits in maxTokens. */
  tokens(text: string): Token[] {
    // An empty text is [CLS][SEP], as sentence-transformers embeds it (node-llama-cpp would return no vector).
    const cls = this.model.tokens.bos ?? (0 as Token);
    return [cls, ...this.model.tokenize(text).slice(0, Math.max(0, this.options.maxTokens - 2))];
  }

  /** L2-normalized vectors of token sequences (from `tokens`), row-major. */
  async embed(sequences: readonly Token[][]): Promise<Float32Array> {
    const dim = this.model.embeddingVectorSize;
    const out = new Float32Array(sequences.length * dim);
    const order = sequences.map((_, i) => i).sort((a, b) => sequences[a].length - sequences[b].length);
    let next = 0;
    await Promise.all(
      this.workers.map(async (worker) => {
        while (next < order.length) {
          const i = order[next++];
          // +1: node-llama-cpp appends [SEP].
          const context = await this.context(worker, sequences[i].length + 1 >= FLASH_ATTENTION_FROM_TOKENS);
          const vector = (await context.getEmbeddingFor(sequences[i])).vector;
          if (vector.length !== dim) throw new Error(`${vector.length}-dimensional vector, expected ${dim}`);
          let norm = 0;
          for (const v of vector) norm += v * v;
          norm = Math.sqrt(norm) || 1;
          for (let d = 0; d < dim; d++) out[i * dim + d] = vector[d] / norm;
        }
      }),
    );
    return out;
  }

  private context(worker: Worker, flash: boolean): Promise<LlamaEmbeddingContext> {
    const make = () =>
      // node-llama-cpp wants the context strictly longer than the input; a BERT batch holds a whole text.
      (flash ? this.flashModel : this.model).createEmbeddingContext({
        contextSize: this.options.maxTokens + 1,
        batchSize: this.options.maxTokens + 1,
        threads: this.options.threads,
      });
    const kind = flash ? "flash" : "plain";
    let context = worker[kind];
    if (!context) {
      const made = make();
      // A context that failed to be made is made again by the next text, not remembered as failed.
      made.catch(() => worker[kind] === made && (worker[kind] = null));
      worker[kind] = context = made;
    }
    return context;
  }

  /** Frees the contexts (the models stay loaded for other users of the file). */
  async dispose(): Promise<void> {
    const contexts = this.workers.flatMap((worker) => [worker.plain, worker.flash]);
    for (const worker of this.workers) {
      worker.plain = null;
      worker.flash = null;
    }
    await Promise.all(contexts.map(async (context) => (await context?.catch(() => null))?.dispose()));
  }
}
