import { ConfigError } from "../errors.js";
import { rowScanner } from "../linalg/similarities.js";
import { drawUntaken } from "../weightedDraw.js";
import { tieKeys } from "./tieKeys.js";
import type { QueryInput } from "./types.js";

/**
 * BADGE (Ash et al., ICLR 2020): k-means++ seeding over gradient embeddings. An item's embedding is
 * the gradient of the loss at its predicted label with respect to the last layer,
 * g = (p − onehot(ŷ)) ⊗ x: its norm is large where the model is unsure, its direction says in which
 * way, so seeding by distance picks uncertain items that are also different from each other.
 *
 * x is the item's pool vector (the target model is linear on TF-IDF; the vector is a random
 * projection of those features, so x·x' approximates the true feature inner product). The
 * embeddings are never built: for outer products g·g' = (r·r')(x·x') with r = p − onehot(ŷ), so
 * ||g − g'||² = ||r||²||x||² + ||r'||²||x'||² − 2(r·r')(x·x') costs one inner product of pool
 * vectors and one of K-vectors per item and center, against n × K·dim floats for the embeddings.
 *
 * The first pick is the largest gradient norm, as in the paper's code; each next one is drawn with
 * probability proportional to its squared distance to the nearest pick so far.
 */
export async function badge({ candidates, vectors, probs, numClasses, rng }: QueryInput, k: number): Promise<Uint32Array> {
  if (!vectors) throw new ConfigError("badge needs pool vectors");
  if (!probs) throw new ConfigError("badge needs the model's probabilities");
  const n = candidates.length;
  const K = numClasses;
  const { data, dim } = vectors;
  // r_i = p_i − onehot(ŷ_i), and the squared norms of x_i and g_i.
  const residual = new Float32Array(n * K);
  const xNorm = new Float64Array(n);
  const gNorm = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const offset = candidates[i] * K;
    let best = 0;
    for (let c = 1; c < K; c++) if (probs[offset + c] > probs[offset + best]) best = c;
    let rr = 0;
    for (let c = 0; c < K; c++) {
      const r = probs[offset + c] - (c === best ? 1 : 0);
      residual[i * K + c] = r;
      rr += r * r;
    }
    let xx = 0;
    const row = candidates[i] * dim;
    for (let j = 0; j < dim; j++) xx += data[row + j] * data[row + j];
    xNorm[i] = xx;
    gNorm[i] = rr * xx;
  }

  const ties = tieKeys(n, rng);
  const scanner = rowScanner(vectors, candidates);
  const xDot = new Float32Array(n);
  const chosen = new Uint8Array(n);
  const distance = new Float64Array(n).fill(Infinity);
  const picks: number[] = [];
  let next = 0;
  for (let i = 1; i < n; i++) if (gNorm[i] > gNorm[next] || (gNorm[i] === gNorm[next] && ties[i] > ties[next])) next = i;
  for (;;) {
    picks.push(next);
    chosen[next] = 1;
    distance[next] = 0;
    if (picks.length === k) break;
    // Squared distances to the new center, folded into the distances to the nearest one.
    const center = data.subarray(candidates[next] * dim, candidates[next] * dim + dim);
    scanner.scan(center, (start, count, sims, stride) => {
      for (let r = 0; r < count; r++) xDot[start + r] = sims[r * stride];
    });
    const rc = next * K;
    for (let i = 0; i < n; i++) {
      if (chosen[i]) continue;
      let rDot = 0;
      for (let c = 0; c < K; c++) rDot += residual[i * K + c] * residual[rc + c];
      const d = Math.max(0, gNorm[i] + gNorm[next] - 2 * rDot * xDot[i]);
      if (d < distance[i]) distance[i] = d;
    }
    next = drawUntaken(distance, chosen, rng.next());
  }
  return Uint32Array.from(picks, (i) => candidates[i]);
}
