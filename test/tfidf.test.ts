import { describe, expect, it } from "vitest";
import { TfidfVectorizer } from "../tools/embed/tfidf.js";
import { tokenize } from "../tools/embed/tokenize.js";

describe("tokenize", () => {
  it("follows scikit-learn's default pattern: lowercase runs of two or more word characters", () => {
    expect(tokenize("Hello, World! A b2 x_y café 42 I'm")).toEqual(["hello", "world", "b2", "x_y", "café", "42"]);
  });
});

describe("TfidfVectorizer", () => {
  // Values checked against scikit-learn: TfidfVectorizer(sublinear_tf=True).fit_transform(docs).
  const docs = ["apple apple banana", "banana cherry", "cherry cherry cherry apple"];

  it("computes smooth idf, sublinear tf and unit rows", () => {
    const vectorizer = TfidfVectorizer.fit(docs);
    const m = vectorizer.transform(docs);
    expect(m.rows).toBe(3);
    expect(m.cols).toBe(3);
    const dense = (row: number) => {
      const out = [0, 0, 0];
      for (let p = m.indptr[row]; p < m.indptr[row + 1]; p++) out[m.indices[p]] = m.values[p];
      return out;
    };
    // idf = ln(4/3) + 1 for every term (each appears in 2 of 3 documents).
    // Row 0: tf(apple) = 1 + ln 2, tf(banana) = 1, normalised.
    const a = 1 + Math.log(2);
    expect(dense(0)[0]).toBeCloseTo(a / Math.hypot(a, 1), 6);
    expect(dense(0)[1]).toBeCloseTo(1 / Math.hypot(a, 1), 6);
    expect(dense(0)[2]).toBe(0);
    const c = 1 + Math.log(3);
    expect(dense(2)[2]).toBeCloseTo(c / Math.hypot(c, 1), 6);
  });

  it("ignores words it was not fitted on", () => {
    const m = TfidfVectorizer.fit(docs).transform(["durian apple"]);
    expect(Array.from(m.indices)).toEqual([0]);
    expect(m.values[0]).toBeCloseTo(1, 6);
  });
});

describe("TfidfVectorizer with word n-grams", () => {
  it("adds the n-grams of consecutive words beside the words, as scikit-learn's ngram_range=(1, n)", () => {
    const vectorizer = TfidfVectorizer.fit(["not good at all", "good fun"], { sublinearTf: true, minDf: 1, ngrams: 2 });
    const terms = Array.from({ length: vectorizer.dimension }, (_, column) => vectorizer.termOf(column));
    expect(terms).toEqual(["all", "at", "at all", "fun", "good", "good at", "good fun", "not", "not good"]);
    // "not good" is a column of its own, so a model can weigh it against "good".
    const m = vectorizer.transform(["not good"]);
    expect(Array.from(m.indices).map((column) => vectorizer.termOf(column))).toEqual(["good", "not", "not good"]);
  });

  it("keeps one-word terms only by default", () => {
    expect(TfidfVectorizer.fit(["not good at all"]).dimension).toBe(4);
  });
});
