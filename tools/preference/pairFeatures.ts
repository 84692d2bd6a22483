import { answerOf } from "../instructions/answer.js";
import { tokenize } from "../embed/tokenize.js";
import type { CsrMatrix } from "../linalg/csr.js";
import { hashString } from "../random.js";

/** Columns of the hashed feature space (2^18: collisions are rare for the few thousand terms a pool uses). */
export const PAIR_FEATURE_DIM = 1 << 18;

/** What of a response the features key on: its answer label (labeled prompts), or its first distinct words. */
function responseKeys(response: string, classes: readonly string[]): string[] {
  if (classes.length > 0) return [answerOf(response, classes) ?? "\u2205"];
  return [...new Set(tokenize(response))].slice(0, 30);
}

/**
 * φ(prompt, response), hashed into PAIR_FEATURE_DIM columns: a feature per response key (how
 * good that answer is anywhere) and one per (prompt term, response key) pair, weighted by the
 * term's TF-IDF in the prompt (how good that answer is for prompts with that term). For a prompt
 * made from a labeled text the key is the answer label, and the reward w·φ is a linear classifier
 * of the text scored at the label the response gives.
 */
export function responseFeatures(promptTerms: ReadonlyMap<number, number>, response: string, classes: readonly string[]): Map<number, number> {
  const keys = responseKeys(response, classes);
  const scale = 1 / Math.sqrt(Math.max(1, keys.length));
  const features = new Map<number, number>();
  const add = (name: string, value: number) => {
    const column = hashString(name) % PAIR_FEATURE_DIM;
    features.set(column, (features.get(column) ?? 0) + value);
  };
  for (const key of keys) {
    add(`r\u0001${key}`, scale);
    for (const [term, weight] of promptTerms) add(`x\u0001${term}\u0001${key}`, weight * scale);
  }
  return features;
}

/** The columns and weights of row `row` of a CSR matrix (a prompt's TF-IDF terms). */
export function rowTerms(matrix: CsrMatrix, row: number): Map<number, number> {
  const terms = new Map<number, number>();
  for (let k = matrix.indptr[row]; k < matrix.indptr[row + 1]; k++) terms.set(matrix.indices[k], matrix.values[k]);
  return terms;
}

/** φ(x, a) − φ(x, b), as a sparse row with sorted columns (zeros dropped). */
export function featureDifference(a: ReadonlyMap<number, number>, b: ReadonlyMap<number, number>): { columns: Uint32Array; values: Float32Array } {
  const diff = new Map(a);
  for (const [column, value] of b) diff.set(column, (diff.get(column) ?? 0) - value);
  const columns = Uint32Array.from([...diff.keys()].filter((column) => diff.get(column) !== 0)).sort();
  return { columns, values: Float32Array.from(columns, (column) => diff.get(column)!) };
}

/** Sparse rows stacked into a CSR matrix of PAIR_FEATURE_DIM columns, each row optionally negated. */
export function stackRows(rows: ReadonlyArray<{ columns: Uint32Array; values: Float32Array }>, sign: ReadonlyArray<1 | -1>): CsrMatrix {
  const nnz = rows.reduce((sum, row) => sum + row.columns.length, 0);
  const indptr = new Uint32Array(rows.length + 1);
  const indices = new Uint32Array(nnz);
  const values = new Float32Array(nnz);
  let at = 0;
  rows.forEach((row, r) => {
    indices.set(row.columns, at);
    for (let k = 0; k < row.values.length; k++) values[at + k] = sign[r] * row.values[k];
    at += row.columns.length;
    indptr[r + 1] = at;
  });
  return { rows: rows.length, cols: PAIR_FEATURE_DIM, indptr, indices, values };
}

/**
 * A pair as the reward model sees it, φ(x, a) − φ(x, b), with the prompt's terms from `terms`
 * (the pool's TF-IDF of the whole prompt, memoized by the caller across pairs of one prompt).
 */
export function pairRow(terms: ReadonlyMap<number, number>, a: string, b: string, classes: readonly string[]): { columns: Uint32Array; values: Float32Array } {
  return featureDifference(responseFeatures(terms, a, classes), responseFeatures(terms, b, classes));
}
