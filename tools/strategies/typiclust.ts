import { ConfigError } from "../errors.js";
import { allRows } from "../linalg/dense.js";
import { kmeans } from "../linalg/kmeans.js";
import { typicality } from "../linalg/typicality.js";
import { EXACT_UP_TO, largePool } from "./poolGraph.js";
import { tieKeys } from "./tieKeys.js";
import type { QueryInput } from "./types.js";
import { typiclustAtScale } from "./typiclustAtScale.js";

/**
 * The paper's settings: typicality over 20 neighbours, at most 500 clusters, clusters under 5
 * items skipped while larger ones remain. Above `exactUpTo` pool items the large-pool path of
 * typiclustAtScale.ts runs: k-means over the centroids of a partition into `cells` cells (twice
 * the cluster cap, so a cluster is at least two cells on average) built once per pool.
 */
export const TYPICLUST = { neighbors: 20, maxClusters: 500, minClusterSize: 5, exactUpTo: EXACT_UP_TO, cells: 1000 } as const;

/**
 * TypiClust (Hacohen, Dekel & Weinshall, ICML 2022): for tiny budgets, label typical items rather
 * than uncertain ones. Cluster the pool (labeled items included) into |labeled| + k clusters;
 * repeatedly take the cluster with the fewest labels (the largest on ties) and label its most
 * typical unlabeled item, typicality being the inverse mean distance to its nearest neighbours.
 * Needs no model. Neighbours come from the index's pool-wide neighbour graph (the paper takes them
 * within the cluster; in a clustered pool they are mostly the same items).
 */
export async function typiclust(input: QueryInput, k: number): Promise<Uint32Array> {
  const { candidates, labeled, vectors, index, rng } = input;
  if (!vectors) throw new ConfigError("typiclust needs pool vectors");
  if (largePool(vectors)) return typiclustAtScale(input, k, TYPICLUST);
  if (!index) throw new ConfigError("typiclust needs a vector index");
  const poolSize = index.size;
  const labeledCount = labeled?.length ?? 0;
  const clusterCount = Math.min(labeledCount + k, TYPICLUST.maxClusters, poolSize);
  const clusters = kmeans(vectors, allRows(poolSize), clusterCount, rng);

  const typical = typicality(index.neighborGraph(TYPICLUST.neighbors));

  const ties = tieKeys(poolSize, rng);
  const available = new Uint8Array(poolSize);
  for (const item of candidates) available[item] = 1;
  const labels = new Uint32Array(clusterCount);
  for (const item of labeled ?? []) labels[clusters.assignment[item]]++;
  // The most typical available member of each cluster, and how many are available.
  const members: number[][] = Array.from({ length: clusterCount }, () => []);
  for (let i = 0; i < poolSize; i++) if (available[i]) members[clusters.assignment[i]].push(i);
  const byTypicality = (a: number, b: number) => typical[b] - typical[a] || ties[b] - ties[a];
  for (const list of members) list.sort(byTypicality);
  const next = new Uint32Array(clusterCount);

  const picks: number[] = [];
  while (picks.length < k) {
    let best = -1;
    for (const allowSmall of [false, true]) {
      for (let c = 0; c < clusterCount; c++) {
        if (next[c] >= members[c].length) continue;
        if (!allowSmall && clusters.sizes[c] < TYPICLUST.minClusterSize) continue;
        if (best < 0 || labels[c] < labels[best] || (labels[c] === labels[best] && clusters.sizes[c] > clusters.sizes[best])) best = c;
      }
      if (best >= 0) break;
    }
    picks.push(members[best][next[best]++]);
    labels[best]++;
  }
  return Uint32Array.from(picks);
}
