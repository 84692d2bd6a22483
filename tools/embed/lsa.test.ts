import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { dotRows } from "../linalg/dense.js";
import { LsaProjection } from "./lsa.js";
import { cachedLsa } from "./lsaCache.js";
import { DEFAULT_TFIDF, TfidfVectorizer } from "./tfidf.js";

/**
 * Two topics. "car" and "automobile" never share a text, nor do "banana" and "plantain", but each
 * pair shares its neighbours (engine, wheels; fruit, peel): synonyms as co-occurrence shows them.
 */
const pool = [
  "car engine wheels",
  "car engine road",
  "automobile engine wheels",
  "automobile wheels road",
  "banana fruit peel",
  "banana fruit sweet",
  "plantain fruit peel",
  "plantain peel sweet",
];
const vectorizer = TfidfVectorizer.fit(pool);
const rows = vectorizer.transform(pool);
const cosine = (projection: LsaProjection, a: string, b: string) => {
  const v = projection.transform(vectorizer.transform([a, b]));
  return dotRows(v.data, 0, v.data, 1, v.dim);
};

describe("LSA", () => {
  const lsa = LsaProjection.fit(rows, { dim: 2, seed: 0 });

  it("puts words that never share a text but share their neighbours close together, and the two topics apart", () => {
    // In TF-IDF the two words are orthogonal.
    const tfidf = vectorizer.transform(["car", "automobile"]);
    expect(tfidf.indices[0]).not.toBe(tfidf.indices[1]);
    expect(cosine(lsa, "car", "automobile")).toBeGreaterThan(0.95);
    expect(cosine(lsa, "banana", "plantain")).toBeGreaterThan(0.95);
    expect(Math.abs(cosine(lsa, "car", "banana"))).toBeLessThan(0.2);
  });

  it("gives unit rows, and a zero row for a text with no known word", () => {
    const v = lsa.transform(vectorizer.transform(["car wheels", "zebra"]));
    expect(dotRows(v.data, 0, v.data, 0, v.dim)).toBeCloseTo(1, 5);
    expect(Array.from(v.data.subarray(v.dim))).toEqual([0, 0]);
  });

  it("refuses rows over another vocabulary", () => {
    const other = TfidfVectorizer.fit(["alpha beta gamma"]);
    expect(() => lsa.transform(other.transform(["alpha"]))).toThrow(/fitted on \d+ columns, given 3/);
  });

  it("is fitted once per pool: the next fit on the same pool reads the same components from the cache", () => {
    const dir = mkdtempSync(join(tmpdir(), "lsa-"));
    const input = { ids: pool.map((_, i) => `p${i}`), texts: pool, features: rows, tfidf: DEFAULT_TFIDF, options: { dim: 2, seed: 0 }, dir };
    const first = cachedLsa(input);
    const second = cachedLsa(input);
    expect([first.cached, second.cached]).toEqual([false, true]);
    expect(second.projection.components).toEqual(first.projection.components);
    // Another pool (one text changed) is another key.
    const changed = cachedLsa({ ...input, texts: pool.map((text, i) => (i === 0 ? "car engine" : text)) });
    expect(changed.key).not.toBe(first.key);
    expect(changed.cached).toBe(false);
  });
});
