import type { Vectors } from "./dense.js";
import { scanSimilarities } from "./similarities.js";

/** For each of `rows`, its largest inner product with any of `centers` (−Infinity with no centers). */
export function maxSimilarity(vectors: Vectors, rows: Uint32Array, centers: Float32Array): Float32Array {
  const m = centers.length / vectors.dim;
  const out = new Float32Array(rows.length).fill(-Infinity);
  scanSimilarities(vectors, rows, centers, (start, count, sims, stride) => {
    for (let r = 0; r < count; r++) {
      let best = -Infinity;
      const offset = r * stride;
      for (let j = 0; j < m; j++) if (sims[offset + j] > best) best = sims[offset + j];
      out[start + r] = best;
    }
  });
  return out;
}

/** k neighbours per row, most similar first: row r's are at [r·k, (r+1)·k). */
export interface NeighborLists {
  readonly k: number;
  readonly indices: Uint32Array;
  readonly similarities: Float32Array;
}

/**
 * For each of `rows`, the k centers with the largest inner products, by exact search. `ids` names
 * the centers (positions by default); a center whose id equals the row itself is skipped, so a pool
 * searched against itself does not find each item as its own neighbour.
 */
export function topSimilar(vectors: Vectors, rows: Uint32Array, centers: Float32Array, k: number, ids?: Uint32Array): NeighborLists {
  const m = centers.length / vectors.dim;
  if (k > m) throw new Error(`topSimilar: ${k} neighbours asked among ${m} centers`);
  const indices = new Uint32Array(rows.length * k);
  const similarities = new Float32Array(rows.length * k).fill(-Infinity);
  scanSimilarities(vectors, rows, centers, (start, count, sims, stride) => {
    for (let r = 0; r < count; r++) {
      const self = rows[start + r];
      const base = (start + r) * k;
      let filled = 0;
      for (let j = 0; j < m; j++) {
        const id = ids ? ids[j] : j;
        if (ids && id === self) continue;
        const value = sims[r * stride + j];
        if (filled === k && value <= similarities[base + k - 1]) continue;
        // Insertion into the sorted list of the best so far.
        let at = filled < k ? filled++ : k - 1;
        while (at > 0 && similarities[base + at - 1] < value) {
          similarities[base + at] = similarities[base + at - 1];
          indices[base + at] = indices[base + at - 1];
          at--;
        }
        similarities[base + at] = value;
        indices[base + at] = id;
      }
      if (filled < k) throw new Error(`topSimilar: row ${self} has only ${filled} neighbours other than itself`);
    }
  });
  return { k, indices, similarities };
}
