import type { parseBiasAuditPrompt } from "../prompts/biasAuditPrompt.js";
import { argmax, type SimulatedMind, type SimulatedReply } from "./mind.js";

/**
 * The simulated auditor names the clusters whose shown labels it disagrees with: for each cluster
 * and label, the share of the typical texts shown with that label that it would label otherwise;
 * where at least half are, it names the pattern (most disagreements first, as many as asked). It
 * names no keyword: it has no notion of why a label was given, only of which labels it doubts, so
 * its patterns are whole (cluster, label) groups. A stronger teacher doubts the right labels more
 * often; that, and nothing else, is what makes its audit useful.
 */
export function auditBiases(prompt: NonNullable<ReturnType<typeof parseBiasAuditPrompt>>, mind: SimulatedMind): SimulatedReply {
  const groups = new Map<string, { cluster: string; label: string; shown: number; doubted: Map<string, number> }>();
  for (const item of prompt.items) {
    const key = `${item.cluster}\u0000${item.label}`;
    const group = groups.get(key) ?? groups.set(key, { cluster: item.cluster, label: item.label, shown: 0, doubted: new Map() }).get(key)!;
    group.shown++;
    const own = mind.labels[argmax(mind.distribution(item.text))];
    if (own !== item.label) group.doubted.set(own, (group.doubted.get(own) ?? 0) + 1);
  }
  const patterns = [...groups.values()]
    .map((group) => ({ ...group, doubts: [...group.doubted.values()].reduce((a, b) => a + b, 0) }))
    .filter((group) => group.doubts > 0 && group.doubts * 2 >= group.shown)
    .sort((a, b) => b.doubts - a.doubts || b.doubts / b.shown - a.doubts / a.shown)
    .slice(0, prompt.maxPatterns)
    .map((group) => {
      const instead = [...group.doubted].sort((a, b) => b[1] - a[1])[0][0];
      return {
        cluster: group.cluster,
        label: group.label,
        description: `texts labeled ${group.label} here read as ${instead}`.slice(0, 120),
        keyword: "",
      };
    });
  return { content: JSON.stringify({ patterns }), tokens: null };
}
