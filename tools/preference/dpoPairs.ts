import type { PreferencePair } from "../export/dpo.js";
import type { CandidatePair, PreferenceRecord } from "./preferenceRecords.js";

/**
 * The DPO pairs a run's preference labels give: for every label that prefers one response, the
 * prompt, the response chosen and the one rejected. Ties prefer nothing and give no pair; a pair
 * labeled twice (two people) keeps its first decided answer.
 */
export function dpoPairsOf(pairs: readonly CandidatePair[], preferences: readonly PreferenceRecord[]): PreferencePair[] {
  const byId = new Map(pairs.map((pair) => [pair.id, pair]));
  const done = new Set<string>();
  const out: PreferencePair[] = [];
  for (const record of preferences) {
    const pair = byId.get(record.id);
    if (!pair || record.choice === "tie" || done.has(record.id)) continue;
    done.add(record.id);
    const [chosen, rejected] = record.choice === "A" ? [pair.a, pair.b] : [pair.b, pair.a];
    out.push({ prompt: pair.prompt, chosen, rejected });
  }
  return out;
}
