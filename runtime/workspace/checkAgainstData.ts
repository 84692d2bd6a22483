import { ConfigError } from "../../tools/errors.js";
import { historyShortfalls } from "../../tools/stopping/historyNeeded.js";
import { initialBatchSize, roundsForLabels } from "../budget.js";
import type { RunConfig } from "../config/runConfig.js";
import type { Workspace } from "./workspace.js";

/** Config checks that need the data: refused before the first round, with nothing checkpointed. */
export function checkConfigAgainstData(config: RunConfig, workspace: Workspace): void {
  const { pool } = workspace;
  if (config.initial.size > pool.size) {
    throw new ConfigError(`initial.size is ${config.initial.size} but the pool has only ${pool.size} items`);
  }
  const unknown = config.initial.ids?.filter((id) => !pool.has(id)) ?? [];
  if (unknown.length > 0) {
    throw new ConfigError(`initial.ids: ${unknown.slice(0, 3).map((id) => `"${id}"`).join(", ")}${unknown.length > 3 ? ` and ${unknown.length - 3} more` : ""} not in the pool`);
  }
  for (const name of ["plateau", "costAware"] as const) {
    const criterion = config.stopping[name];
    if (criterion && !workspace.test) throw new ConfigError(`stopping.${name} needs a test split to measure ${criterion.metric}, and ${workspace.name} has none`);
  }
  if (!config.generation?.whenPoolExhausted) {
    const bound = roundsForLabels(pool.size, initialBatchSize(config), config.batchSize, `the pool of ${pool.size} items`);
    const [short] = historyShortfalls(config.stopping, bound);
    if (short) throw new ConfigError(`${short.path.join(".")}: ${short.message}`);
  }
}
