import type { CsrMatrix } from "../linalg/csr.js";
import { normalizeRows } from "../linalg/dense.js";
import { rngFor } from "../random.js";

export interface ProjectionOptions {
  /** Output dimension. */
  readonly dim: number;
  /**
   * s: each projection entry is ±1 with probability 1/(2s) each, else 0. Achlioptas (2003) showed
   * s = 3 preserves distances as well as a gaussian projection; Li, Hastie & Church (KDD 2006) push s
   * to √D. The default is 3: TF-IDF rows have a few dozen non-zeros, and with s = √D most of them
   * would meet an all-zero projection row, which multiplies the variance of the estimated inner
   * products by (s − 3)·Σx⁴ / 2||x||⁴ (several times over for rows of 20 terms).
   */
  readonly sparsity: number;
  readonly seed: number;
}

export const DEFAULT_PROJECTION: ProjectionOptions = { dim: 256, sparsity: 3, seed: 0 };

/**
 * Dense unit vectors from sparse TF-IDF rows by a seeded sparse random projection: x·R for a
 * cols × dim matrix R of ±1 and 0 entries, then each row scaled to unit norm. By Johnson–
 * Lindenstrauss the cosine similarity of two projected rows is close to that of their TF-IDF rows,
 * so k-NN, k-center and k-means over 256 floats stand in for the same over the whole vocabulary.
 * R is drawn column by column from `rngFor(seed, "projection")`, so the same vocabulary and seed
 * always give the same vectors. Returns pool size × dim floats, row-major.
 */
export function projectRows(X: CsrMatrix, options: ProjectionOptions = DEFAULT_PROJECTION): Float32Array {
  const { dim, sparsity, seed } = options;
  const rng = rngFor(seed, "projection");
  // R in compressed form: input column c maps to output dims target[start[c]..start[c+1]) with signs.
  const start = new Uint32Array(X.cols + 1);
  const target: number[] = [];
  const sign: number[] = [];
  const half = 1 / (2 * sparsity);
  for (let c = 0; c < X.cols; c++) {
    for (let d = 0; d < dim; d++) {
      const u = rng.next();
      if (u < half) {
        target.push(d);
        sign.push(1);
      } else if (u < 2 * half) {
        target.push(d);
        sign.push(-1);
      }
    }
    start[c + 1] = target.length;
  }
  const targets = Uint16Array.from(target);
  const signs = Int8Array.from(sign);
  const out = new Float32Array(X.rows * dim);
  for (let i = 0; i < X.rows; i++) {
    const row = i * dim;
    for (let p = X.indptr[i]; p < X.indptr[i + 1]; p++) {
      const column = X.indices[p];
      const value = X.values[p];
      for (let e = start[column]; e < start[column + 1]; e++) out[row + targets[e]] += signs[e] * value;
    }
  }
  return normalizeRows(out, dim);
}
