/** A sparse row-major matrix (compressed sparse rows), the layout of TF-IDF features. */
export interface CsrMatrix {
  readonly rows: number;
  readonly cols: number;
  /** Row i's entries are at [indptr[i], indptr[i+1]). */
  readonly indptr: Uint32Array;
  readonly indices: Uint32Array;
  readonly values: Float32Array;
}

/** The rows at `rowIndices`, in that order. */
export function selectRows(matrix: CsrMatrix, rowIndices: ArrayLike<number>): CsrMatrix {
  let nnz = 0;
  for (let r = 0; r < rowIndices.length; r++) {
    const row = rowIndices[r];
    nnz += matrix.indptr[row + 1] - matrix.indptr[row];
  }
  const indptr = new Uint32Array(rowIndices.length + 1);
  const indices = new Uint32Array(nnz);
  const values = new Float32Array(nnz);
  let at = 0;
  for (let r = 0; r < rowIndices.length; r++) {
    const row = rowIndices[r];
    const start = matrix.indptr[row];
    const end = matrix.indptr[row + 1];
    indices.set(matrix.indices.subarray(start, end), at);
    values.set(matrix.values.subarray(start, end), at);
    at += end - start;
    indptr[r + 1] = at;
  }
  return { rows: rowIndices.length, cols: matrix.cols, indptr, indices, values };
}

/** Stacks two matrices with the same columns, `top` first. */
export function vstack(top: CsrMatrix, bottom: CsrMatrix): CsrMatrix {
  if (top.cols !== bottom.cols) throw new Error(`vstack: ${top.cols} columns against ${bottom.cols}`);
  const nnzTop = top.indptr[top.rows];
  const nnz = nnzTop + bottom.indptr[bottom.rows];
  const indptr = new Uint32Array(top.rows + bottom.rows + 1);
  indptr.set(top.indptr);
  for (let i = 1; i <= bottom.rows; i++) indptr[top.rows + i] = nnzTop + bottom.indptr[i];
  const indices = new Uint32Array(nnz);
  indices.set(top.indices.subarray(0, nnzTop));
  indices.set(bottom.indices.subarray(0, bottom.indptr[bottom.rows]), nnzTop);
  const values = new Float32Array(nnz);
  values.set(top.values.subarray(0, nnzTop));
  values.set(bottom.values.subarray(0, bottom.indptr[bottom.rows]), nnzTop);
  return { rows: top.rows + bottom.rows, cols: top.cols, indptr, indices, values };
}

/** Rows picked from several matrices with the same columns: `picks[i] = [source, row]`. */
export function selectRowsFrom(sources: readonly CsrMatrix[], picks: ReadonlyArray<readonly [number, number]>): CsrMatrix {
  const cols = sources[0].cols;
  if (sources.some((m) => m.cols !== cols)) throw new Error("selectRowsFrom: sources differ in columns");
  let nnz = 0;
  for (const [source, row] of picks) nnz += sources[source].indptr[row + 1] - sources[source].indptr[row];
  const indptr = new Uint32Array(picks.length + 1);
  const indices = new Uint32Array(nnz);
  const values = new Float32Array(nnz);
  let at = 0;
  picks.forEach(([source, row], r) => {
    const m = sources[source];
    const start = m.indptr[row];
    const end = m.indptr[row + 1];
    indices.set(m.indices.subarray(start, end), at);
    values.set(m.values.subarray(start, end), at);
    at += end - start;
    indptr[r + 1] = at;
  });
  return { rows: picks.length, cols, indptr, indices, values };
}

/** Dense rows as CSR, zeros left out: how tests and small callers state a sparse matrix. */
export function csrFromDense(rows: readonly (readonly number[])[]): CsrMatrix {
  const indptr = [0];
  const indices: number[] = [];
  const values: number[] = [];
  for (const row of rows) {
    row.forEach((v, j) => {
      if (v === 0) return;
      indices.push(j);
      values.push(v);
    });
    indptr.push(indices.length);
  }
  return {
    rows: rows.length,
    cols: rows[0]?.length ?? 0,
    indptr: Uint32Array.from(indptr),
    indices: Uint32Array.from(indices),
    values: Float32Array.from(values),
  };
}
