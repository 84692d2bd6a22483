import { type FeatureSpace, tfidfFeatureSpace } from "../../tools/embed/featureSpace.js";
import type { FeatureSpaceName } from "../../tools/models/modelConfig.js";
import type { Workspace } from "./workspace.js";

/**
 * The feature spaces a target model may read (`model.features`), made from a workspace.
 *
 * Sentence embeddings plug in here, as one more entry and its name in FEATURE_SPACE_NAMES:
 * `embeddings` gives the pool's embedding vectors as one dense block (`denseFeatures`, from the
 * vector cache the vector strategies read), the test split and new texts embedded by the same
 * model; `both` is `concatFeatureSpaces("both", [tfidf, embeddings])`. Every model then reads them
 * unchanged: the kernels in tools/linalg/featureMatrix.ts walk sparse and dense blocks alike.
 */
const FEATURE_SPACES: { readonly [K in FeatureSpaceName]: (workspace: Workspace) => FeatureSpace } = {
  tfidf: (workspace) => tfidfFeatureSpace(workspace.vectorizer, workspace.poolFeatures, workspace.test?.features ?? null),
};

export function featureSpaceOf(workspace: Workspace, name: FeatureSpaceName): FeatureSpace {
  return FEATURE_SPACES[name](workspace);
}
