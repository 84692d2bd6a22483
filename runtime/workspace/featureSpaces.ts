import { concatFeatureSpaces, type FeatureSpace, tfidfFeatureSpace } from "../../tools/embed/featureSpace.js";
import { embeddingVectorSpec, type FeatureSpaceName, lsaVectorSpec, type Representation } from "../../tools/embed/representation.js";
import type { VectorSpec } from "../../tools/embed/vectorSpec.js";
import { denseFeatures } from "../../tools/linalg/featureMatrix.js";
import type { Workspace } from "./workspace.js";

const tfidf = (workspace: Workspace): FeatureSpace => tfidfFeatureSpace(workspace.vectorizer, workspace.poolFeatures, workspace.test?.features ?? null);

/**
 * Pool vectors as features: the pool's rows are the vectors the vector strategies read (one dense
 * block, computed once and cached on disk by pool content and how they were made), the test split
 * and new texts are mapped the same way (embedded by the same model, or projected by the pool's LSA).
 */
function vectorFeatures(name: string, workspace: Workspace, spec: VectorSpec): FeatureSpace {
  return {
    name,
    pool: async () => denseFeatures((await workspace.vectors.of(spec)).vectors),
    test: async () => {
      const vectors = await workspace.vectors.test(spec);
      return vectors && denseFeatures(vectors);
    },
    transform: async (texts) => denseFeatures(await workspace.vectors.embed(spec, texts)),
  };
}

const embeddings = (workspace: Workspace, representation: Representation) => vectorFeatures("embeddings", workspace, embeddingVectorSpec(representation));
const lsa = (workspace: Workspace, representation: Representation) => vectorFeatures("lsa", workspace, lsaVectorSpec(representation));

/** The feature spaces a target model may read (`representation.features`), made from a workspace. */
const FEATURE_SPACES: { readonly [K in FeatureSpaceName]: (workspace: Workspace, representation: Representation) => FeatureSpace } = {
  tfidf,
  lsa,
  // Both blocks have unit rows: LSA adds what co-occurrence says to the words themselves.
  "tfidf+lsa": (workspace, representation) => concatFeatureSpaces("tfidf+lsa", [tfidf(workspace), lsa(workspace, representation)]),
  embeddings,
  // TF-IDF rows and embeddings are both unit vectors, so neither block drowns the other.
  both: (workspace, representation) => concatFeatureSpaces("both", [tfidf(workspace), embeddings(workspace, representation)]),
};

export function featureSpaceOf(workspace: Workspace, representation: Representation): FeatureSpace {
  return FEATURE_SPACES[representation.features](workspace, representation);
}
