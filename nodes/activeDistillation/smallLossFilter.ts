import type { DistillState, DistillUpdate } from "../../graphs/activeDistillation/state.js";
import { distillConfigOf } from "../../runtime/config/distillConfig.js";
import type { Services } from "../../runtime/services.js";
import { studentLosses } from "../../runtime/workspace/studentLosses.js";
import { classIndices } from "../../tools/embed/featurize.js";
import { latestLabels } from "../../tools/labels/latestLabels.js";
import { splitBySmallLoss } from "../../tools/models/smallLoss.js";
import { teacherLabelsLeft } from "./teacherBudget.js";

/**
 * FreeAL's student as the active learner (Xiao et al., EMNLP 2023): it scores every teacher label
 * by its loss (out of fold, `freeal.lossFolds`), keeps per class the `cleanShare` with the
 * smallest loss as its clean set, and sends the noisy rest back to the teacher, the likeliest
 * wrong first, with demonstrations drawn from the clean set. No person is asked. What the
 * teacher-label budget cannot pay for stays as it was.
 */
export const smallLossFilter =
  (services: Services) =>
  async (state: DistillState): Promise<DistillUpdate> => {
    const { config, loop } = distillConfigOf(state);
    const workspace = await services.workspace(loop);
    const round = state.round + 1;
    const labels = latestLabels(state.labels);
    const losses = await studentLosses(workspace, loop, labels, { folds: config.freeal.lossFolds, seed: config.seed, round });
    const split = splitBySmallLoss(losses, classIndices(labels, workspace.classes), workspace.classes.length, config.freeal.cleanShare);
    const noisy = Array.from(split.noisy, (i) => labels[i].id);
    return {
      round,
      clean: Array.from(split.clean, (i) => labels[i].id),
      batch: noisy.slice(0, Math.min(noisy.length, teacherLabelsLeft(config, state))),
      demonstrationsFrom: "clean",
    };
  };
