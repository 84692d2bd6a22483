import type { DistillState, DistillUpdate } from "../../graphs/activeDistillation/state.js";
import { distillConfigOf } from "../../runtime/config/distillConfig.js";
import type { Services } from "../../runtime/services.js";
import { queryInputFor } from "../../runtime/workspace/queryInput.js";
import { latestLabels } from "../../tools/labels/latestLabels.js";
import { rngFor } from "../../tools/random.js";
import { getStrategy, query } from "../../tools/strategies/registry.js";
import { teacherLabelsLeft } from "./teacherBudget.js";

/**
 * Active distillation's query: the student (the target model, fitted on the teacher's labels so
 * far) picks what to ask the teacher next with one of the loop's query methods (margin, entropy,
 * BADGE…; `random` is plain teacher labeling). Items the teacher failed on are not picked again.
 * The batch is cut to the teacher-label budget and the pool.
 */
export const select =
  (services: Services) =>
  async (state: DistillState): Promise<DistillUpdate> => {
    const { config, loop } = distillConfigOf(state);
    const workspace = await services.workspace(loop);
    const round = state.round + 1;
    const labels = latestLabels(state.labels);
    const taken = [...labels.map((record) => record.id), ...state.failed.map((item) => item.id)];
    const candidates = workspace.pool.unlabeled(taken);
    const size = Math.min(config.active.batchSize, teacherLabelsLeft(config, state), candidates.length);
    if (size < 1) throw new Error(`select ran with nothing to ask (${candidates.length} items left, ${teacherLabelsLeft(config, state)} teacher labels left)`);
    const method = config.active.strategy;
    const input = await queryInputFor(getStrategy(method).needs, {
      config: loop,
      workspace,
      labels,
      generated: [],
      round,
      rng: rngFor(config.seed, "distill-select", round),
      candidates,
    });
    const picked = await query(method, input, size);
    return { round, batch: Array.from(picked, (index) => workspace.pool.ids[index]), demonstrationsFrom: "labels" };
  };
