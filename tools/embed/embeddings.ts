import type { EmbeddingsInterface } from "@langchain/core/embeddings";
import { ConfigError } from "../errors.js";
import { normalizeRows } from "../linalg/dense.js";

/**
 * LangChain `Embeddings` registered by name. A run config is JSON and cannot hold a model object,
 * so code registers one (`registerEmbeddings("openai-small", new OpenAIEmbeddings({...}))`) and the
 * config names it (`vectors: { source: "embeddings", name: "openai-small" }`).
 */
const registry = new Map<string, EmbeddingsInterface>();

export function registerEmbeddings(name: string, embeddings: EmbeddingsInterface): void {
  registry.set(name, embeddings);
}

export function getEmbeddings(name: string): EmbeddingsInterface {
  const embeddings = registry.get(name);
  if (!embeddings) {
    const known = [...registry.keys()];
    throw new ConfigError(
      `vectors.name "${name}": no Embeddings registered under that name (call registerEmbeddings first${known.length > 0 ? `; registered: ${known.join(", ")}` : ""})`,
    );
  }
  return embeddings;
}

/** Embeds texts in batches into one row-major Float32Array of unit vectors. */
export async function embedTexts(embeddings: EmbeddingsInterface, texts: readonly string[], batchSize: number): Promise<{ data: Float32Array; dim: number }> {
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
  }
  if (!data) throw new Error("no texts to embed");
  return { data: normalizeRows(data, dim), dim };
}
