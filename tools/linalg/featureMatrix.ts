import { selectRows, selectRowsFrom, type CsrMatrix } from "./csr.js";
import { gatherRows, type Vectors } from "./dense.js";

/** A block of columns: sparse rows (TF-IDF) or dense row-major rows (sentence embeddings, pool vectors). */
export type FeatureBlock = { readonly kind: "sparse"; readonly matrix: CsrMatrix } | { readonly kind: "dense"; readonly vectors: Vectors };

/**
 * The rows a target model reads: blocks of columns side by side, so TF-IDF (one sparse block),
 * embeddings (one dense block) and both (the two, concatenated) go through the same kernels. Block
 * b's columns come after those of blocks 0..b-1. The kernels below are the only code that walks
 * the blocks; a model is written once against them.
 */
export interface FeatureMatrix {
  readonly rows: number;
  readonly cols: number;
  readonly blocks: readonly FeatureBlock[];
}

const widthOf = (block: FeatureBlock): number => (block.kind === "sparse" ? block.matrix.cols : block.vectors.dim);
const rowsOf = (block: FeatureBlock): number => (block.kind === "sparse" ? block.matrix.rows : block.vectors.data.length / block.vectors.dim);

function matrixOf(blocks: readonly FeatureBlock[]): FeatureMatrix {
  if (blocks.length === 0) throw new Error("a feature matrix needs at least one block");
  const rows = rowsOf(blocks[0]);
  if (blocks.some((block) => rowsOf(block) !== rows)) throw new Error(`feature blocks differ in rows: ${blocks.map(rowsOf).join(", ")}`);
  return { rows, cols: blocks.reduce((sum, block) => sum + widthOf(block), 0), blocks };
}

export const sparseFeatures = (matrix: CsrMatrix): FeatureMatrix => matrixOf([{ kind: "sparse", matrix }]);
export const denseFeatures = (vectors: Vectors): FeatureMatrix => matrixOf([{ kind: "dense", vectors }]);

/** The columns of `parts` side by side (same rows, in the same order): how "both" feature spaces are made. */
export function concatFeatures(parts: readonly FeatureMatrix[]): FeatureMatrix {
  return matrixOf(parts.flatMap((part) => part.blocks));
}

/** The rows at `rowIndices`, in that order. */
export function selectFeatureRows(X: FeatureMatrix, rowIndices: ArrayLike<number>): FeatureMatrix {
  return matrixOf(
    X.blocks.map(
      (block): FeatureBlock =>
        block.kind === "sparse"
          ? { kind: "sparse", matrix: selectRows(block.matrix, rowIndices) }
          : { kind: "dense", vectors: { data: gatherRows(block.vectors, rowIndices), dim: block.vectors.dim } },
    ),
  );
}

/** Rows picked from several matrices laid out alike (the pool's rows and new texts'): `picks[i] = [source, row]`. */
export function selectFeatureRowsFrom(sources: readonly FeatureMatrix[], picks: ReadonlyArray<readonly [number, number]>): FeatureMatrix {
  const layout = (X: FeatureMatrix) => X.blocks.map((block) => `${block.kind}:${widthOf(block)}`).join(",");
  if (sources.some((X) => layout(X) !== layout(sources[0]))) throw new Error("selectFeatureRowsFrom: sources differ in their blocks");
  return matrixOf(
    sources[0].blocks.map((first, b): FeatureBlock => {
      if (first.kind === "sparse")
        return {
          kind: "sparse",
          matrix: selectRowsFrom(
            sources.map((X) => (X.blocks[b] as typeof first).matrix),
            picks,
          ),
        };
      const { dim } = first.vectors;
      const data = new Float32Array(picks.length * dim);
      picks.forEach(([source, row], r) => data.set((sources[source].blocks[b] as typeof first).vectors.data.subarray(row * dim, row * dim + dim), r * dim));
      return { kind: "dense", vectors: { data, dim } };
    }),
  );
}

/** out[k] += Σ_j X[i, j] · W[j·m + k] for k < m (W row-major, X.cols × m): a row's scores under m linear functions. */
export function addRowTimesWeights(X: FeatureMatrix, i: number, W: Float64Array, m: number, out: Float64Array): void {
  let offset = 0;
  for (let b = 0; b < X.blocks.length; b++) {
    const block = X.blocks[b];
    if (block.kind === "sparse") {
      const { indptr, indices, values, cols } = block.matrix;
      for (let p = indptr[i]; p < indptr[i + 1]; p++) {
        const row = (offset + indices[p]) * m;
        const v = values[p];
        for (let k = 0; k < m; k++) out[k] += v * W[row + k];
      }
      offset += cols;
    } else {
      const { data, dim } = block.vectors;
      const base = i * dim;
      for (let j = 0; j < dim; j++) {
        const row = (offset + j) * m;
        const v = data[base + j];
        for (let k = 0; k < m; k++) out[k] += v * W[row + k];
      }
      offset += dim;
    }
  }
}

/** G[j·m + k] += X[i, j] · coef[k] for k < m: a row's share of a gradient. */
export function addRowOuter(X: FeatureMatrix, i: number, coef: Float64Array, m: number, G: Float64Array): void {
  let offset = 0;
  for (let b = 0; b < X.blocks.length; b++) {
    const block = X.blocks[b];
    if (block.kind === "sparse") {
      const { indptr, indices, values, cols } = block.matrix;
      for (let p = indptr[i]; p < indptr[i + 1]; p++) {
        const row = (offset + indices[p]) * m;
        const v = values[p];
        for (let k = 0; k < m; k++) G[row + k] += v * coef[k];
      }
      offset += cols;
    } else {
      const { data, dim } = block.vectors;
      const base = i * dim;
      for (let j = 0; j < dim; j++) {
        const row = (offset + j) * m;
        const v = data[base + j];
        for (let k = 0; k < m; k++) G[row + k] += v * coef[k];
      }
      offset += dim;
    }
  }
}

/** Σ_j X[i, j]². */
export function rowSquaredNorm(X: FeatureMatrix, i: number): number {
  let sum = 0;
  for (const block of X.blocks) {
    if (block.kind === "sparse") {
      const { indptr, values } = block.matrix;
      for (let p = indptr[i]; p < indptr[i + 1]; p++) sum += values[p] * values[p];
    } else {
      const { data, dim } = block.vectors;
      for (let j = i * dim; j < (i + 1) * dim; j++) sum += data[j] * data[j];
    }
  }
  return sum;
}

/**
 * The same rows over only the columns they use, renumbered 0..D-1 (sparse blocks: in order of first
 * use; dense blocks: all their columns), and `columnOf[d]`, the original column of column d. A model
 * fitted on a few hundred TF-IDF rows then works over a few thousand columns, not the vocabulary:
 * unused columns keep weight 0 at an L2-penalized optimum anyway.
 */
export function compactColumns(X: FeatureMatrix): { X: FeatureMatrix; columnOf: Uint32Array } {
  const columnOf: number[] = [];
  let offset = 0;
  const blocks = X.blocks.map((block): FeatureBlock => {
    const start = columnOf.length;
    if (block.kind === "dense") {
      for (let j = 0; j < block.vectors.dim; j++) columnOf.push(offset + j);
      offset += block.vectors.dim;
      return block;
    }
    const { indptr, indices, values, cols, rows } = block.matrix;
    const nnz = indptr[rows];
    const localOf = new Int32Array(cols).fill(-1);
    const local = new Uint32Array(nnz);
    for (let p = 0; p < nnz; p++) {
      const column = indices[p];
      if (localOf[column] < 0) localOf[column] = columnOf.push(offset + column) - 1 - start;
      local[p] = localOf[column];
    }
    offset += cols;
    return { kind: "sparse", matrix: { rows, cols: columnOf.length - start, indptr, indices: local, values } };
  });
  return { X: matrixOf(blocks), columnOf: Uint32Array.from(columnOf) };
}

/** Weights fitted over compacted columns (D × m) spread back over all `cols` columns; unused ones 0. */
export function expandWeights(compact: Float64Array, columnOf: Uint32Array, cols: number, m: number): Float64Array {
  const weights = new Float64Array(cols * m);
  for (let j = 0; j < columnOf.length; j++) weights.set(compact.subarray(j * m, (j + 1) * m), columnOf[j] * m);
  return weights;
}
