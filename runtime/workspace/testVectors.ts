import { embedTexts, getEmbeddings } from "../../tools/embed/embeddings.js";
import { projectRows } from "../../tools/embed/randomProjection.js";
import type { VectorSpec } from "../../tools/embed/vectorSpec.js";
import { selectRows } from "../../tools/linalg/csr.js";
import type { Vectors } from "../../tools/linalg/dense.js";
import type { Workspace } from "./workspace.js";

/**
 * Unit vectors of test items (positions in the test split), in the space of the pool vectors of
 * `spec`: the same projection or LSA of their TF-IDF rows (the vectorizer is the pool's), or the same
 * registered embeddings. What similarity to a test input is measured with.
 */
export async function testVectors(workspace: Workspace, spec: VectorSpec, items: readonly number[]): Promise<Vectors> {
  const test = workspace.test;
  if (!test) throw new Error(`${workspace.name} has no test split`);
  if (spec.source === "projection") return { data: projectRows(selectRows(test.features, items), spec), dim: spec.dim };
  if (spec.source === "lsa") return workspace.vectors.lsa(spec).transform(selectRows(test.features, items));
  return embedTexts(
    getEmbeddings(spec.name ?? ""),
    items.map((item) => test.texts[item]),
    spec.batchSize,
  );
}
