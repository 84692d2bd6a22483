import type { Runtime } from "@langchain/langgraph";
import { ConfigError } from "../tools/errors.js";
import { rngFor } from "../tools/random.js";
import { parseRunConfig, type RunConfigInput } from "../tools/runConfig.js";
import { labelCapacity } from "../tools/stopping/budget.js";
import { query } from "../tools/strategies/registry.js";
import { queryInputFor } from "./queryInput.js";
import { resolveRun } from "./runResources.js";
import type { State, Update } from "./state.js";

/**
 * Initialize: validate the run config (from the runtime context), load the pool, and choose the
 * cold-start batch: the seed set the config names, or a draw by the cold-start strategy. No model
 * exists yet, so the strategy sees the unlabelled ids and, if it asks, the pool vectors and their
 * index (random, coreset, kmeans-centroids, typiclust, probcover), never a gold label.
 */
export async function initialize(state: State, runtime: Runtime<RunConfigInput>): Promise<Update> {
  const started = performance.now();
  if (state.labels.length > 0) {
    throw new ConfigError("this thread already has labels: resume it (no input) instead of starting it again");
  }
  const input = runtime.context && Object.keys(runtime.context).length > 0 ? runtime.context : state.config;
  if (!input) throw new ConfigError("no run config: pass it as the run's context");
  const config = parseRunConfig(input);
  const run = await resolveRun(config);
  const capacity = labelCapacity(config.stopping, { labels: 0, ledger: state.ledger, labelCostUsd: config.annotator.feeUsd });
  let batch: string[];
  if (config.initial.ids) {
    if (config.initial.ids.length > capacity) {
      throw new ConfigError(`initial.ids has ${config.initial.ids.length} items but the budget pays for ${capacity}`);
    }
    batch = config.initial.ids;
  } else {
    const size = Math.min(config.initial.size, capacity, run.pool.size);
    const input = await queryInputFor(config.initial.strategy, { config, run, labels: [], round: 0, rng: rngFor(config.seed, "initialize") });
    const picked = await query(config.initial.strategy, input, size);
    batch = Array.from(picked, (index) => run.pool.ids[index]);
  }
  return {
    config,
    round: 0,
    batch,
    stageMs: { initialize: performance.now() - started },
  };
}
