import type { Runtime } from "@langchain/langgraph";
import type { DistillState, DistillUpdate } from "../../graphs/activeDistillation/state.js";
import { freealAnnotateCount, loopConfigOf, parseDistillConfig } from "../../runtime/config/distillConfig.js";
import type { Services } from "../../runtime/services.js";
import { ConfigError } from "../../tools/errors.js";
import { rngFor } from "../../tools/random.js";
import { query } from "../../tools/strategies/registry.js";

/**
 * Initialize: validate the config (from the run's context, or `config` in the input), load the
 * pool, and draw the items the teacher labels first, at random (no student exists yet): the first
 * batch of active distillation, or FreeAL's annotated share of the pool. The draw is cut to the
 * teacher-label budget, so nothing past it is ever asked.
 */
export const initialize =
  (services: Services) =>
  async (state: DistillState, runtime: Runtime<Record<string, unknown>>): Promise<DistillUpdate> => {
    if (state.labels.length > 0) throw new ConfigError("this thread already has labels: resume it (no input) instead of starting it again");
    const input = runtime.context && Object.keys(runtime.context).length > 0 ? runtime.context : state.config;
    if (!input) throw new ConfigError("no distillation config: pass it as the run's context, or as `config` in the input");
    const config = parseDistillConfig(input);
    const workspace = await services.workspace(loopConfigOf(config));
    const { pool } = workspace;
    const wanted = config.method === "freeal" ? freealAnnotateCount(config, pool.size) : config.active.initialSize;
    const size = Math.min(wanted, pool.size, config.budget.maxTeacherLabels ?? Number.POSITIVE_INFINITY);
    const picked = await query(
      "random",
      { candidates: pool.unlabeled([]), rng: rngFor(config.seed, "distill-initialize"), numClasses: workspace.classes.length },
      size,
    );
    return {
      config,
      classes: [...workspace.classes],
      round: 0,
      batch: Array.from(picked, (index) => pool.ids[index]),
      demonstrationsFrom: "labels",
    };
  };
