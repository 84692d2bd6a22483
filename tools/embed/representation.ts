import { z } from "zod";
import { DEFAULT_LSA } from "./lsa.js";
import { type VectorSpec, VectorSpecSchema } from "./vectorSpec.js";

/**
 * How texts are represented: TF-IDF, its latent semantic analysis (LSA, fitted on the pool), both of
 * those side by side, sentence embeddings, or TF-IDF and embeddings side by side ("both"). The one
 * choice behind the target model's features and the vector strategies' distances (CoreSet, BADGE,
 * TypiClust, ProbCover, clustered uncertainty, information density, k-means centroids).
 */
export const FEATURE_SPACE_NAMES = ["tfidf", "lsa", "tfidf+lsa", "embeddings", "both"] as const;
export type FeatureSpaceName = (typeof FEATURE_SPACE_NAMES)[number];

/** The sentence-embedding model scripts/install-models.sh installs (all-MiniLM-L6-v2, F16 GGUF, run by node-llama-cpp). */
export const DEFAULT_EMBEDDINGS = "all-minilm-l6-v2-gguf";

export const RepresentationSchema = z
  .object({
    /** What the target model reads; the vector strategies read the embeddings whenever this names them. */
    features: z.enum(FEATURE_SPACE_NAMES).default("tfidf+lsa"),
    /**
     * The sentence-embedding model: a name given to `registerEmbeddings`, or a local model that
     * scripts/install-models.sh installed (its name in .models/manifest.json).
     */
    embeddings: z.string().min(1).default(DEFAULT_EMBEDDINGS),
    /** Latent dimensions of LSA, when `features` names it. */
    lsaDim: z.number().int().min(2).max(1024).default(DEFAULT_LSA.dim),
  })
  .strict()
  .prefault({});
export type Representation = z.infer<typeof RepresentationSchema>;

/** Whether a representation reads sentence embeddings. */
export const readsEmbeddings = (representation: Representation): boolean => representation.features === "embeddings" || representation.features === "both";

/** Whether a representation reads the pool's LSA. */
export const readsLsa = (representation: Representation): boolean => representation.features === "lsa" || representation.features === "tfidf+lsa";

/** The LSA of a representation as pool vectors: one spec for the target model's features and the strategies' vectors. */
export function lsaVectorSpec(representation: Representation): VectorSpec {
  return VectorSpecSchema.parse({ source: "lsa", dim: representation.lsaDim });
}

/**
 * The embeddings of a representation as pool vectors (cached on disk by pool content and model
 * name): one spec for the target model's features and the strategies' vectors, so both read the
 * same vectors, computed once.
 */
export function embeddingVectorSpec(representation: Representation): VectorSpec {
  return VectorSpecSchema.parse({ source: "embeddings", name: representation.embeddings });
}

/**
 * The pool vectors the vector strategies and the k-NN index read: the sentence embeddings or the
 * LSA when the representation has them, else `vectors` as configured (a projection of TF-IDF by
 * default, or a registered Embeddings named there).
 */
export function strategyVectorSpec(representation: Representation, vectors: VectorSpec): VectorSpec {
  if (readsEmbeddings(representation)) return embeddingVectorSpec(representation);
  return readsLsa(representation) ? lsaVectorSpec(representation) : vectors;
}
