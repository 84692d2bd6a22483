import { dotRows, type Vectors } from "../linalg/dense.js";
import type { Rng } from "../random.js";

/**
 * Greedy facility location (the submodular coverage objective of data-subset selection, e.g.
 * Bhatt et al. 2024 for instruction data): F(S) = Σ over every pool item i of max over s in S of
 * sim(i, s), sim the cosine clipped at 0. Each step adds the candidate with the largest gain,
 * Σ_i max(0, sim(i, c) − cover_i), where cover_i starts at the item's similarity to what was
 * chosen before (so later rounds fill what earlier ones left uncovered). The (1 − 1/e) greedy
 * guarantee holds for this monotone submodular F. Ties go to the candidate with the larger random key.
 *
 * `candidates` and `chosen` are rows of `vectors` (unit rows); returns k candidates, in pick order.
 */
export function facilityLocation(vectors: Vectors, candidates: Uint32Array, chosen: Uint32Array, k: number, rng: Rng): Uint32Array {
  const { data, dim } = vectors;
  const n = data.length / dim;
  const m = candidates.length;
  const cover = new Float32Array(n);
  for (const s of chosen) for (let i = 0; i < n; i++) cover[i] = Math.max(cover[i], dotRows(data, i, data, s, dim));
  // Similarities of every candidate to every pool item, computed once: m × n floats.
  const sims = new Float32Array(m * n);
  for (let c = 0; c < m; c++) for (let i = 0; i < n; i++) sims[c * n + i] = Math.max(0, dotRows(data, candidates[c], data, i, dim));
  const keys = Float64Array.from({ length: m }, () => rng.next());
  const taken = new Uint8Array(m);
  const picks: number[] = [];
  for (let step = 0; step < Math.min(k, m); step++) {
    let best = -1;
    let bestGain = -1;
    for (let c = 0; c < m; c++) {
      if (taken[c]) continue;
      let gain = 0;
      const row = c * n;
      for (let i = 0; i < n; i++) {
        const d = sims[row + i] - cover[i];
        if (d > 0) gain += d;
      }
      if (gain > bestGain || (gain === bestGain && keys[c] > keys[best])) {
        best = c;
        bestGain = gain;
      }
    }
    taken[best] = 1;
    picks.push(candidates[best]);
    const row = best * n;
    for (let i = 0; i < n; i++) if (sims[row + i] > cover[i]) cover[i] = sims[row + i];
  }
  return Uint32Array.from(picks);
}
