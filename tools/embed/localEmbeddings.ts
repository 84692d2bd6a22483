import { createHash } from "node:crypto";
import { createReadStream, statSync } from "node:fs";
import { join } from "node:path";
import { Embeddings, type EmbeddingsParams } from "@langchain/core/embeddings";
import type { LlamaEmbeddingContext, LlamaModel, Token } from "node-llama-cpp";
import { cacheDir } from "../cacheDir.js";
import { loadedModel, resolveModelReference } from "../localModels/nodeLlamaCpp.js";
import { readVectorFile, writeVectorFile } from "../pool/vectorFile.js";

/** Bump when the way vectors are computed changes, so stale cache files are not reused. */
const LOCAL_EMBEDDINGS_VERSION = 1;

export interface EmbeddingProgress {
  readonly done: number;
  readonly total: number;
  /** Texts read from the cache rather than computed, so far. */
  readonly cached: number;
}

export interface LocalEmbeddingsFields extends EmbeddingsParams {
  /** A GGUF sentence-embedding model (e.g. all-MiniLM-L6-v2 from scripts/install-models.sh). */
  readonly model: string;
  /**
   * Word pieces kept per text, special tokens included; longer texts are cut, as
   * sentence-transformers cuts at the model's max_seq_length (256 for all-MiniLM-L6-v2).
   */
  readonly maxTokens?: number;
  /** CPU threads per context (default 1: see LlamaCppRunOptions.threads on busy machines). */
  readonly threads?: number;
  /** Contexts embedding in parallel (default 1; 2 on an idle 2-core machine with threads 1). */
  readonly concurrency?: number;
  /** Where vectors are cached by model and content; default `<cacheDir>/embeddings`; null: no cache. */
  readonly cacheDir?: string | null;
  /** Texts per cache file, and per progress report. Default 256. */
  readonly chunkSize?: number;
  /** Called after every chunk of a pass. */
  readonly onProgress?: (progress: EmbeddingProgress) => void;
}

/**
 * Sentence embeddings in-process from a local GGUF file through node-llama-cpp (llama.cpp's BERT),
 * offline: L2-normalized mean-pooled vectors, the same as sentence-transformers gives for the same
 * weights (within cosine 0.9999 for all-MiniLM-L6-v2 in F16; see test/localEmbeddings.test.ts).
 *
 * Vectors are cached on disk in chunks keyed by the model file's content and the chunk's texts, as
 * raw float32 rows (tools/pool/vectorFile.ts): a long pass that is cut short resumes at the first
 * chunk not yet written, and a rerun reads everything back.
 */
export class LocalEmbeddings extends Embeddings {
  private readonly fields: LocalEmbeddingsFields;
  private contexts: Promise<{ model: LlamaModel; contexts: LlamaEmbeddingContext[]; key: string }> | null = null;

  constructor(fields: LocalEmbeddingsFields) {
    super(fields);
    this.fields = fields;
  }

  async embedDocuments(texts: string[]): Promise<number[][]> {
    const { data, dim } = await this.embedToFloat32(texts);
    return texts.map((_, i) => Array.from(data.subarray(i * dim, (i + 1) * dim)));
  }

  async embedQuery(text: string): Promise<number[]> {
    return (await this.embedDocuments([text]))[0];
  }

  /** Row-major unit vectors for `texts`, with progress after each chunk. */
  async embedToFloat32(texts: readonly string[], onProgress = this.fields.onProgress): Promise<{ data: Float32Array; dim: number }> {
    const { model, contexts, key } = await this.load();
    const dim = model.embeddingVectorSize;
    const data = new Float32Array(texts.length * dim);
    const chunkSize = this.fields.chunkSize ?? 256;
    const dir = this.fields.cacheDir === null ? null : (this.fields.cacheDir ?? join(cacheDir(), "embeddings"));
    let done = 0;
    let cached = 0;
    for (let start = 0; start < texts.length; start += chunkSize) {
      const chunk = texts.slice(start, start + chunkSize);
      const path = dir ? join(dir, `${chunkKey(key, chunk)}.f32`) : null;
      const hit = path ? readVectorFile(path, chunk.length * dim) : null;
      if (hit) {
        data.set(hit, start * dim);
        cached += chunk.length;
      } else {
        const vectors = await this.compute(model, contexts, chunk, dim);
        if (path) writeVectorFile(path, vectors);
        data.set(vectors, start * dim);
      }
      done += chunk.length;
      onProgress?.({ done, total: texts.length, cached });
    }
    return { data, dim };
  }

  /** Embeds a chunk over the contexts, each taking the next text when it is free. */
  private async compute(model: LlamaModel, contexts: LlamaEmbeddingContext[], texts: readonly string[], dim: number): Promise<Float32Array> {
    const out = new Float32Array(texts.length * dim);
    const maxTokens = this.fields.maxTokens ?? 256;
    let next = 0;
    await Promise.all(
      contexts.map(async (context) => {
        while (next < texts.length) {
          const i = next++;
          // An empty text is [CLS][SEP], as sentence-transformers embeds it (node-llama-cpp would return no vector).
          const tokens: Token[] = [model.tokens.bos ?? (0 as Token), ...model.tokenize(texts[i]).slice(0, Math.max(0, maxTokens - 2))];
          const vector = (await context.getEmbeddingFor(tokens)).vector;
          if (vector.length !== dim) throw new Error(`${this.fields.model}: ${vector.length}-dimensional vector, expected ${dim}`);
          let norm = 0;
          for (const v of vector) norm += v * v;
          norm = Math.sqrt(norm) || 1;
          for (let d = 0; d < dim; d++) out[i * dim + d] = vector[d] / norm;
        }
      }),
    );
    return out;
  }

  private load(): Promise<{ model: LlamaModel; contexts: LlamaEmbeddingContext[]; key: string }> {
    this.contexts ??= (async () => {
      const path = await resolveModelReference(this.fields.model);
      const model = await loadedModel(path);
      if (!model.tokens.bos) throw new Error(`${path}: not a sentence-embedding model (no [CLS] token)`);
      const maxTokens = this.fields.maxTokens ?? 256;
      const contexts = await Promise.all(
        // node-llama-cpp wants the context strictly longer than the input; a BERT batch holds a whole text.
        Array.from({ length: this.fields.concurrency ?? 1 }, () =>
          model.createEmbeddingContext({ contextSize: maxTokens + 1, batchSize: maxTokens + 1, threads: this.fields.threads ?? 1 }),
        ),
      );
      return { model, contexts, key: JSON.stringify([LOCAL_EMBEDDINGS_VERSION, await fileDigest(path), maxTokens]) };
    })().catch((error: unknown) => {
      this.contexts = null;
      throw error;
    });
    return this.contexts;
  }

  /** Frees the contexts (the model stays loaded for other users of the file). */
  async dispose(): Promise<void> {
    const loaded = await this.contexts?.catch(() => null);
    this.contexts = null;
    await Promise.all(loaded?.contexts.map((context) => context.dispose()) ?? []);
  }
}

function chunkKey(modelKey: string, texts: readonly string[]): string {
  const hash = createHash("sha256").update(modelKey);
  for (const text of texts) hash.update(`\u0000${text}`);
  return hash.digest("hex").slice(0, 32);
}

const digests = new Map<string, Promise<string>>();

/** sha256 of a model file, once per file per process (the cache key names the weights, not the path). */
function fileDigest(path: string): Promise<string> {
  const stat = statSync(path);
  const key = `${path}\u0000${stat.size}\u0000${stat.mtimeMs}`;
  let digest = digests.get(key);
  if (!digest) {
    digest = new Promise((resolve, reject) => {
      const hash = createHash("sha256");
      createReadStream(path)
        .on("data", (chunk) => hash.update(chunk))
        .on("error", reject)
        .on("end", () => resolve(hash.digest("hex")));
    });
    digests.set(key, digest);
  }
  return digest;
}
