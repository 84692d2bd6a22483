import { ConfigError } from "../errors.js";
import { allRows, rowCount } from "../linalg/dense.js";
import { kmeans } from "../linalg/kmeans.js";
import type { NeighborLists } from "../linalg/nearest.js";
import { kmeansOnSample } from "../linalg/sampledKmeans.js";
import { poolMemo } from "../pool/poolMemo.js";
import { rngFor } from "../random.js";
import { approximateGraphOf, EXACT_UP_TO, largePool } from "./poolGraph.js";
import { tieKeys } from "./tieKeys.js";
import type { QueryInput } from "./types.js";

/**
 * Balls are read off the k-NN graph, so a ball holds at most this many neighbours. Above
 * `exactUpTo` pool items the graph is the approximate one of poolGraph.ts and δ's k-means runs
 * once per pool on `puritySample` sampled items (then one assignment pass), so δ and the balls are
 * built once and a round is only the greedy cover.
 */
export const PROBCOVER = { neighbors: 20, purity: 0.95, exactUpTo: EXACT_UP_TO, puritySample: 20_000 } as const;

const distanceOf = (similarity: number): number => Math.sqrt(Math.max(0, 2 - 2 * similarity));

/** ball(i) = {i} ∪ {j in i's neighbour list : d(i, j) ≤ δ}; `holders[holderCount[j] .. holderCount[j + 1])` are the balls holding j. */
interface Balls {
  readonly graph: NeighborLists;
  readonly delta: number;
  readonly holderCount: Uint32Array;
  readonly holders: Uint32Array;
}

/**
 * ProbCover (Yehuda, Dekel, Hacohen & Weinshall, NeurIPS 2022): with a budget too small for
 * uncertainty to mean anything, label the items whose δ-balls cover the most of the pool not yet
 * covered (greedy max coverage, labeled items' balls covered from the start). δ is the paper's:
 * the largest radius at which 95% of balls are pure, purity judged against k-means with one cluster
 * per class. Balls come from the index's k-NN graph (20 neighbours), so a ball is "the neighbours
 * within δ" among those. When everything is covered the rest of the batch is drawn at random, as
 * the paper does.
 */
export async function probcover(input: QueryInput, k: number): Promise<Uint32Array> {
  const { vectors, index, numClasses, rng } = input;
  if (!vectors) throw new ConfigError("probcover needs pool vectors");
  if (largePool(vectors)) {
    const balls = poolMemo(vectors, `probcover:${numClasses}`, () => {
      const graph = approximateGraphOf(vectors, PROBCOVER.neighbors);
      const n = rowCount(vectors);
      const clusters = kmeansOnSample(vectors, allRows(n), Math.min(numClasses, n), rngFor(0, "probcover-purity"), PROBCOVER.puritySample);
      return ballsOf(graph, purityRadius(graph, clusters.assignment, PROBCOVER.purity));
    });
    return greedyCover(input, balls, k);
  }
  if (!index) throw new ConfigError("probcover needs a vector index");
  const n = index.size;
  const graph = index.neighborGraph(PROBCOVER.neighbors);
  return greedyCover(input, ballsOf(graph, purityRadius(graph, kmeans(vectors, allRows(n), Math.min(numClasses, n), rng).assignment, PROBCOVER.purity)), k);
}

function ballsOf(graph: NeighborLists, delta: number): Balls {
  const n = graph.indices.length / graph.k;
  const holderCount = new Uint32Array(n + 1);
  const inBall = (i: number, j: number): boolean => distanceOf(graph.similarities[i * graph.k + j]) <= delta;
  for (let i = 0; i < n; i++) for (let j = 0; j < graph.k; j++) if (inBall(i, j)) holderCount[graph.indices[i * graph.k + j] + 1]++;
  for (let i = 0; i < n; i++) holderCount[i + 1] += holderCount[i];
  const holders = new Uint32Array(holderCount[n]);
  const fill = holderCount.slice(0, n);
  for (let i = 0; i < n; i++) for (let j = 0; j < graph.k; j++) if (inBall(i, j)) holders[fill[graph.indices[i * graph.k + j]]++] = i;
  return { graph, delta, holderCount, holders };
}

/** Greedy max coverage over the balls, the labeled items' balls covered first; the round's only work on a large pool. */
function greedyCover({ candidates, labeled, rng }: QueryInput, { graph, delta, holderCount, holders }: Balls, k: number): Uint32Array {
  const n = holderCount.length - 1;
  const inBall = (i: number, j: number): boolean => distanceOf(graph.similarities[i * graph.k + j]) <= delta;
  // degree[i]: uncovered points in ball(i).
  const degree = new Int32Array(n).fill(1);
  for (let j = 0; j < n; j++) for (let h = holderCount[j]; h < holderCount[j + 1]; h++) degree[holders[h]]++;
  const covered = new Uint8Array(n);
  const cover = (j: number): void => {
    if (covered[j]) return;
    covered[j] = 1;
    degree[j]--;
    for (let h = holderCount[j]; h < holderCount[j + 1]; h++) degree[holders[h]]--;
  };
  const coverBall = (i: number): void => {
    cover(i);
    for (let j = 0; j < graph.k; j++) if (inBall(i, j)) cover(graph.indices[i * graph.k + j]);
  };
  for (const item of labeled ?? []) coverBall(item);

  const ties = tieKeys(candidates.length, rng);
  const taken = new Uint8Array(candidates.length);
  const picks: number[] = [];
  while (picks.length < k) {
    let best = -1;
    for (let i = 0; i < candidates.length; i++) {
      if (taken[i]) continue;
      const d = degree[candidates[i]];
      if (best < 0 || d > degree[candidates[best]] || (d === degree[candidates[best]] && ties[i] > ties[best])) best = i;
    }
    // Everything covered: the tie keys make the rest a uniform random draw.
    taken[best] = 1;
    picks.push(candidates[best]);
    coverBall(candidates[best]);
  }
  return Uint32Array.from(picks);
}

/**
 * The largest δ at which a share `purity` of the balls are pure (all members in one cluster). A ball
 * stays pure up to the distance of its first neighbour from another cluster (or the end of its
 * neighbour list), so δ is a quantile of those limits.
 */
function purityRadius(graph: NeighborLists, cluster: Int32Array, purity: number): number {
  const n = cluster.length;
  const limits = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    let limit = distanceOf(graph.similarities[i * graph.k + graph.k - 1]);
    for (let j = 0; j < graph.k; j++) {
      if (cluster[graph.indices[i * graph.k + j]] !== cluster[i]) {
        // Pure only below this neighbour's distance.
        limit = distanceOf(graph.similarities[i * graph.k + j]) - 1e-9;
        break;
      }
    }
    limits[i] = limit;
  }
  limits.sort();
  return Math.max(0, limits[Math.min(n - 1, Math.floor((1 - purity) * n))]);
}
