import { EigenvalueDecomposition, Matrix } from "ml-matrix";
import { rngFor } from "../random.js";
import type { CsrMatrix } from "./csr.js";

export interface RandomizedSvdOptions {
  /** How many singular triplets to keep. */
  readonly rank: number;
  /** Extra random directions beyond `rank`, so the top `rank` are found accurately (Halko et al. suggest 5–10). */
  readonly oversamples: number;
  /** Subspace iterations: each sharpens the gap between kept and dropped directions when the spectrum decays slowly, as TF-IDF's does. */
  readonly powerIterations: number;
  readonly seed: number;
}

/** scikit-learn's TruncatedSVD defaults: 10 oversamples, 5 iterations. */
export const DEFAULT_RANDOMIZED_SVD: Omit<RandomizedSvdOptions, "rank"> = { oversamples: 10, powerIterations: 5, seed: 0 };

export interface TruncatedSvd {
  readonly rank: number;
  /** The top right singular vectors, cols × rank, row-major: row c is the loading of column c. */
  readonly components: Float32Array;
  /** In decreasing order. */
  readonly singularValues: Float64Array;
}

/**
 * The top singular vectors of a sparse matrix by randomized subspace iteration (Halko, Martinsson &
 * Tropp, SIAM Review 2011, algorithms 4.4 and 5.1), the method behind scikit-learn's TruncatedSVD.
 * X is never densified: every product walks its non-zeros, so a pass costs nnz × (rank + oversamples).
 * The tall blocks are orthonormalized by Cholesky QR, twice (CholeskyQR2), whose passes read rows
 * contiguously; the small l × l eigenproblem goes to ml-matrix. Deterministic for a seed.
 */
export function truncatedSvd(X: CsrMatrix, options: RandomizedSvdOptions): TruncatedSvd {
  const rank = Math.min(options.rank, X.rows, X.cols);
  if (rank < 1) throw new Error(`truncatedSvd: rank ${options.rank} of a ${X.rows} × ${X.cols} matrix`);
  const l = Math.min(rank + options.oversamples, X.rows, X.cols);
  const rng = rngFor(options.seed, "randomized-svd");
  const omega = new Float64Array(X.cols * l);
  for (let i = 0; i < omega.length; i += 2) {
    // Box–Muller: two standard normals from two uniforms.
    const r = Math.sqrt(-2 * Math.log(1 - rng.next()));
    const theta = 2 * Math.PI * rng.next();
    omega[i] = r * Math.cos(theta);
    if (i + 1 < omega.length) omega[i + 1] = r * Math.sin(theta);
  }
  // Each iteration applies X Xᵀ once and re-orthonormalizes one side: the shorter one (texts or
  // terms), since that pass costs its length × l². The span is what two-sided normalization gives;
  // only rounding differs, and CholeskyQR2 absorbs the condition of one X Xᵀ step.
  const textsSide = X.rows <= X.cols;
  let Q = orthonormalize(times(X, omega, l), l, 2);
  for (let q = 0; q < options.powerIterations; q++) {
    let Z = transposeTimes(X, Q, l);
    if (!textsSide) Z = orthonormalize(Z, l, 2);
    Q = times(X, Z, l);
    if (textsSide || q === options.powerIterations - 1) Q = orthonormalize(Q, l, 2);
  }
  // B = Qᵀ X is l × cols; Z = Bᵀ. The eigenvectors of B Bᵀ = Zᵀ Z are B's left singular vectors.
  const Z = transposeTimes(X, Q, l);
  const gram = gramOf(Z, l);
  const evd = new EigenvalueDecomposition(new Matrix(toRows(gram, l)), { assumeSymmetric: true });
  const order = evd.realEigenvalues.map((value, index) => ({ value, index })).sort((a, b) => b.value - a.value);
  const U = evd.eigenvectorMatrix;
  const singularValues = new Float64Array(rank);
  // V = Bᵀ U S⁻¹ = Z U S⁻¹, column t for the t-th largest singular value.
  const mix = new Float64Array(l * rank);
  for (let t = 0; t < rank; t++) {
    const s = Math.sqrt(Math.max(0, order[t].value));
    singularValues[t] = s;
    for (let j = 0; j < l; j++) mix[j * rank + t] = s > 0 ? U.get(j, order[t].index) / s : 0;
  }
  const components = new Float32Array(X.cols * rank);
  for (let c = 0; c < X.cols; c++) {
    for (let j = 0; j < l; j++) {
      const z = Z[c * l + j];
      if (z === 0) continue;
      for (let t = 0; t < rank; t++) components[c * rank + t] += z * mix[j * rank + t];
    }
  }
  return { rank, components, singularValues };
}

/** X · M for M cols × l (row-major): rows × l. */
function times(X: CsrMatrix, M: Float64Array, l: number): Float64Array {
  const out = new Float64Array(X.rows * l);
  for (let i = 0; i < X.rows; i++) {
    const row = i * l;
    for (let p = X.indptr[i]; p < X.indptr[i + 1]; p++) {
      const value = X.values[p];
      const from = X.indices[p] * l;
      for (let j = 0; j < l; j++) out[row + j] += value * M[from + j];
    }
  }
  return out;
}

/** Xᵀ · M for M rows × l (row-major): cols × l. */
function transposeTimes(X: CsrMatrix, M: Float64Array, l: number): Float64Array {
  const out = new Float64Array(X.cols * l);
  for (let i = 0; i < X.rows; i++) {
    const row = i * l;
    for (let p = X.indptr[i]; p < X.indptr[i + 1]; p++) {
      const value = X.values[p];
      const to = X.indices[p] * l;
      for (let j = 0; j < l; j++) out[to + j] += value * M[row + j];
    }
  }
  return out;
}

/** Aᵀ A for A (n × l, row-major), accumulated row by row so A is read in order. */
function gramOf(A: Float64Array, l: number): Float64Array {
  const G = new Float64Array(l * l);
  for (let offset = 0; offset < A.length; offset += l) {
    for (let a = 0; a < l; a++) {
      const x = A[offset + a];
      if (x === 0) continue;
      for (let b = a; b < l; b++) G[a * l + b] += x * A[offset + b];
    }
  }
  for (let a = 0; a < l; a++) for (let b = 0; b < a; b++) G[a * l + b] = G[b * l + a];
  return G;
}

/**
 * An orthonormal basis of A's columns, in place: A ← A R⁻¹ with Rᵀ R = Aᵀ A (Cholesky QR),
 * repeated `passes` times (CholeskyQR2 recovers orthogonality to machine precision when A is not
 * too ill-conditioned, which holds here because every iteration re-orthonormalizes). A rank-deficient
 * A (fewer independent rows than l) is shifted by a small multiple of its trace so Cholesky goes through.
 */
function orthonormalize(A: Float64Array, l: number, passes: number): Float64Array {
  for (let pass = 0; pass < passes; pass++) {
    const G = gramOf(A, l);
    let trace = 0;
    for (let a = 0; a < l; a++) trace += G[a * l + a];
    const R = cholesky(G, l) ?? cholesky(shifted(G, l, 1e-10 * trace), l) ?? cholesky(shifted(G, l, 1e-6 * trace), l);
    if (!R) throw new Error("truncatedSvd: the random range has no numerical rank");
    const row = new Float64Array(l);
    for (let offset = 0; offset < A.length; offset += l) {
      // Solve y R = a for y (R upper triangular), i.e. forward substitution on Rᵀ yᵀ = aᵀ.
      for (let j = 0; j < l; j++) {
        let sum = A[offset + j];
        for (let k = 0; k < j; k++) sum -= row[k] * R[k * l + j];
        row[j] = sum / R[j * l + j];
      }
      A.set(row, offset);
    }
  }
  return A;
}

function shifted(G: Float64Array, l: number, shift: number): Float64Array {
  const out = Float64Array.from(G);
  for (let a = 0; a < l; a++) out[a * l + a] += shift;
  return out;
}

/** Upper-triangular R with Rᵀ R = G, or null when G is not (numerically) positive definite. */
function cholesky(G: Float64Array, l: number): Float64Array | null {
  const R = new Float64Array(l * l);
  for (let j = 0; j < l; j++) {
    let diagonal = G[j * l + j];
    for (let k = 0; k < j; k++) diagonal -= R[k * l + j] * R[k * l + j];
    if (!(diagonal > 0)) return null;
    const r = Math.sqrt(diagonal);
    R[j * l + j] = r;
    for (let i = j + 1; i < l; i++) {
      let sum = G[j * l + i];
      for (let k = 0; k < j; k++) sum -= R[k * l + j] * R[k * l + i];
      R[j * l + i] = sum / r;
    }
  }
  return R;
}

function toRows(G: Float64Array, l: number): number[][] {
  return Array.from({ length: l }, (_, a) => Array.from(G.subarray(a * l, a * l + l)));
}
