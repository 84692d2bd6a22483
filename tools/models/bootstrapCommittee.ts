import { selectRows, type CsrMatrix } from "../linalg/csr.js";
import type { Rng } from "../random.js";
import { DEFAULT_SOFTMAX, SoftmaxRegression, type SoftmaxRegressionOptions } from "./softmaxRegression.js";

/**
 * A bootstrap committee of target models: query by bagging (Abe & Mamitsuka, ICML 1998, after
 * Breiman's bagging). Each member is the target model fitted on n rows drawn with replacement from
 * the n labeled rows, so members agree where the labels pin the model down and disagree where a
 * few labels decide it: the disagreement that query-by-committee strategies measure. Member m
 * draws from `rngOf(m)`, so the same labels, seed and round give the same committee in any process.
 */
export function fitBootstrapCommittee(
  X: CsrMatrix,
  y: ArrayLike<number>,
  numClasses: number,
  size: number,
  rngOf: (member: number) => Rng,
  options: SoftmaxRegressionOptions = DEFAULT_SOFTMAX,
): SoftmaxRegression[] {
  if (size < 1) throw new Error(`a committee needs at least one member, got ${size}`);
  const n = X.rows;
  return Array.from({ length: size }, (_, member) => {
    const rng = rngOf(member);
    const rows = Uint32Array.from({ length: n }, () => rng.int(n));
    return SoftmaxRegression.fit(
      selectRows(X, rows),
      Int32Array.from(rows, (row) => y[row]),
      numClasses,
      options,
    );
  });
}
