import { describe, expect, it } from "vitest";
import { addRowTimesWeights, denseFeatures, type FeatureMatrix } from "../linalg/featureMatrix.js";
import { concatFeatureSpaces, type FeatureSpace, tfidfFeatureSpace } from "./featureSpace.js";
import { TfidfVectorizer } from "./tfidf.js";

/** Column j of row i. */
function cell(X: FeatureMatrix, i: number, j: number): number {
  const W = new Float64Array(X.cols);
  W[j] = 1;
  const out = new Float64Array(1);
  addRowTimesWeights(X, i, W, 1, out);
  return out[0];
}

describe("feature spaces", () => {
  const pool = ["red apple", "green apple pie", "blue sky"];
  const vectorizer = TfidfVectorizer.fit(pool);
  const tfidf = tfidfFeatureSpace(vectorizer, vectorizer.transform(pool), vectorizer.transform(["apple sky"]));
  // A dense space standing for sentence embeddings: the text's length and its count of "a"s.
  const embed = (texts: readonly string[]) => denseFeatures({ data: Float32Array.from(texts.flatMap((t) => [t.length, t.split("a").length - 1])), dim: 2 });
  const dense: FeatureSpace = {
    name: "lengths",
    pool: async () => embed(pool),
    test: async () => embed(["apple sky"]),
    transform: async (texts) => embed(texts),
  };

  it("give TF-IDF rows for the pool, the test split and new texts in the same columns", async () => {
    const rows = await tfidf.transform(["apple pie"]);
    expect(rows.cols).toBe(vectorizer.dimension);
    expect((await tfidf.pool()).rows).toBe(3);
    expect((await tfidf.test())!.rows).toBe(1);
  });

  it("concatenate: each row is the item's TF-IDF row, then its dense row", async () => {
    const both = concatFeatureSpaces("both", [tfidf, dense]);
    const rows = await both.transform(["blue apple"]);
    const alone = await tfidf.transform(["blue apple"]);
    expect(rows.cols).toBe(vectorizer.dimension + 2);
    for (let j = 0; j < vectorizer.dimension; j++) expect(cell(rows, 0, j)).toBe(cell(alone, 0, j));
    expect([cell(rows, 0, vectorizer.dimension), cell(rows, 0, vectorizer.dimension + 1)]).toEqual([10, 1]);
    expect((await both.pool()).rows).toBe(3);
    expect((await both.test())!.cols).toBe(vectorizer.dimension + 2);
  });
});
