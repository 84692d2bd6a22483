import type { SftState, SftUpdate } from "../../graphs/activeSft/state.js";
import { sftConfigOf, scoresQuality } from "../../runtime/config/sftConfig.js";
import type { PromptPools } from "../../runtime/promptPool/promptPools.js";
import { rngFor, shuffleInPlace } from "../../tools/random.js";
import { SFT_STRATEGIES } from "../../tools/sft/strategies.js";
import { sftPool } from "./sftPool.js";

/**
 * Query: draw the round's shortlist at random from the prompts not yet chosen, have it scored if
 * the strategy ranks by the model's samples or Ask-LLM (select runs again once they are), and pick
 * the round's examples with the strategy. Picks the self-training rule must judge are scored too.
 */
export const select =
  (pools: PromptPools) =>
  async (state: SftState): Promise<SftUpdate> => {
    const config = sftConfigOf(state);
    const pool = await sftPool(pools, config);
    const strategy = SFT_STRATEGIES[config.strategy];
    const needs = strategy.needs as readonly string[];
    const quality = scoresQuality(config);
    const left = Math.min(config.batchSize, config.stopping.maxExamples - state.examples.length - state.humanQueue.length);
    const failed = new Set(state.failed.map((item) => item.id));
    let { shortlist } = state;
    const update: SftUpdate = {};
    if (shortlist.length === 0) {
      const taken = new Set([...state.examples.map((example) => example.id), ...state.humanQueue.map((item) => item.id), ...failed]);
      const available = pool.items.filter((item) => !taken.has(item.id)).map((item) => item.id);
      if (available.length === 0 || left <= 0) return { batch: [], pending: [] };
      const round = state.round + 1;
      shortlist = shuffleInPlace(available, rngFor(config.seed, "sft-shortlist", round)).slice(0, left * config.shortlistFactor);
      Object.assign(update, { round, shortlist, roundStartedAt: Date.now() });
      const scoreFirst = needs.includes("samples") || needs.includes("quality");
      const unscored = shortlist.filter((id) => !state.scored[id] || (quality && state.scored[id].quality === undefined));
      if (scoreFirst && unscored.length > 0) return { ...update, pending: unscored };
    }
    const round = update.round ?? state.round;
    // Prompts whose scoring failed are no candidates: their samples are missing.
    const candidates = shortlist.filter((id) => !failed.has(id) && (!needs.includes("samples") || state.scored[id]));
    const positions = Uint32Array.from(candidates, (id) => pool.indexOf(id));
    const picked = strategy.pick(
      {
        candidates: positions,
        uncertainty: needs.includes("samples") ? Float64Array.from(candidates, (id) => state.scored[id].uncertainty) : undefined,
        quality: needs.includes("quality") ? Float64Array.from(candidates, (id) => state.scored[id].quality ?? 0.5) : undefined,
        vectors: needs.includes("vectors") ? await pool.vectors(config.vectors) : undefined,
        chosen: Uint32Array.from(state.examples, (example) => pool.indexOf(example.id)),
        rng: rngFor(config.seed, "sft-select", round),
      },
      Math.max(0, left),
    );
    const batch = Array.from(picked, (position) => pool.items[position].id);
    // The self-training rule reads each pick's agreement (and quality): score the picks that lack them.
    const pending =
      config.selfTraining === null
        ? []
        : batch.filter((id) => !pool.item(id).response && (!state.scored[id] || (quality && state.scored[id].quality === undefined)));
    return { ...update, shortlist: [], batch, pending };
  };
