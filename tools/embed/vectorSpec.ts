import { z } from "zod";
import { DEFAULT_PROJECTION } from "./randomProjection.js";

/**
 * Where pool vectors come from: a seeded sparse random projection of the TF-IDF rows (offline, the
 * default), or a LangChain `Embeddings` model registered in code under `name` (see embeddings.ts).
 */
export const VectorSpecSchema = z
  .discriminatedUnion("source", [
    z
      .object({
        source: z.literal("projection"),
        dim: z.number().int().min(2).max(4096).default(DEFAULT_PROJECTION.dim),
        sparsity: z.number().min(1).default(DEFAULT_PROJECTION.sparsity),
        seed: z.number().int().min(0).default(DEFAULT_PROJECTION.seed),
      })
      .strict(),
    z
      .object({
        source: z.literal("embeddings"),
        /** The name given to `registerEmbeddings`; the cache is keyed by it, so rename it when the model changes. */
        name: z.string().min(1),
        batchSize: z.number().int().positive().default(256),
      })
      .strict(),
  ])
  .prefault({ source: "projection" });
export type VectorSpec = z.infer<typeof VectorSpecSchema>;
