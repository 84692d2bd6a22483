import { readdirSync, statSync, truncateSync } from "node:fs";
import { join } from "node:path";
import { afterAll, describe, expect, it, vi } from "vitest";
import { FLASH_ATTENTION_FROM_TOKENS, LlamaEmbeddingPool } from "../../tools/embed/llamaEmbeddingPool.js";
import { LocalEmbeddings, type EmbeddingProgress } from "../../tools/embed/localEmbeddings.js";
import { LOCAL_MODELS, localModel, localModelsMissing, readModelManifest } from "../../tools/localModels/manifest.js";
import { nodeLlamaCppMissing } from "../../tools/localModels/nodeLlamaCpp.js";
import { minilmReferenceVectors } from "../../evals/referenceVectors.js";
import { tempDir } from "../helpers/tmp.js";

// The real all-MiniLM-L6-v2, from a local file: skips (saying what to install) when it is not there.
const missing = localModelsMissing() ?? (await nodeLlamaCppMissing());

const dot = (a: ArrayLike<number>, b: ArrayLike<number>) => {
  let sum = 0;
  for (let i = 0; i < a.length; i++) sum += a[i] * b[i];
  return sum;
};

if (missing) {
  it.skip(missing, () => {});
} else {
  const model = localModel(LOCAL_MODELS.minilmGguf).path;
  const made: LocalEmbeddings[] = [];
  const embeddings = (fields: Partial<ConstructorParameters<typeof LocalEmbeddings>[0]> = {}) => {
    const e = new LocalEmbeddings({ model, cacheDir: tempDir(), ...fields });
    made.push(e);
    return e;
  };
  afterAll(() => Promise.all(made.map((e) => e.dispose())));

  describe("local sentence embeddings, all-MiniLM-L6-v2 (GGUF F16) through node-llama-cpp", () => {
    it("are the vectors sentence-transformers computes from the same weights, read from a local file with no network", async () => {
      vi.stubGlobal("fetch", () => Promise.reject(new Error("the network was used")));
      // Reference vectors written by scripts/install-models.sh from the fp32 safetensors weights.
      const reference = minilmReferenceVectors().short;
      const vectors = await embeddings().embedDocuments(reference.sentences);
      expect(vectors).toHaveLength(reference.sentences.length);
      reference.vectors.forEach((expected, i) => {
        expect(vectors[i]).toHaveLength(384);
        expect(dot(vectors[i], expected), JSON.stringify(reference.sentences[i])).toBeGreaterThan(0.9999);
      });
      vi.unstubAllGlobals();
    });

    it("are sentence-transformers' vectors for texts of 64 tokens and more too (flash attention), cut at 256 as it cuts them", async () => {
      // Reference vectors from the same numpy pipeline (scripts/models/prepare_models.py), committed with the command that made them.
      const reference = minilmReferenceVectors().long;
      const e = embeddings({ concurrency: 2 });
      const vectors = await e.embedDocuments(reference.sentences);
      reference.vectors.forEach((expected, i) => expect(dot(vectors[i], expected), `text ${i}`).toBeGreaterThan(0.9999));
      // The texts straddle the kernels: one past 64 tokens, one past 128, one past the 256 cut.
      const pool = await LlamaEmbeddingPool.open(model, { concurrency: 1, threads: 1, maxTokens: 1000 });
      const lengths = reference.sentences.map((text) => pool.tokens(text).length + 1);
      await pool.dispose();
      expect(Math.min(...lengths)).toBeGreaterThanOrEqual(FLASH_ATTENTION_FROM_TOKENS);
      expect(Math.max(...lengths)).toBeGreaterThan(256);
    });

    it("give a text the same vector whatever the order, the other texts and the number of contexts", async () => {
      const texts = ["short", "a somewhat longer text about the weather in spring", "word ".repeat(70), "", "another short one", "word ".repeat(40)];
      const one = await embeddings({ concurrency: 1, cacheDir: null }).embedToFloat32(texts);
      const three = await embeddings({ concurrency: 3, cacheDir: null }).embedToFloat32([...texts].reverse());
      const alone = await embeddings({ concurrency: 2, cacheDir: null }).embedToFloat32([texts[2]]);
      const row = (v: { data: Float32Array; dim: number }, i: number) => Array.from(v.data.subarray(i * v.dim, (i + 1) * v.dim));
      texts.forEach((_, i) => expect(row(three, texts.length - 1 - i)).toEqual(row(one, i)));
      expect(row(alone, 0)).toEqual(row(one, 2));
    });

    it("put paraphrases closer than unrelated texts", async () => {
      const [guitar, guitar2, market, market2, tokyo] = await embeddings().embedDocuments([
        "A man is playing a guitar.",
        "Someone plays an acoustic guitar on stage.",
        "The stock market fell sharply today.",
        "Shares dropped steeply in today's trading.",
        "How many people live in Tokyo?",
      ]);
      expect(dot(guitar, guitar2)).toBeGreaterThan(dot(guitar, market) + 0.2);
      expect(dot(market, market2)).toBeGreaterThan(dot(market, tokyo) + 0.2);
      expect(dot(guitar, guitar)).toBeCloseTo(1, 5);
    });

    it("cache vectors on disk by model and content, report progress per chunk, and recompute a damaged chunk", async () => {
      const dir = tempDir();
      const texts = Array.from({ length: 10 }, (_, i) => `text number ${i} about ${i % 2 ? "cats" : "the weather"}`);
      const progress: EmbeddingProgress[] = [];
      const first = await embeddings({ cacheDir: dir, chunkSize: 4 }).embedToFloat32(texts, (p) => progress.push(p));
      expect(progress).toEqual([
        { done: 4, total: 10, cached: 0 },
        { done: 8, total: 10, cached: 0 },
        { done: 10, total: 10, cached: 0 },
      ]);
      const files = readdirSync(dir).filter((f) => f.endsWith(".f32"));
      expect(files).toHaveLength(3);

      // Damage a chunk of 4 (which file that is depends on the hashes in the names, not on the listing's order).
      const full = files.find((f) => statSync(join(dir, f)).size === 4 * 384 * 4);
      truncateSync(join(dir, full!), 100);
      const again: EmbeddingProgress[] = [];
      const second = await embeddings({ cacheDir: dir, chunkSize: 4 }).embedToFloat32(texts, (p) => again.push(p));
      expect(again.at(-1)).toEqual({ done: 10, total: 10, cached: 6 });
      expect(Array.from(second.data)).toEqual(Array.from(first.data));

      // Other texts, other chunks: nothing is reused for them.
      const other: EmbeddingProgress[] = [];
      await embeddings({ cacheDir: dir, chunkSize: 4 }).embedToFloat32(["something else"], (p) => other.push(p));
      expect(other).toEqual([{ done: 1, total: 1, cached: 0 }]);
    });

    const q8 = readModelManifest()!.models[LOCAL_MODELS.minilmQ8Gguf];
    it.skipIf(!q8)(
      `${q8 ? "" : `(skipped: ${LOCAL_MODELS.minilmQ8Gguf} not installed, rerun scripts/install-models.sh) `}the opt-in Q8_0 model stays within cosine 0.998 of sentence-transformers, on short and long texts`,
      async () => {
        const { sentences, vectors: expected } = minilmReferenceVectors().all;
        const vectors = await embeddings({ model: q8!.path }).embedDocuments(sentences);
        expected.forEach((reference, i) => expect(dot(vectors[i], reference), JSON.stringify(sentences[i])).toBeGreaterThan(0.998));
      },
    );

    it("cut long texts at 256 word pieces as sentence-transformers does, and embed the empty text", async () => {
      const long = "word ".repeat(600);
      const [cut, cutAgain, empty] = await embeddings().embedDocuments([long, `${long} and a different ending past the cut`, ""]);
      expect(dot(cut, cutAgain)).toBeCloseTo(1, 5);
      expect(empty).toHaveLength(384);
      expect(dot(empty, empty)).toBeCloseTo(1, 5);
    });
  });
}
