import { type PreferenceConfig, preferenceLlmRoles } from "../../runtime/config/preferenceConfig.js";
import type { PromptPool } from "../../runtime/promptPool/promptPool.js";
import type { PromptPools } from "../../runtime/promptPool/promptPools.js";
import { pairRow, rowTerms } from "../../tools/preference/pairFeatures.js";
import type { CandidatePair, PreferenceRecord } from "../../tools/preference/preferenceRecords.js";
import { type PairRow, RewardModel } from "../../tools/preference/rewardModel.js";

/** The prompt pool of an active-preference run (the simulated LLM's reservoir held out when any role uses it). */
export function preferencePool(pools: PromptPools, config: PreferenceConfig): Promise<PromptPool> {
  return pools.of(
    config,
    preferenceLlmRoles(config).some((llm) => llm.provider === "simulated"),
  );
}

/** Rows φ(x, a) − φ(x, b) of (prompt, a, b) triples, each prompt featurized once. */
export function pairRows(pool: PromptPool, pairs: ReadonlyArray<{ prompt: string; a: string; b: string }>): PairRow[] {
  const terms = new Map<string, Map<number, number>>();
  return pairs.map(({ prompt, a, b }) => {
    let t = terms.get(prompt);
    if (!t) terms.set(prompt, (t = rowTerms(pool.vectorizer.transform([prompt]), 0)));
    return pairRow(t, a, b, pool.classes);
  });
}

/** The Bradley–Terry reward model of the preferences so far (ties carry no preference and are left out). */
export function fitRewardModel(pool: PromptPool, pairs: readonly CandidatePair[], preferences: readonly PreferenceRecord[], C: number): RewardModel {
  const byId = new Map(pairs.map((pair) => [pair.id, pair]));
  const decided = preferences.filter((record) => record.choice !== "tie" && byId.has(record.id));
  return RewardModel.fit(
    pairRows(
      pool,
      decided.map((record) => byId.get(record.id)!),
    ),
    decided.map((record) => record.choice === "A"),
    C,
  );
}
