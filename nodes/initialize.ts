import type { Runtime } from "@langchain/langgraph";
import type { State, Update } from "../graphs/activeLearning/state.js";
import { labelCapacity, validationSliceSize } from "../runtime/budget.js";
import { parseRunConfig } from "../runtime/config/runConfig.js";
import { validationSliceIds } from "../runtime/workspace/validationSlice.js";
import { nextLabelCostUsd } from "../runtime/costEstimate.js";
import type { Services } from "../runtime/services.js";
import { queryInputFor } from "../runtime/workspace/queryInput.js";
import { ConfigError } from "../tools/errors.js";
import { rngFor } from "../tools/random.js";
import { getStrategy, query } from "../tools/strategies/registry.js";
import { queueForAnnotation } from "./query/queueForAnnotation.js";

/**
 * Initialize: validate the run config (from the runtime context), load the pool, and choose the
 * cold-start batch: the seed set the config names, or a draw by the cold-start method. No model
 * exists yet, so the method sees the unlabeled ids and, if it asks, the pool vectors and their
 * index (random, coreset, kmeans-centroids, typiclust, probcover), never a gold label.
 */
export const initialize =
  (services: Services) =>
  async (state: State, runtime: Runtime<Record<string, unknown>>): Promise<Update> => {
    const started = performance.now();
    if (state.labels.length > 0) {
      throw new ConfigError("this thread already has labels: resume it (no input) instead of starting it again");
    }
    // The config comes as the run's context (SDK, CLI, code) or in the input (Studio's form).
    const input = runtime.context && Object.keys(runtime.context).length > 0 ? runtime.context : state.config;
    if (!input) throw new ConfigError("no run config: pass it as the run's context, or as `config` in the input");
    const config = parseRunConfig(input);
    const workspace = await services.workspace(config);
    const capacity = labelCapacity(config, { labels: 0, ledger: state.ledger, labelCostUsd: nextLabelCostUsd(config, workspace) });
    let batch: string[];
    if (config.generation?.coldStart) {
      // The initial set is written by the generator instead (initialRoute sends the run there).
      batch = [];
    } else if (config.initial.ids) {
      if (config.initial.ids.length > capacity) {
        throw new ConfigError(`initial.ids has ${config.initial.ids.length} items but the budget pays for ${capacity}`);
      }
      batch = config.initial.ids;
    } else {
      const size = Math.min(config.initial.size, capacity, workspace.pool.size);
      const method = config.initial.strategy;
      const coldInput = await queryInputFor(getStrategy(method).needs, {
        config,
        workspace,
        labels: [],
        generated: [],
        round: 0,
        rng: rngFor(config.seed, "initialize"),
      });
      const picked = await query(method, coldInput, size);
      batch = Array.from(picked, (index) => workspace.pool.ids[index]);
    }
    if (validationSliceSize(config) > 0) {
      // The strategy bandit's validation slice is labeled with the initial batch, from the budget.
      const chosen = new Set(batch);
      batch = [...batch, ...validationSliceIds(config, workspace).filter((id) => !chosen.has(id))].slice(0, capacity);
    }
    return {
      config,
      classes: [...workspace.classes],
      unlabeled: workspace.pool.size,
      round: 0,
      ...queueForAnnotation(config, workspace, batch),
      stageMs: { initialize: performance.now() - started },
    };
  };
