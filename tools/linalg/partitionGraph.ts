import { allRows, rowCount, type Vectors } from "./dense.js";
import { topSimilar, type NeighborLists } from "./nearest.js";
import type { PoolPartition } from "./poolPartition.js";
import { scanSimilarities } from "./similarities.js";

/** Each item's neighbours are searched in the cells of this many centroids nearest to it (FAISS's nprobe). */
export const GRAPH_PROBES = 3;

/**
 * An approximate k-NN graph of the pool (an inverted-file search, as in FAISS's IVF): each item's
 * neighbours are found by exact search among the members of the GRAPH_PROBES cells whose centroids
 * are nearest to it. A neighbour beyond those cells is missed; what the strategies read off the
 * graph (the mean distance to the 20 nearest, the neighbours within a small radius) barely moves.
 * Cell by cell, the items probing a cell are scanned against its members in one pass of the SIMD
 * kernel, so it costs about n × GRAPH_PROBES × (cell size) × dim multiply-adds, against hours for
 * the exact graph at a million items and a longer build for HNSW.
 */
export function partitionGraph(vectors: Vectors, partition: PoolPartition, k: number): NeighborLists {
  const n = rowCount(vectors);
  const wanted = Math.min(k, n - 1);
  const probes = Math.min(GRAPH_PROBES, partition.cells);
  const nearest = nearestCells(vectors, partition, probes);
  // Inverted lists: the items probing each cell.
  const probeStart = new Uint32Array(partition.cells + 1);
  for (const c of nearest) probeStart[c + 1]++;
  for (let c = 0; c < partition.cells; c++) probeStart[c + 1] += probeStart[c];
  const fill = probeStart.slice(0, partition.cells);
  const probing = new Uint32Array(nearest.length);
  for (let i = 0; i < nearest.length; i++) probing[fill[nearest[i]]++] = Math.floor(i / probes);

  const indices = new Uint32Array(n * wanted);
  const similarities = new Float32Array(n * wanted).fill(-Infinity);
  const filled = new Uint32Array(n);
  const { start, members } = partition;
  for (let c = 0; c < partition.cells; c++) {
    const rows = probing.subarray(probeStart[c], probeStart[c + 1]);
    const cell = members.subarray(start[c], start[c + 1]);
    if (rows.length === 0 || cell.length === 0) continue;
    scanSimilarities(vectors, rows, gatherCell(vectors, cell), (first, count, sims, stride) => {
      for (let r = 0; r < count; r++) {
        const item = rows[first + r];
        const base = item * wanted;
        for (let j = 0; j < cell.length; j++) {
          const value = sims[r * stride + j];
          if (cell[j] === item || (filled[item] === wanted && value <= similarities[base + wanted - 1])) continue;
          // Insertion into the item's sorted list of the best so far.
          let at = filled[item] < wanted ? filled[item]++ : wanted - 1;
          while (at > 0 && similarities[base + at - 1] < value) {
            similarities[base + at] = similarities[base + at - 1];
            indices[base + at] = indices[base + at - 1];
            at--;
          }
          similarities[base + at] = value;
          indices[base + at] = cell[j];
        }
      }
    });
  }
  // An item whose probed cells hold too few others (tiny cells): its row by exact search.
  const all = allRows(n);
  for (let i = 0; i < n; i++) {
    if (filled[i] === wanted) continue;
    const exact = topSimilar(vectors, Uint32Array.of(i), vectors.data, wanted, all);
    indices.set(exact.indices, i * wanted);
    similarities.set(exact.similarities, i * wanted);
  }
  return { k: wanted, indices, similarities };
}

const gatherCell = (vectors: Vectors, cell: Uint32Array): Float32Array => {
  const out = new Float32Array(cell.length * vectors.dim);
  for (let j = 0; j < cell.length; j++) out.set(vectors.data.subarray(cell[j] * vectors.dim, (cell[j] + 1) * vectors.dim), j * vectors.dim);
  return out;
};

/** Each item's `probes` nearest cell centroids (by ||x − μ||², nearest first), n × probes. */
function nearestCells(vectors: Vectors, { centroids, cells }: PoolPartition, probes: number): Uint32Array {
  const n = rowCount(vectors);
  const { dim } = vectors;
  const bias = new Float32Array(cells);
  for (let c = 0; c < cells; c++) {
    let sum = 0;
    for (let j = 0; j < dim; j++) sum += centroids[c * dim + j] ** 2;
    bias[c] = -sum / 2;
  }
  const out = new Uint32Array(n * probes);
  const best = new Float32Array(probes);
  scanSimilarities(vectors, allRows(n), centroids, (first, count, sims, stride) => {
    for (let r = 0; r < count; r++) {
      const base = (first + r) * probes;
      best.fill(-Infinity);
      for (let c = 0; c < cells; c++) {
        const value = sims[r * stride + c] + bias[c];
        if (value <= best[probes - 1]) continue;
        let at = probes - 1;
        while (at > 0 && best[at - 1] < value) {
          best[at] = best[at - 1];
          out[base + at] = out[base + at - 1];
          at--;
        }
        best[at] = value;
        out[base + at] = c;
      }
    }
  });
  return out;
}
