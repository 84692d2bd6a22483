import { allRows, gatherRows } from "../linalg/dense.js";
import { kmeans } from "../linalg/kmeans.js";
import { poolMemo } from "../pool/poolMemo.js";
import { approximateGraphOf, partitionOf } from "./poolGraph.js";
import type { QueryInput } from "./types.js";
import { typicality } from "../linalg/typicality.js";

/** The settings of typiclust.ts that this path reads. */
export interface TypiclustSettings {
  readonly neighbors: number;
  readonly maxClusters: number;
  readonly minClusterSize: number;
  readonly cells: number;
}

/**
 * TypiClust on a pool too large to cluster item by item each round. Once per pool: a k-means
 * partition into 1000 fine cells (twice the paper's cap of 500 clusters), the
 * approximate 20-NN graph and each item's typicality, and each cell's members in order of
 * typicality. Each round: the |labeled| + k clusters are made by weighted k-means over the cells'
 * centroids (weight = cell size), the coreset view of k-means (Har-Peled & Mazumdar 2004): an item
 * belongs to its cell's cluster. Then as in the paper: the cluster with the fewest labels (the
 * largest on ties) gives its most typical available item. A round costs k-means over ~1000 points
 * and a walk of the chosen cells, whatever the pool size.
 */
export function typiclustAtScale({ candidates, labeled, vectors, rng }: QueryInput, k: number, settings: TypiclustSettings): Uint32Array {
  if (!vectors) throw new Error("typiclustAtScale: no vectors");
  const partition = partitionOf(vectors, settings.cells);
  const { cells, start, sizes, cellOf } = partition;
  const typical = poolMemo(vectors, `typicality:${settings.neighbors}`, () => typicality(approximateGraphOf(vectors, settings.neighbors)));
  // Each cell's members, most typical first (ties by pool index).
  const ordered = poolMemo(vectors, `typiclust:cell-order:${settings.cells}:${settings.neighbors}`, () => {
    const out = partition.members.slice();
    for (let c = 0; c < cells; c++) out.subarray(start[c], start[c + 1]).sort((a, b) => typical[b] - typical[a] || a - b);
    return out;
  });

  const occupied = allRows(cells).filter((c) => sizes[c] > 0);
  const clusterCount = Math.min((labeled?.length ?? 0) + k, settings.maxClusters, occupied.length);
  const weights = Float64Array.from(occupied, (c) => sizes[c]);
  const grouping = kmeans(
    { data: gatherRows({ data: partition.centroids, dim: vectors.dim }, occupied), dim: vectors.dim },
    allRows(occupied.length),
    clusterCount,
    rng,
    {
      weights,
    },
  );
  const clusterOfCell = new Int32Array(cells).fill(-1);
  const cellsOf: number[][] = Array.from({ length: clusterCount }, () => []);
  const clusterSize = new Float64Array(clusterCount);
  occupied.forEach((c, i) => {
    clusterOfCell[c] = grouping.assignment[i];
    cellsOf[grouping.assignment[i]].push(c);
    clusterSize[grouping.assignment[i]] += sizes[c];
  });
  const labels = new Uint32Array(clusterCount);
  for (const item of labeled ?? []) labels[clusterOfCell[cellOf[item]]]++;

  const available = new Uint8Array(cellOf.length);
  for (const item of candidates) available[item] = 1;
  const cursor = start.slice(0, cells);
  /** The most typical available item of a cluster, or −1 when none is left. */
  const head = (cluster: number): number => {
    let best = -1;
    for (const c of cellsOf[cluster]) {
      while (cursor[c] < start[c + 1] && !available[ordered[cursor[c]]]) cursor[c]++;
      if (cursor[c] === start[c + 1]) continue;
      const item = ordered[cursor[c]];
      if (best < 0 || typical[item] > typical[best] || (typical[item] === typical[best] && item < best)) best = item;
    }
    return best;
  };

  const exhausted = new Uint8Array(clusterCount);
  const picks: number[] = [];
  while (picks.length < k) {
    let best = -1;
    for (const allowSmall of [false, true]) {
      for (let c = 0; c < clusterCount; c++) {
        if (exhausted[c] || (!allowSmall && clusterSize[c] < settings.minClusterSize)) continue;
        if (best < 0 || labels[c] < labels[best] || (labels[c] === labels[best] && clusterSize[c] > clusterSize[best])) best = c;
      }
      if (best >= 0) break;
    }
    if (best < 0) throw new Error("typiclust: fewer candidates than the batch");
    const item = head(best);
    if (item < 0) {
      exhausted[best] = 1;
      continue;
    }
    available[item] = 0;
    picks.push(item);
    labels[best]++;
  }
  return Uint32Array.from(picks);
}
