import type { LabelRecord } from "../../tools/labels/labelRecord.js";
import { latestLabels } from "../../tools/labels/latestLabels.js";
import type { ModelRun } from "./targetModels.js";
import type { Workspace } from "./workspace.js";

/**
 * The student's labels: the target model, fitted on each item's latest teacher label, labels every
 * pool item, with its probability for the label as the confidence. This is the dataset distillation
 * produces beyond the teacher's own labels, at no further teacher cost.
 */
export async function studentLabels(workspace: Workspace, student: ModelRun, teacherLabels: readonly LabelRecord[], round: number): Promise<LabelRecord[]> {
  const numClasses = workspace.classes.length;
  const probs = await workspace.models.poolProbabilities(student, await workspace.models.target(student, latestLabels(teacherLabels)));
  return workspace.pool.ids.map((id, row) => {
    let best = 0;
    for (let c = 1; c < numClasses; c++) if (probs[row * numClasses + c] > probs[row * numClasses + best]) best = c;
    return {
      id,
      label: workspace.classes[best],
      source: "student",
      confidence: probs[row * numClasses + best],
      costUsd: 0,
      round,
      model: `student:${student.model.kind}`,
    };
  });
}
