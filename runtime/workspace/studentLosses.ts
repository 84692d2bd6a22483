import { classIndices } from "../../tools/embed/featurize.js";
import type { LabelRecord } from "../../tools/labels/labelRecord.js";
import { selectFeatureRows } from "../../tools/linalg/featureMatrix.js";
import { labelLosses } from "../../tools/models/smallLoss.js";
import { rngFor, shuffleInPlace } from "../../tools/random.js";
import type { ModelRun } from "./targetModels.js";
import type { Workspace } from "./workspace.js";

/**
 * The student's loss on each given label, in label order. With `folds` > 1 each item is scored by
 * a student fitted on the other folds, so a label the student merely memorised does not look
 * clean (a regularized linear model fits most of its training labels, right or wrong); with 1 it is
 * scored by the student fitted on every label, as FreeAL scores its training set. The folds are
 * drawn from the stream (seed, "small-loss", round), so a resumed round draws the same ones.
 */
export async function studentLosses(
  workspace: Workspace,
  student: ModelRun,
  labels: readonly LabelRecord[],
  draw: { readonly folds: number; readonly seed: number; readonly round: number },
): Promise<Float64Array> {
  const numClasses = workspace.classes.length;
  const truth = classIndices(labels, workspace.classes);
  const { models } = workspace;
  const rows = await models.trainingSet(student, labels, []);
  const folds = Math.min(draw.folds, labels.length);
  if (folds <= 1) return labelLosses(await models.probabilities(student, await models.target(student, labels), rows), truth, numClasses);

  const order = shuffleInPlace(
    Array.from(labels, (_, i) => i),
    rngFor(draw.seed, "small-loss", draw.round),
  );
  const foldOf = new Int32Array(labels.length);
  order.forEach((position, rank) => (foldOf[position] = rank % folds));
  const losses = new Float64Array(labels.length);
  for (let fold = 0; fold < folds; fold++) {
    const held: number[] = [];
    const rest: LabelRecord[] = [];
    labels.forEach((record, i) => (foldOf[i] === fold ? held.push(i) : rest.push(record)));
    const heldRows = { features: selectFeatureRows(rows.features, held), texts: held.map((i) => rows.texts[i]) };
    const probs = await models.probabilities(student, await models.target(student, rest), heldRows);
    const heldLosses = labelLosses(
      probs,
      Int32Array.from(held, (i) => truth[i]),
      numClasses,
    );
    held.forEach((position, j) => (losses[position] = heldLosses[j]));
  }
  return losses;
}
