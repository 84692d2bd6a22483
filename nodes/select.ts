import { rngFor } from "../tools/random.js";
import { labelCapacity } from "../tools/stopping/budget.js";
import { query } from "../tools/strategies/registry.js";
import { nextLabelCostUsd } from "./labelCost.js";
import { queryInputFor } from "./queryInput.js";
import { queueForAnnotation } from "./queueForAnnotation.js";
import { requireConfig } from "./requireConfig.js";
import { resolveRun } from "./runResources.js";
import type { State, Update } from "./state.js";

/**
 * Query by selection: give the configured strategy what it needs (the target model's probabilities,
 * a bootstrap committee, pool vectors, the k-NN index) and let it pick a batch. The batch is cut to
 * what the budget and the pool still allow.
 */
export async function select(state: State): Promise<Update> {
  const started = performance.now();
  const config = requireConfig(state);
  const run = await resolveRun(config);
  const round = state.round + 1;
  const input = await queryInputFor(config.strategy, {
    config,
    run,
    labels: state.labels,
    generated: state.generated,
    round,
    rng: rngFor(config.seed, "select", round),
  });
  const capacity = labelCapacity(config.stopping, {
    labels: state.labels.length,
    ledger: state.ledger,
    labelCostUsd: nextLabelCostUsd(config, run),
  });
  const size = Math.min(config.batchSize, capacity, input.unlabeled.length);
  if (size < 1) throw new Error(`select ran with no room for a label (capacity ${capacity}, ${input.unlabeled.length} unlabelled)`);
  const picked = await query(config.strategy, input, size);
  return {
    round,
    ...queueForAnnotation(config, run, Array.from(picked, (index) => run.pool.ids[index])),
    stageMs: { select: performance.now() - started },
  };
}
