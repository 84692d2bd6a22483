import { concatFeatures, sparseFeatures, type FeatureMatrix } from "../linalg/featureMatrix.js";
import type { CsrMatrix } from "../linalg/csr.js";
import type { TfidfVectorizer } from "./tfidf.js";

/**
 * A representation of texts as rows a target model reads: rows for every pool item (computed once,
 * or read from a cache), for the test split, and for any new text (a generated item). TF-IDF is
 * one; a space of sentence embeddings is one (pool rows from the pool vectors, new texts embedded
 * by the same model); "both" is `concatFeatureSpaces` of the two.
 */
export interface FeatureSpace {
  readonly name: string;
  /** One row per pool item, in pool order. */
  pool(): Promise<FeatureMatrix>;
  /** One row per test item, in test order; null without a test split. */
  test(): Promise<FeatureMatrix | null>;
  /** Rows for texts outside the pool, in the same columns as the pool's. */
  transform(texts: readonly string[]): Promise<FeatureMatrix>;
}

/** TF-IDF fitted on the pool: the rows the workspace already holds, and the vectorizer for new texts. */
export function tfidfFeatureSpace(vectorizer: TfidfVectorizer, pool: CsrMatrix, test: CsrMatrix | null): FeatureSpace {
  const poolRows = sparseFeatures(pool);
  const testRows = test ? sparseFeatures(test) : null;
  return {
    name: "tfidf",
    pool: async () => poolRows,
    test: async () => testRows,
    transform: async (texts) => sparseFeatures(vectorizer.transform(texts)),
  };
}

/** Several spaces side by side: each row is the concatenation of the item's rows in each space. */
export function concatFeatureSpaces(name: string, spaces: readonly FeatureSpace[]): FeatureSpace {
  if (spaces.length === 0) throw new Error("concatFeatureSpaces needs at least one space");
  const joined = async (parts: Array<Promise<FeatureMatrix | null>>): Promise<FeatureMatrix | null> => {
    const rows = await Promise.all(parts);
    return rows.some((part) => part === null) ? null : concatFeatures(rows as FeatureMatrix[]);
  };
  return {
    name,
    pool: async () => (await joined(spaces.map((space) => space.pool())))!,
    test: () => joined(spaces.map((space) => space.test())),
    transform: async (texts) => (await joined(spaces.map((space) => space.transform(texts))))!,
  };
}
