import type { Vectors } from "./dense.js";
import { CENTER_TILE, COLUMN_ROW_TILE, dotsKernel, ROW_TILE, type DotsKernel } from "./simdKernel.js";

/**
 * Rows per block and centers per chunk: a block of 128 rows and a chunk of 64 centers of dimension
 * 256 take 128 KiB and 64 KiB, so both stay in a core's L2 cache while the kernel multiplies them.
 * Without the chunking, 500 centers (2 MiB at 1 KiB each) would stream from L3 for every pair of rows.
 */
const BLOCK_ROWS = 128;
const CENTER_CHUNK = 64;
/** Rows kept in the kernel's memory across scans (see `rowScanner`) up to this many bytes; more are streamed. */
const RESIDENT_BYTES = 64 << 20;

/**
 * Receives one block of results: `sims[r·stride + j]` = (row `rows[start + r]`) · (center j), for
 * r < count and j < m. The view is reused for the next block and must not be kept.
 */
export type BlockVisitor = (start: number, count: number, sims: Float32Array, stride: number) => void;

export interface RowScanner {
  /** Calls `visit` with the inner products of the rows and `centers` (m × dim, packed), a block at a time. */
  scan(centers: Float32Array, visit: BlockVisitor): void;
}

const roundUp = (n: number, to: number): number => Math.ceil(n / to) * to;
/** Rows are padded to a multiple of both kernels' row tiles. */
const ROW_PAD = Math.max(ROW_TILE, COLUMN_ROW_TILE);

/**
 * Inner products of the vectors at `rows` with `centers` (m × dim, packed), a block of rows at a
 * time, on the WebAssembly SIMD kernel (plain loops where it is unavailable). Over unit vectors an
 * inner product is a cosine similarity and ||x − c||² = 2 − 2·x·c, so every distance-based strategy
 * reduces to this scan. A visitor must not start another scan: blocks share the kernel's memory.
 */
export function scanSimilarities(vectors: Vectors, rows: Uint32Array, centers: Float32Array, visit: BlockVisitor): void {
  rowScanner(vectors, rows, false).scan(centers, visit);
}

/**
 * A scanner for many scans of the same rows against different centers (k-means seeding and
 * iterations): the rows are copied into the kernel's memory once, when they fit in RESIDENT_BYTES,
 * and only the centers are copied per scan. Another scanner may reuse that memory; the rows are
 * then copied again on the next scan.
 */
export function rowScanner(vectors: Vectors, rows: Uint32Array, resident = true): RowScanner {
  const kernel = dotsKernel();
  if (!kernel) return { scan: (centers, visit) => scanPlain(vectors, rows, centers, visit) };
  const dPad = roundUp(vectors.dim, 4);
  const keep = resident && roundUp(rows.length, ROW_PAD) * dPad * 4 <= RESIDENT_BYTES;
  let loadedAt = -1;
  return {
    scan(centers, visit) {
      if (centers.length % vectors.dim !== 0) throw new Error(`scan: ${centers.length} center floats is not a multiple of dimension ${vectors.dim}`);
      if (centers.length === 0 || rows.length === 0) return;
      if (!keep) return scanStreaming(kernel, vectors, rows, centers, visit);
      if (loadedAt !== generation) {
        const memory = reserve(kernel, roundUp(rows.length, ROW_PAD) * dPad);
        copyRows(memory, 0, vectors, rows, 0, rows.length, dPad);
        loadedAt = ++generation;
      }
      scanBlocks(kernel, vectors.dim, roundUp(rows.length, ROW_PAD) * dPad, rows.length, centers, visit, () => 0);
    },
  };
}

/** Bumped whenever a scan overwrites the start of the kernel's memory, so resident rows know to reload. */
let generation = 0;

function scanStreaming(kernel: DotsKernel, vectors: Vectors, rows: Uint32Array, centers: Float32Array, visit: BlockVisitor): void {
  const dPad = roundUp(vectors.dim, 4);
  generation++;
  // The block of rows sits at the start of memory and is refilled before each block.
  scanBlocks(kernel, vectors.dim, BLOCK_ROWS * dPad, rows.length, centers, visit, (memory, start, count) => {
    copyRows(memory, 0, vectors, rows, start, count, dPad);
    return start;
  });
}

/**
 * The kernel calls for `count` rows whose first `rowsFloats` floats of memory hold them (all of them,
 * or the current block that `load` fills; `load` returns the row index at memory offset 0).
 */
function scanBlocks(
  kernel: DotsKernel,
  dim: number,
  rowsFloats: number,
  count: number,
  centers: Float32Array,
  visit: BlockVisitor,
  load: (memory: Float32Array, start: number, count: number) => number,
): void {
  const dPad = roundUp(dim, 4);
  const m = centers.length / dim;
  // One center: the 4 × 1 kernel, with no padding centers.
  const mPad = m === 1 ? 1 : roundUp(m, CENTER_TILE);
  const centerBase = rowsFloats;
  const outBase = centerBase + mPad * dPad;
  const memory = reserve(kernel, outBase + BLOCK_ROWS * mPad);
  memory.fill(0, centerBase, outBase);
  for (let j = 0; j < m; j++) memory.set(centers.subarray(j * dim, j * dim + dim), centerBase + j * dPad);
  const sims = memory.subarray(outBase, outBase + BLOCK_ROWS * mPad);
  for (let start = 0; start < count; start += BLOCK_ROWS) {
    const size = Math.min(BLOCK_ROWS, count - start);
    const first = load(memory, start, size);
    const rowBase = (start - first) * dPad;
    const padded = roundUp(size, ROW_PAD);
    if (mPad === 1) kernel.dotsColumn(rowBase * 4, padded, centerBase * 4, 1, dPad * 4, outBase * 4, 4);
    for (let chunk = 0; mPad > 1 && chunk < mPad; chunk += CENTER_CHUNK) {
      const chunkSize = Math.min(CENTER_CHUNK, mPad - chunk);
      kernel.dots(rowBase * 4, padded, (centerBase + chunk * dPad) * 4, chunkSize, dPad * 4, (outBase + chunk) * 4, mPad * 4);
    }
    visit(start, size, sims, mPad);
  }
}

/** Copies rows[start, start + count) to `at` with rows dPad floats apart, zero-padding each row and the tile. */
function copyRows(memory: Float32Array, at: number, vectors: Vectors, rows: Uint32Array, start: number, count: number, dPad: number): void {
  const { data, dim } = vectors;
  const padded = roundUp(count, ROW_PAD);
  if (dPad !== dim || padded !== count) memory.fill(0, at, at + padded * dPad);
  for (let r = 0; r < count; r++) {
    const offset = rows[start + r] * dim;
    memory.set(data.subarray(offset, offset + dim), at + r * dPad);
  }
}

/** The kernel's memory as floats, grown to hold at least `floats`. */
function reserve(kernel: DotsKernel, floats: number): Float32Array {
  const bytes = floats * 4;
  const have = kernel.memory.buffer.byteLength;
  if (have < bytes) kernel.memory.grow(Math.ceil((bytes - have) / 65536));
  return new Float32Array(kernel.memory.buffer, 0, floats);
}

function scanPlain(vectors: Vectors, rows: Uint32Array, centers: Float32Array, visit: BlockVisitor): void {
  const { data, dim } = vectors;
  const m = centers.length / dim;
  if (m === 0 || rows.length === 0) return;
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
