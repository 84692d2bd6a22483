import { checkEmbeddings } from "../../tools/embed/embeddings.js";
import { readsEmbeddings } from "../../tools/embed/representation.js";
import { ConfigError } from "../../tools/errors.js";
import type { CriterionDefinition } from "../../tools/stopping/criterion.js";
import { historyShortfalls } from "../../tools/stopping/historyNeeded.js";
import { LEARNING_CRITERIA } from "../../tools/stopping/registry.js";
import { initialBatchSize, roundsForLabels } from "../budget.js";
import type { RunConfig } from "../config/runConfig.js";
import type { Workspace } from "./workspace.js";

/** Config checks that need the data: refused before the first round, with nothing checkpointed. */
export function checkConfigAgainstData(config: RunConfig, workspace: Workspace): void {
  const { pool } = workspace;
  // A missing embedding model stops the run here, in one line, rather than inside the first query.
  if (readsEmbeddings(config.representation)) checkEmbeddings(config.representation.embeddings);
  if (config.initial.size > pool.size) {
    throw new ConfigError(`initial.size is ${config.initial.size} but the pool has only ${pool.size} items`);
  }
  const unknown = config.initial.ids?.filter((id) => !pool.has(id)) ?? [];
  if (unknown.length > 0) {
    throw new ConfigError(
      `initial.ids: ${unknown
        .slice(0, 3)
        .map((id) => `"${id}"`)
        .join(", ")}${unknown.length > 3 ? ` and ${unknown.length - 3} more` : ""} not in the pool`,
    );
  }
  for (const criterion of LEARNING_CRITERIA as readonly CriterionDefinition[]) {
    const settings = (config.stopping as unknown as Record<string, { metric?: string } | undefined>)[criterion.name];
    if (settings && criterion.needs?.testSplit && !workspace.test) {
      throw new ConfigError(`stopping.${criterion.name} needs a test split to measure ${settings.metric ?? "the model"}, and ${workspace.name} has none`);
    }
  }
  if (!config.generation?.whenPoolExhausted) {
    const bound = roundsForLabels(pool.size, initialBatchSize(config), config.batchSize, `the pool of ${pool.size} items`);
    const [short] = historyShortfalls(config.stopping, bound);
    if (short) throw new ConfigError(`${short.path.join(".")}: ${short.message}`);
  }
}
