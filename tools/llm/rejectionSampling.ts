import { maxSimilarity } from "../embed/similarity.js";
import { selectRows, type CsrMatrix } from "../linalg/csr.js";

export interface RejectionInput {
  /** Feature rows of the candidates (unit TF-IDF rows). */
  readonly features: CsrMatrix;
  /** Class index each candidate was written for. */
  readonly intended: Int32Array;
  /** The target model's probabilities for the candidates (rows × classes), or null without a model yet. */
  readonly probs: Float32Array | null;
  readonly numClasses: number;
  readonly acceptThreshold: number;
  readonly duplicateThreshold: number;
  /** Rows a candidate must not duplicate: the pool, the labeled items. */
  readonly existing: readonly CsrMatrix[];
}

export interface RejectionResult {
  /** Candidate indices kept, in order. */
  readonly kept: number[];
  readonly rejectedByModel: number;
  readonly rejectedAsDuplicate: number;
}

/**
 * Rejection sampling for generated items: keep a candidate only if the target model agrees with
 * the label it was written for (its most probable class, with probability ≥ acceptThreshold) and
 * it is not a near-duplicate
 * (cosine ≥ duplicateThreshold) of the pool, the labeled set, or a candidate already kept.
 */
export function rejectionSample(input: RejectionInput): RejectionResult {
  const n = input.features.rows;
  const nearest = new Float64Array(n).fill(Number.NEGATIVE_INFINITY);
  for (const rows of input.existing) {
    if (rows.rows === 0) continue;
    const similarity = maxSimilarity(input.features, rows);
    for (let i = 0; i < n; i++) if (similarity[i] > nearest[i]) nearest[i] = similarity[i];
  }
  const kept: number[] = [];
  let rejectedByModel = 0;
  let rejectedAsDuplicate = 0;
  for (let i = 0; i < n; i++) {
    if (input.probs && !agrees(input.probs, i, input.numClasses, input.intended[i], input.acceptThreshold)) {
      rejectedByModel++;
      continue;
    }
    const againstKept = kept.length > 0 ? maxSimilarity(selectRows(input.features, [i]), selectRows(input.features, kept))[0] : Number.NEGATIVE_INFINITY;
    if (Math.max(nearest[i], againstKept) >= input.duplicateThreshold) {
      rejectedAsDuplicate++;
      continue;
    }
    kept.push(i);
  }
  return { kept, rejectedByModel, rejectedAsDuplicate };
}

function agrees(probs: Float32Array, row: number, numClasses: number, intended: number, threshold: number): boolean {
  const p = probs[row * numClasses + intended];
  if (p < threshold) return false;
  for (let k = 0; k < numClasses; k++) if (k !== intended && probs[row * numClasses + k] > p) return false;
  return true;
}
