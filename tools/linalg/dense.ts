/**
 * Dense vectors, one row per item, row-major in a Float32Array: the layout of pool vectors (a
 * million rows of 256 floats is 1 GiB in one typed array, against several times that as arrays of
 * numbers).
 */
export interface Vectors {
  readonly data: Float32Array;
  readonly dim: number;
}

export function rowCount(vectors: Vectors): number {
  return vectors.data.length / vectors.dim;
}

/** Scales every row to unit L2 norm, in place; an all-zero row stays zero. */
export function normalizeRows(data: Float32Array, dim: number): Float32Array {
  for (let offset = 0; offset < data.length; offset += dim) {
    let sum = 0;
    for (let j = 0; j < dim; j++) sum += data[offset + j] * data[offset + j];
    if (sum > 0) {
      const scale = 1 / Math.sqrt(sum);
      for (let j = 0; j < dim; j++) data[offset + j] *= scale;
    }
  }
  return data;
}

/** a[aRow] · b[bRow], with four accumulators so the additions do not wait on each other. */
export function dotRows(a: Float32Array, aRow: number, b: Float32Array, bRow: number, dim: number): number {
  const x = aRow * dim;
  const y = bRow * dim;
  let s0 = 0;
  let s1 = 0;
  let s2 = 0;
  let s3 = 0;
  let j = 0;
  for (; j + 3 < dim; j += 4) {
    s0 += a[x + j] * b[y + j];
    s1 += a[x + j + 1] * b[y + j + 1];
    s2 += a[x + j + 2] * b[y + j + 2];
    s3 += a[x + j + 3] * b[y + j + 3];
  }
  for (; j < dim; j++) s0 += a[x + j] * b[y + j];
  return s0 + s1 + s2 + s3;
}

/** The rows at `rows`, packed in that order. */
export function gatherRows(vectors: Vectors, rows: ArrayLike<number>): Float32Array {
  const { data, dim } = vectors;
  const out = new Float32Array(rows.length * dim);
  for (let r = 0; r < rows.length; r++) out.set(data.subarray(rows[r] * dim, rows[r] * dim + dim), r * dim);
  return out;
}

/** 0, 1, …, n − 1. */
export function allRows(n: number): Uint32Array {
  const out = new Uint32Array(n);
  for (let i = 0; i < n; i++) out[i] = i;
  return out;
}
