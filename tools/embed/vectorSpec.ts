import { z } from "zod";
import { DEFAULT_PROJECTION } from "./randomProjection.js";

/**
 * Where pool vectors come from: a seeded sparse random projection of the TF-IDF rows (offline, the
 * default; `dim`, `sparsity`, `seed`), latent semantic analysis of the pool's TF-IDF rows (offline,
 * fitted once per pool; `dim`, `seed`; see lsa.ts), or a LangChain `Embeddings` model registered in
 * code under `name` (see embeddings.ts; `batchSize`). One flat object rather than a union of two, so a single
 * setting (`--vector-dim 128`) is a whole config and Studio's form can show every field.
 */
export const VectorSpecSchema = z
  .object({
    source: z.enum(["projection", "lsa", "embeddings"]).default("projection"),
    dim: z.number().int().min(2).max(4096).default(DEFAULT_PROJECTION.dim),
    sparsity: z.number().min(1).default(DEFAULT_PROJECTION.sparsity),
    seed: z.number().int().min(0).default(DEFAULT_PROJECTION.seed),
    /** The name given to `registerEmbeddings`; the cache is keyed by it, so rename it when the model changes. */
    name: z.string().min(1).optional(),
    batchSize: z.number().int().positive().default(256),
  })
  .strict()
  .superRefine((spec, ctx) => {
    if (spec.source === "embeddings" && !spec.name)
      ctx.addIssue({ code: "custom", path: ["name"], message: 'required with source "embeddings": the name an Embeddings was registered under' });
    if (spec.source !== "embeddings" && spec.name) ctx.addIssue({ code: "custom", path: ["name"], message: 'only for source "embeddings"' });
  })
  .prefault({});
export type VectorSpec = z.infer<typeof VectorSpecSchema>;
