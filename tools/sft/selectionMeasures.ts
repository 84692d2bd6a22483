import { answerOf } from "../instructions/answer.js";
import { dotRows, type Vectors } from "../linalg/dense.js";

/** What a chosen set of fine-tuning examples is worth, measured without fine-tuning anything. */
export interface SelectionMeasures {
  readonly examples: number;
  /** Clusters of the pool (k-means over prompt vectors) with at least one example. */
  readonly clustersCovered: number;
  readonly clusters: number;
  /** Share of the examples whose response gives the right answer (gold label, or the file's answer); null without answers. */
  readonly quality: number | null;
  /** Examples whose prompt repeats an earlier example's: the same text, or a cosine ≥ the threshold. */
  readonly duplicates: number;
}

export interface SelectionInput {
  /** Pool positions of the examples, in the order chosen, with their responses. */
  readonly positions: ArrayLike<number>;
  readonly responses: readonly string[];
  /** The gold answer of each pool prompt, or null where there is none (read by this measure only). */
  readonly gold: ReadonlyArray<string | null>;
  readonly classes: readonly string[];
  /** The cluster of each pool prompt, and how many clusters there are. */
  readonly clusterOf: Int32Array;
  readonly clusters: number;
  readonly vectors: Vectors;
  /** Each pool prompt's subject text, for exact duplicates. */
  readonly texts: readonly string[];
  readonly duplicateThreshold: number;
}

/** Coverage of the pool's clusters, judged quality against the gold answers, and duplicates. */
export function measureSelection(input: SelectionInput): SelectionMeasures {
  const covered = new Set<number>();
  let judged = 0;
  let right = 0;
  let duplicates = 0;
  const seenTexts = new Set<string>();
  const { data, dim } = input.vectors;
  for (let e = 0; e < input.positions.length; e++) {
    const p = input.positions[e];
    covered.add(input.clusterOf[p]);
    const gold = input.gold[p];
    if (gold !== null) {
      judged++;
      if (answerOf(input.responses[e], input.classes) === answerOf(gold, input.classes)) right++;
    }
    const text = input.texts[p].trim().toLowerCase().replace(/\s+/g, " ");
    let duplicate = seenTexts.has(text);
    for (let earlier = 0; earlier < e && !duplicate; earlier++) duplicate = dotRows(data, p, data, input.positions[earlier], dim) >= input.duplicateThreshold;
    if (duplicate) duplicates++;
    seenTexts.add(text);
  }
  return {
    examples: input.positions.length,
    clustersCovered: covered.size,
    clusters: input.clusters,
    quality: judged > 0 ? right / judged : null,
    duplicates,
  };
}
