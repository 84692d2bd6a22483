import type { AuditCluster } from "../llm/prompts/biasAuditPrompt.js";
import type { AuditedItem } from "./patterns.js";

/** A labeled pool item: its pool index, text and current label. */
export interface LabeledPoolItem {
  readonly id: string;
  readonly index: number;
  readonly text: string;
  readonly label: string;
}

/**
 * What the auditor is shown of density clusters: each cluster holding labeled items, numbered from
 * 1, with its label counts (most frequent first) and its `perCluster` most typical labeled items
 * (typicality from the pool's neighbour graph, so the items shown stand for the dense core of the
 * cluster, not its outliers); and every labeled item with the number of its cluster, for matching.
 */
export function clusterViews(
  labeled: readonly LabeledPoolItem[],
  assignment: Int32Array,
  typical: Float64Array,
  perCluster: number,
): { clusters: AuditCluster[]; items: AuditedItem[] } {
  const members = new Map<number, LabeledPoolItem[]>();
  for (const item of labeled) {
    const cluster = assignment[item.index];
    (members.get(cluster) ?? members.set(cluster, []).get(cluster)!).push(item);
  }
  const order = [...members.keys()].sort((a, b) => a - b);
  const numberOf = new Map(order.map((cluster, i) => [cluster, i + 1]));
  const clusters = order.map((cluster) => {
    const list = members.get(cluster)!;
    const counts = new Map<string, number>();
    for (const item of list) counts.set(item.label, (counts.get(item.label) ?? 0) + 1);
    const shown = [...list].sort((a, b) => typical[b.index] - typical[a.index] || a.index - b.index).slice(0, perCluster);
    return {
      key: String(numberOf.get(cluster)),
      labelCounts: [...counts].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0])),
      items: shown.map((item) => ({ text: item.text, label: item.label })),
    };
  });
  const items = labeled.map((item) => ({ id: item.id, text: item.text, label: item.label, cluster: numberOf.get(assignment[item.index])! }));
  return { clusters, items };
}
