import type { DistillState, DistillUpdate } from "../../graphs/activeDistillation/state.js";
import { distillConfigOf } from "../../runtime/config/distillConfig.js";
import type { Services } from "../../runtime/services.js";
import { latestLabels } from "../../tools/labels/latestLabels.js";
import type { StopReason } from "../../tools/stopping/types.js";
import { teacherLabelsLeft } from "./teacherBudget.js";

/**
 * Stop: after each round's student, say whether the teacher may be asked again. Distillation stops
 * when the teacher-label or USD budget is spent, when FreeAL has done its rounds, or when active
 * distillation has no item left to ask about. The reason is recorded in the state.
 */
export const stop =
  (services: Services) =>
  async (state: DistillState): Promise<DistillUpdate> => {
    const { config, loop } = distillConfigOf(state);
    const reason = (criterion: string, message: string): DistillUpdate => ({ stopReason: { criterion, message, round: state.round } satisfies StopReason });
    if (teacherLabelsLeft(config, state) === 0)
      return reason("maxTeacherLabels", `the teacher was asked about ${state.teacherLabels} items (budget ${config.budget.maxTeacherLabels})`);
    if (state.budgetRefused) return reason("maxUsd", `the next teacher call could cost more than the $${config.budget.maxUsd} budget leaves`);
    if (config.method === "freeal") {
      if (state.round >= config.freeal.rounds) return reason("rounds", `FreeAL did its ${config.freeal.rounds} rounds of filtering and relabeling`);
      return {};
    }
    const workspace = await services.workspace(loop);
    const taken = [...latestLabels(state.labels).map((record) => record.id), ...state.failed.map((item) => item.id)];
    if (workspace.pool.unlabeled(taken).length === 0) return reason("poolExhausted", "the teacher has been asked about every pool item");
    return {};
  };
