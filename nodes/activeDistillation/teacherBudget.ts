import type { DistillState } from "../../graphs/activeDistillation/state.js";
import type { DistillConfig } from "../../runtime/config/distillConfig.js";

/** Items the teacher may still be asked about under `budget.maxTeacherLabels` (unlimited without it). */
export function teacherLabelsLeft(config: DistillConfig, state: Pick<DistillState, "teacherLabels">): number {
  const max = config.budget.maxTeacherLabels;
  return max === undefined ? Number.POSITIVE_INFINITY : Math.max(0, max - state.teacherLabels);
}
