import { rngFor } from "../tools/random.js";
import { labelCapacity } from "../tools/stopping/budget.js";
import { query } from "../tools/strategies/registry.js";
import { nextLabelCostUsd } from "./labelCost.js";
import { requireConfig } from "./requireConfig.js";
import { queueForAnnotation } from "./queueForAnnotation.js";
import { resolveRun, targetModel } from "./runResources.js";
import type { State, Update } from "./state.js";

/**
 * Query by selection: score the unlabelled pool with the current target model and pick a batch
 * with the configured strategy. The batch is cut to what the budget and the pool still allow.
 */
export async function select(state: State): Promise<Update> {
  const started = performance.now();
  const config = requireConfig(state);
  const run = await resolveRun(config);
  const round = state.round + 1;
  const unlabeled = run.pool.unlabeled(state.labels.map((record) => record.id));
  const capacity = labelCapacity(config.stopping, {
    labels: state.labels.length,
    ledger: state.ledger,
    labelCostUsd: nextLabelCostUsd(config, run),
  });
  const size = Math.min(config.batchSize, capacity, unlabeled.length);
  if (size < 1) throw new Error(`select ran with no room for a label (capacity ${capacity}, ${unlabeled.length} unlabelled)`);
  const probs = targetModel(config, run, state.labels, state.generated).predictProba(run.poolFeatures);
  const picked = await query(
    config.strategy,
    { unlabeled, rng: rngFor(config.seed, "select", round), numClasses: run.labels.length, probs },
    size,
  );
  return {
    round,
    ...queueForAnnotation(config, run, Array.from(picked, (index) => run.pool.ids[index])),
    stageMs: { select: performance.now() - started },
  };
}
