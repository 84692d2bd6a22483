import { createHash } from "node:crypto";
import { createReadStream, statSync } from "node:fs";
import { availableParallelism } from "node:os";
import { join } from "node:path";
import { Embeddings, type EmbeddingsParams } from "@langchain/core/embeddings";
import { cacheDir } from "../cacheDir.js";
import { resolveModelReference } from "../localModels/nodeLlamaCpp.js";
import { readVectorFile, writeVectorFile } from "../pool/vectorFile.js";
import { LlamaEmbeddingPool } from "./llamaEmbeddingPool.js";

/**
 * Bump when the way vectors are computed changes, so stale cache files are not reused (it is part of
 * the chunk keys here and of the pool-vector keys through embeddingsIdentity). 2: plain attention
 * below 64 tokens (llamaEmbeddingPool.ts), where 1 used flash attention for every text; the vectors
 * agree to cosine 0.9999995 and are as close to sentence-transformers'.
 */
export const LOCAL_EMBEDDINGS_VERSION = 2;

/**
 * Contexts by default: two per core (each runs one thread), at most 8. A text costs a few
 * milliseconds and two thread wake-ups (the JS thread hands the next text to the context's): on a busy
 * machine each wake-up waits its turn, and a second context per core computes meanwhile (trec6, load 9:
 * 51 and 61 texts/s with 2 contexts, 81 and 102 with 4; `npm run bench:embed -- --concurrency 2,4`).
 */
const defaultConcurrency = () => Math.min(2 * availableParallelism(), 8);

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
  /**
   * CPU threads per context (default 1). More than one spins on a busy machine: two threads in one
   * context embedded 4 trec6 questions a second at a load of 7 where one thread did 57.
   */
  readonly threads?: number;
  /**
   * Contexts embedding in parallel, each on its own thread (default: two per core, at most 8). On an
   * idle machine one per core fills it; the second keeps the cores busy while the first waits to be
   * scheduled on a busy one.
   */
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
 * weights (within cosine 0.9999 for all-MiniLM-L6-v2 in F16; see test/realModels/localEmbeddings.test.ts).
 *
 * Vectors are cached on disk in chunks keyed by the model file's content and the chunk's texts, as
 * raw float32 rows (tools/pool/vectorFile.ts): a long pass that is cut short resumes at the first
 * chunk not yet written, and a rerun reads everything back.
 */
export class LocalEmbeddings extends Embeddings {
  private readonly fields: LocalEmbeddingsFields;
  private loaded: Promise<{ pool: LlamaEmbeddingPool; key: string }> | null = null;

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
    const { pool, key } = await this.load();
    const dim = pool.model.embeddingVectorSize;
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
        const vectors = await pool.embed(chunk.map((text) => pool.tokens(text))).catch((error: Error) => {
          throw new Error(`${this.fields.model}: ${error.message}`, { cause: error });
        });
        if (path) writeVectorFile(path, vectors);
        data.set(vectors, start * dim);
      }
      done += chunk.length;
      onProgress?.({ done, total: texts.length, cached });
    }
    return { data, dim };
  }

  private load(): Promise<{ pool: LlamaEmbeddingPool; key: string }> {
    this.loaded ??= (async () => {
      const path = await resolveModelReference(this.fields.model);
      const maxTokens = this.fields.maxTokens ?? 256;
      const concurrency = this.fields.concurrency ?? defaultConcurrency();
      const pool = await LlamaEmbeddingPool.open(path, { maxTokens, concurrency, threads: this.fields.threads ?? 1 });
      if (!pool.model.tokens.bos) throw new Error(`${path}: not a sentence-embedding model (no [CLS] token)`);
      return { pool, key: JSON.stringify([LOCAL_EMBEDDINGS_VERSION, await fileDigest(path), maxTokens]) };
    })().catch((error: unknown) => {
      this.loaded = null;
      throw error;
    });
    return this.loaded;
  }

  /** Frees the contexts (the model stays loaded for other users of the file). */
  async dispose(): Promise<void> {
    const loaded = await this.loaded?.catch(() => null);
    this.loaded = null;
    await loaded?.pool.dispose();
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
