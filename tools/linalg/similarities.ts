import type { Vectors } from "./dense.js";
import { CENTER_TILE, dotsKernel, ROW_TILE } from "./simdKernel.js";

/** Rows per block: the block and its results stay in the CPU's cache while the visitor reads them. */
const BLOCK_ROWS = 512;

/**
 * Receives one block of results: `sims[r·stride + j]` = (row `rows[start + r]`) · (center j), for
 * r < count and j < m. The view is reused for the next block and must not be kept.
 */
export type BlockVisitor = (start: number, count: number, sims: Float32Array, stride: number) => void;

const roundUp = (n: number, to: number): number => Math.ceil(n / to) * to;

/**
 * Inner products of the vectors at `rows` with `centers` (m × dim, packed), a block of rows at a
 * time, on the WebAssembly SIMD kernel (plain loops where it is unavailable). Over unit vectors an
 * inner product is a cosine similarity and ||x − c||² = 2 − 2·x·c, so every distance-based strategy
 * reduces to this scan. A visitor must not start another scan: blocks share the kernel's memory.
 */
export function scanSimilarities(vectors: Vectors, rows: Uint32Array, centers: Float32Array, visit: BlockVisitor): void {
  const { data, dim } = vectors;
  if (centers.length % dim !== 0) throw new Error(`scanSimilarities: ${centers.length} center floats is not a multiple of dimension ${dim}`);
  const m = centers.length / dim;
  if (m === 0 || rows.length === 0) return;
  const kernel = dotsKernel();
  if (!kernel) return scanPlain(vectors, rows, centers, m, visit);

  const dPad = roundUp(dim, 4);
  const mPad = roundUp(m, CENTER_TILE);
  const stride = dPad * 4;
  const centerBase = 0;
  const rowBase = centerBase + mPad * dPad;
  const outBase = rowBase + BLOCK_ROWS * dPad;
  const floats = outBase + BLOCK_ROWS * mPad;
  const bytes = floats * 4;
  if (kernel.memory.buffer.byteLength < bytes) kernel.memory.grow(Math.ceil((bytes - kernel.memory.buffer.byteLength) / 65536));
  const memory = new Float32Array(kernel.memory.buffer, 0, floats);

  memory.fill(0, centerBase, rowBase);
  for (let j = 0; j < m; j++) memory.set(centers.subarray(j * dim, j * dim + dim), centerBase + j * dPad);
  memory.fill(0, rowBase, outBase);
  const sims = memory.subarray(outBase, outBase + BLOCK_ROWS * mPad);
  for (let start = 0; start < rows.length; start += BLOCK_ROWS) {
    const count = Math.min(BLOCK_ROWS, rows.length - start);
    for (let r = 0; r < count; r++) {
      const offset = rows[start + r] * dim;
      memory.set(data.subarray(offset, offset + dim), rowBase + r * dPad);
    }
    const padded = roundUp(count, ROW_TILE);
    // Rows past the end of the last block: zeros, so the kernel reads no stale data (results unused).
    if (padded > count) memory.fill(0, rowBase + count * dPad, rowBase + padded * dPad);
    kernel.dots(rowBase * 4, padded, centerBase * 4, mPad, stride, outBase * 4);
    visit(start, count, sims, mPad);
  }
}

function scanPlain(vectors: Vectors, rows: Uint32Array, centers: Float32Array, m: number, visit: BlockVisitor): void {
  const { data, dim } = vectors;
  const sims = new Float32Array(BLOCK_ROWS * m);
  for (let start = 0; start < rows.length; start += BLOCK_ROWS) {
    const count = Math.min(BLOCK_ROWS, rows.length - start);
    for (let r = 0; r < count; r++) {
      const x = rows[start + r] * dim;
      for (let j = 0; j < m; j++) {
        const c = j * dim;
        let s0 = 0;
        let s1 = 0;
        let t = 0;
        for (; t + 1 < dim; t += 2) {
          s0 += data[x + t] * centers[c + t];
          s1 += data[x + t + 1] * centers[c + t + 1];
        }
        if (t < dim) s0 += data[x + t] * centers[c + t];
        sims[r * m + j] = s0 + s1;
      }
    }
    visit(start, count, sims, m);
  }
}
