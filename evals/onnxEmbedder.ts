import { basename, dirname } from "node:path";

/** The int8 ONNX all-MiniLM-L6-v2 through transformers.js, for comparison in the benchmarks. */
export interface OnnxEmbedder {
  /** Unit vectors, row-major in the order of `texts`; texts go in batches of `batchSize`, sorted by length so a batch pads little. */
  embed(texts: readonly string[], batchSize: number): Promise<Float32Array>;
}

/**
 * The transformers.js pipeline over an installed ONNX model folder, offline, or null when
 * `@huggingface/transformers` is not installed (it is not a dependency of activegraph).
 */
export async function onnxEmbedder(folder: string, threads: number): Promise<OnnxEmbedder | null> {
  const transformers = await import("@huggingface/transformers" as string).catch(() => null);
  if (!transformers) return null;
  transformers.env.allowRemoteModels = false;
  transformers.env.localModelPath = dirname(folder);
  const pipe = await transformers.pipeline("feature-extraction", basename(folder), {
    dtype: "q8",
    session_options: { intraOpNumThreads: threads, interOpNumThreads: 1 },
  });
  return {
    async embed(texts, batchSize) {
      const order = texts.map((_, i) => i).sort((a, b) => texts[a].length - texts[b].length);
      let out: Float32Array | null = null;
      for (let start = 0; start < order.length; start += batchSize) {
        const batch = order.slice(start, start + batchSize);
        const rows = (
          await pipe(
            batch.map((i) => texts[i]),
            { pooling: "mean", normalize: true },
          )
        ).tolist() as number[][];
        out ??= new Float32Array(texts.length * rows[0].length);
        const dim = rows[0].length;
        batch.forEach((i, j) => out!.set(rows[j], i * dim));
      }
      return out ?? new Float32Array(0);
    },
  };
}
