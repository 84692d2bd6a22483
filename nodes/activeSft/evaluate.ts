import type { SftState, SftUpdate } from "../../graphs/activeSft/state.js";
import { sftConfigOf } from "../../runtime/config/sftConfig.js";
import type { PromptPools } from "../../runtime/promptPool/promptPools.js";
import { subjectText } from "../../tools/instructions/instructionItem.js";
import { measureSelection } from "../../tools/sft/selectionMeasures.js";
import { sftPool } from "./sftPool.js";

/**
 * Measure the examples chosen so far, as a fine-tuning set, without fine-tuning: how many of the
 * pool's clusters they cover, how many responses are right (gold answers, where the prompts have
 * them), how many prompts repeat earlier ones, and what they cost. One row of history a round.
 */
export const evaluate =
  (pools: PromptPools) =>
  async (state: SftState): Promise<SftUpdate> => {
    const config = sftConfigOf(state);
    const pool = await sftPool(pools, config);
    const clusters = Math.min(config.evaluation.clusters, pool.size);
    const [vectors, clusterOf] = await Promise.all([pool.vectors(config.vectors), pool.clusters(config.vectors, clusters)]);
    const measures = measureSelection({
      positions: state.examples.map((example) => pool.indexOf(example.id)),
      responses: state.examples.map((example) => example.response),
      gold: pool.items.map((item) => item.answer ?? null),
      classes: pool.classes,
      clusterOf,
      clusters,
      vectors,
      texts: pool.items.map(subjectText),
      duplicateThreshold: config.evaluation.duplicateThreshold,
    });
    const bySource: Record<string, number> = {};
    for (const example of state.examples) bySource[example.source] = (bySource[example.source] ?? 0) + 1;
    const { examples, clustersCovered, quality, duplicates } = measures;
    return {
      history: [
        {
          round: state.round,
          examples,
          bySource,
          clustersCovered,
          clusters,
          quality,
          duplicates,
          usd: state.ledger.totalUsd,
          ms: Math.max(0, Date.now() - state.roundStartedAt),
        },
      ],
    };
  };
