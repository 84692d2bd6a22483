import type { LlmAnswer } from "../../tools/llm/annotator.js";
import { cohenKappa } from "../../tools/metrics/agreement.js";
import { expectedCalibrationError } from "../../tools/metrics/calibration.js";

/** How an annotation run compares with the gold labels of its items. */
export interface RunScores {
  /** Items labeled (validly): the rest failed. */
  readonly answered: number;
  /** Right labels over all items (a failed item counts as wrong). */
  readonly accuracy: number;
  /** Mean per-class F1 over the classes of the gold labels; a failed item is a miss of its class. */
  readonly macroF1: number;
  /** Expected calibration error (10 bins) of the answered items' confidences; null without confidences. */
  readonly ece: number | null;
  /** Cohen's kappa between the annotator and the simulated human (the gold labels); a failed item counts as disagreement. */
  readonly kappa: number;
  /** Share of the answers that are the most frequent answer: a weak model's tell (one label for everything). */
  readonly topLabelShare: number;
  /** Share of each gold class labeled right. */
  readonly recall: Record<string, number>;
}

export function scoreRun(
  ids: readonly string[],
  answers: ReadonlyMap<string, LlmAnswer>,
  gold: ReadonlyMap<string, string>,
  classes: readonly string[],
): RunScores {
  const index = new Map(classes.map((label, k) => [label, k]));
  const K = classes.length;
  const tp = new Float64Array(K);
  const fp = new Float64Array(K);
  const fn = new Float64Array(K);
  const support = new Float64Array(K);
  const confidences: number[] = [];
  const right: boolean[] = [];
  const counts = new Map<string, number>();
  let correct = 0;
  for (const id of ids) {
    const truth = index.get(gold.get(id)!)!;
    support[truth]++;
    const answer = answers.get(id);
    if (!answer) {
      fn[truth]++;
      continue;
    }
    counts.set(answer.label, (counts.get(answer.label) ?? 0) + 1);
    const predicted = index.get(answer.label)!;
    if (predicted === truth) {
      tp[truth]++;
      correct++;
    } else {
      fp[predicted]++;
      fn[truth]++;
    }
    if (answer.confidence !== null) {
      confidences.push(answer.confidence);
      right.push(predicted === truth);
    }
  }
  let f1 = 0;
  let present = 0;
  for (let k = 0; k < K; k++) {
    if (support[k] === 0) continue;
    f1 += (2 * tp[k]) / (2 * tp[k] + fp[k] + fn[k]);
    present++;
  }
  const answered = [...counts.values()].reduce((a, b) => a + b, 0);
  return {
    answered,
    accuracy: correct / Math.max(1, ids.length),
    macroF1: f1 / Math.max(1, present),
    ece: confidences.length > 0 ? expectedCalibrationError(confidences, right) : null,
    // A failed item gets a class no one else gives (K), so it agrees with nothing.
    kappa: cohenKappa(
      ids.map((id) => index.get(answers.get(id)?.label ?? "") ?? K),
      ids.map((id) => index.get(gold.get(id)!)!),
      K + 1,
    ),
    topLabelShare: answered > 0 ? Math.max(...counts.values()) / answered : 0,
    recall: Object.fromEntries(classes.map((label, k) => [label, support[k] > 0 ? tp[k] / support[k] : Number.NaN])),
  };
}
