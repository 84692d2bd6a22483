import type { EmbeddingsInterface } from "@langchain/core/embeddings";
import { ConfigError } from "../errors.js";
import { normalizeRows } from "../linalg/dense.js";
import { installedEmbeddingNames, installedEmbeddingWeights, installedEmbeddings } from "./localEmbeddingModels.js";
import { type EmbeddingProgress, LocalEmbeddings } from "./localEmbeddings.js";

/**
 * LangChain `Embeddings` registered by name. A run config is JSON and cannot hold a model object,
 * so code registers one (`registerEmbeddings("openai-small", new OpenAIEmbeddings({...}))`) and the
 * config names it (`representation: { features: "embeddings", embeddings: "openai-small" }`, or
 * `vectors: { source: "embeddings", name: "openai-small" }` for the strategies alone). A name not
 * registered may be a local model that scripts/install-models.sh installed (all-minilm-l6-v2-gguf).
 */
const registry = new Map<string, EmbeddingsInterface>();

export function registerEmbeddings(name: string, embeddings: EmbeddingsInterface): void {
  registry.set(name, embeddings);
}

export function getEmbeddings(name: string): EmbeddingsInterface {
  const embeddings = registry.get(name) ?? installedEmbeddings(name);
  if (!embeddings) {
    const known = [...registry.keys(), ...installedEmbeddingNames()];
    throw new ConfigError(
      `embeddings "${name}": no Embeddings registered under that name (call registerEmbeddings first) and no local model of that name installed${known.length > 0 ? ` (known: ${known.join(", ")})` : ""}`,
    );
  }
  return embeddings;
}

/**
 * What names an installed model's weights beyond its name (the package and file size) and the way
 * its vectors are computed, so cached vectors are not reused after the install script brings other
 * weights or the computation changes; nothing for a registered Embeddings, whose name is the whole
 * key (rename it when the model changes).
 */
export function embeddingsIdentity(name: string): { readonly weights?: string; readonly computed?: number } {
  return registry.has(name) ? {} : installedEmbeddingWeights(name);
}

/** Whether `name` is registered or installed: checked before a run starts, so a missing model stops it in one line. */
export function checkEmbeddings(name: string): void {
  getEmbeddings(name);
}

/**
 * Embeds texts in batches into one row-major Float32Array of unit vectors, reporting progress at
 * the start and after every batch. Local models embed through their chunked disk cache.
 */
export async function embedTexts(
  embeddings: EmbeddingsInterface,
  texts: readonly string[],
  batchSize: number,
  onProgress?: (progress: EmbeddingProgress) => void,
): Promise<{ data: Float32Array; dim: number }> {
  if (texts.length === 0) throw new Error("no texts to embed");
  onProgress?.({ done: 0, total: texts.length, cached: 0 });
  if (embeddings instanceof LocalEmbeddings) return embeddings.embedToFloat32(texts, onProgress);
  let data: Float32Array | null = null;
  let dim = 0;
  for (let start = 0; start < texts.length; start += batchSize) {
    const batch = await embeddings.embedDocuments(texts.slice(start, start + batchSize) as string[]);
    if (batch.length !== Math.min(batchSize, texts.length - start))
      throw new Error(`embeddings returned ${batch.length} vectors for ${Math.min(batchSize, texts.length - start)} texts`);
    for (let i = 0; i < batch.length; i++) {
      if (!data) {
        dim = batch[i].length;
        if (dim === 0) throw new Error("embeddings returned an empty vector");
        data = new Float32Array(texts.length * dim);
      }
      if (batch[i].length !== dim) throw new Error(`embeddings returned vectors of ${batch[i].length} and ${dim} dimensions`);
      data.set(batch[i], (start + i) * dim);
    }
    onProgress?.({ done: start + batch.length, total: texts.length, cached: 0 });
  }
  if (!data) throw new Error("no texts to embed");
  return { data: normalizeRows(data, dim), dim };
}
