import { concatFeatureSpaces, type FeatureSpace, tfidfFeatureSpace } from "../../tools/embed/featureSpace.js";
import { embeddingVectorSpec, type FeatureSpaceName, type Representation } from "../../tools/embed/representation.js";
import { denseFeatures } from "../../tools/linalg/featureMatrix.js";
import type { Workspace } from "./workspace.js";

const tfidf = (workspace: Workspace): FeatureSpace => tfidfFeatureSpace(workspace.vectorizer, workspace.poolFeatures, workspace.test?.features ?? null);

/**
 * Sentence embeddings as features: the pool's rows are the pool vectors the vector strategies read
 * (one dense block, computed once and cached on disk by pool content and model), the test split and
 * new texts are embedded by the same model.
 */
function embeddings(workspace: Workspace, representation: Representation): FeatureSpace {
  const spec = embeddingVectorSpec(representation);
  return {
    name: "embeddings",
    pool: async () => denseFeatures((await workspace.vectors.of(spec)).vectors),
    test: async () => {
      const vectors = await workspace.vectors.test(spec);
      return vectors && denseFeatures(vectors);
    },
    transform: async (texts) => denseFeatures(await workspace.vectors.embed(spec, texts)),
  };
}

/** The feature spaces a target model may read (`representation.features`), made from a workspace. */
const FEATURE_SPACES: { readonly [K in FeatureSpaceName]: (workspace: Workspace, representation: Representation) => FeatureSpace } = {
  tfidf,
  embeddings,
  // TF-IDF rows and embeddings are both unit vectors, so neither block drowns the other.
  both: (workspace, representation) => concatFeatureSpaces("both", [tfidf(workspace), embeddings(workspace, representation)]),
};

export function featureSpaceOf(workspace: Workspace, representation: Representation): FeatureSpace {
  return FEATURE_SPACES[representation.features](workspace, representation);
}
