import type { CsrMatrix } from "../linalg/csr.js";

/**
 * Cosine similarity of every query row against every candidate row, for rows of unit length
 * (TF-IDF rows are), as dot products: each query is scattered into a dense buffer once, then every
 * candidate's non-zeros are read once. `visit(q, c, similarity)` sees each pair.
 */
function forEachSimilarity(queries: CsrMatrix, candidates: CsrMatrix, visit: (query: number, candidate: number, similarity: number) => void): void {
  if (queries.cols !== candidates.cols) throw new Error(`similarity: ${queries.cols} columns against ${candidates.cols}`);
  const dense = new Float32Array(queries.cols);
  for (let q = 0; q < queries.rows; q++) {
    for (let p = queries.indptr[q]; p < queries.indptr[q + 1]; p++) dense[queries.indices[p]] = queries.values[p];
    for (let c = 0; c < candidates.rows; c++) {
      let dot = 0;
      for (let p = candidates.indptr[c]; p < candidates.indptr[c + 1]; p++) dot += dense[candidates.indices[p]] * candidates.values[p];
      visit(q, c, dot);
    }
    for (let p = queries.indptr[q]; p < queries.indptr[q + 1]; p++) dense[queries.indices[p]] = 0;
  }
}

/** For each query row, the indices of the k most similar candidate rows, most similar first. */
export function mostSimilar(queries: CsrMatrix, candidates: CsrMatrix, k: number): number[][] {
  const best: Array<Array<{ index: number; similarity: number }>> = Array.from({ length: queries.rows }, () => []);
  forEachSimilarity(queries, candidates, (q, c, similarity) => {
    const list = best[q];
    if (list.length < k || similarity > list[list.length - 1].similarity) {
      list.push({ index: c, similarity });
      list.sort((a, b) => b.similarity - a.similarity || a.index - b.index);
      if (list.length > k) list.pop();
    }
  });
  return best.map((list) => list.map((entry) => entry.index));
}

/** Every query row's cosine similarity to every candidate row, row-major (queries × candidates). */
export function similarityMatrix(queries: CsrMatrix, candidates: CsrMatrix): Float32Array {
  const out = new Float32Array(queries.rows * candidates.rows);
  forEachSimilarity(queries, candidates, (q, c, similarity) => (out[q * candidates.rows + c] = similarity));
  return out;
}

/** For each query row, its highest similarity to any candidate row (−Infinity with no candidates). */
export function maxSimilarity(queries: CsrMatrix, candidates: CsrMatrix): Float64Array {
  const out = new Float64Array(queries.rows).fill(Number.NEGATIVE_INFINITY);
  forEachSimilarity(queries, candidates, (q, _c, similarity) => {
    if (similarity > out[q]) out[q] = similarity;
  });
  return out;
}
