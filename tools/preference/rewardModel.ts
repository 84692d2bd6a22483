import { sparseFeatures } from "../linalg/featureMatrix.js";
import type { LinearModel } from "../models/linearModel.js";
import { DEFAULT_SOFTMAX, fitSoftmaxRegression } from "../models/softmaxRegression.js";
import { stackRows } from "./pairFeatures.js";

/** A pair as the reward model sees it: φ(x, A) − φ(x, B). */
export interface PairRow {
  readonly columns: Uint32Array;
  readonly values: Float32Array;
}

/**
 * A Bradley–Terry reward model (Bradley & Terry 1952; the reward model of RLHF, Ouyang et al.
 * 2022, in its linear form): P(A ≻ B) = σ(w·(φ(x, A) − φ(x, B))), fitted by L2-regularized
 * logistic regression (the project's L-BFGS softmax regression with two classes) on the labeled
 * pairs, each entered in both orders so the model cannot favour a position. Deterministic: the
 * same labels give the same model, so it is refitted from the label records, never checkpointed.
 */
export class RewardModel {
  private constructor(private readonly model: LinearModel | null) {}

  /** `preferA[i]`: the pair's A was chosen. With no pairs, every P(A ≻ B) is 1/2. */
  static fit(rows: readonly PairRow[], preferA: readonly boolean[], C: number): RewardModel {
    if (rows.length !== preferA.length) throw new Error(`RewardModel.fit: ${rows.length} pairs, ${preferA.length} answers`);
    if (rows.length === 0) return new RewardModel(null);
    const X = stackRows([...rows, ...rows], [...rows.map(() => 1 as const), ...rows.map(() => -1 as const)]);
    const y = Int32Array.from([...preferA.map((a) => (a ? 1 : 0)), ...preferA.map((a) => (a ? 0 : 1))]);
    return new RewardModel(fitSoftmaxRegression(sparseFeatures(X), y, 2, { ...DEFAULT_SOFTMAX, C }));
  }

  /** P(A ≻ B) for each pair. */
  preferA(rows: readonly PairRow[]): Float64Array {
    if (!this.model || rows.length === 0) return new Float64Array(rows.length).fill(0.5);
    const probs = this.model.probabilities(
      sparseFeatures(
        stackRows(
          rows,
          rows.map(() => 1 as const),
        ),
      ),
    );
    return Float64Array.from(rows, (_, i) => probs[i * 2 + 1]);
  }
}

/** Share of held-out pairs whose chosen response the model prefers (a coin's 1/2 counts half). */
export function pairAccuracy(pChosen: Float64Array): number {
  if (pChosen.length === 0) return 0;
  let sum = 0;
  for (const p of pChosen) sum += p > 0.5 ? 1 : p === 0.5 ? 0.5 : 0;
  return sum / pChosen.length;
}
