import { selectFeatureRows } from "../linalg/featureMatrix.js";
import type { Rng } from "../random.js";
import type { TargetModel, TrainingSet } from "./targetModel.js";

/** Fits one target model on a training set, drawing what it draws from `rng`. */
export type FitMember = (training: TrainingSet, rng: Rng) => TargetModel | Promise<TargetModel>;

/**
 * A bootstrap committee of target models: query by bagging (Abe & Mamitsuka, ICML 1998, after
 * Breiman's bagging). Each member is the target model fitted on n rows drawn with replacement from
 * the n labeled rows, so members agree where the labels pin the model down and disagree where a
 * few labels decide it: the disagreement that query-by-committee strategies measure. Member m
 * draws from `rngOf(m)` (its resample, then its fit), so the same labels, seed and round give the
 * same committee in any process.
 */
export async function fitBootstrapCommittee(training: TrainingSet, size: number, rngOf: (member: number) => Rng, fitMember: FitMember): Promise<TargetModel[]> {
  if (size < 1) throw new Error(`a committee needs at least one member, got ${size}`);
  const n = training.y.length;
  const members: TargetModel[] = [];
  for (let member = 0; member < size; member++) {
    const rng = rngOf(member);
    const rows = Uint32Array.from({ length: n }, () => rng.int(n));
    const resample: TrainingSet = {
      features: selectFeatureRows(training.features, rows),
      texts: Array.from(rows, (row) => training.texts[row]),
      y: Int32Array.from(rows, (row) => training.y[row]),
      classes: training.classes,
    };
    members.push(await fitMember(resample, rng));
  }
  return members;
}
