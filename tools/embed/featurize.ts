import type { CsrMatrix } from "../linalg/csr.js";
import type { Dataset } from "../pool/dataset.js";
import { DEFAULT_TFIDF, TfidfVectorizer, type TfidfOptions } from "./tfidf.js";

export interface Features {
  readonly vectorizer: TfidfVectorizer;
  /** One row per training (pool) item, in dataset order. */
  readonly train: CsrMatrix;
  /** One row per test item; null without a test split. */
  readonly test: CsrMatrix | null;
}

/** TF-IDF fitted on the pool texts, applied to pool and test. */
export function featurize(dataset: Dataset, options: TfidfOptions = DEFAULT_TFIDF): Features {
  const vectorizer = TfidfVectorizer.fit(
    dataset.train.map((item) => item.text),
    options,
  );
  return {
    vectorizer,
    train: vectorizer.transform(dataset.train.map((item) => item.text)),
    test: dataset.test ? vectorizer.transform(dataset.test.map((item) => item.text)) : null,
  };
}

/** Class indices (positions in `labels`) of `items`; throws on a label outside the set. */
export function classIndices(items: ReadonlyArray<{ label: string }>, labels: readonly string[]): Int32Array {
  const index = new Map(labels.map((label, i) => [label, i]));
  return Int32Array.from(items, (item) => {
    const c = index.get(item.label);
    if (c === undefined) throw new Error(`label "${item.label}" is not one of ${labels.join(", ")}`);
    return c;
  });
}
