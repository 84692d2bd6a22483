import type { TfidfVectorizer } from "../embed/tfidf.js";
import { answerOf } from "../instructions/answer.js";
import type { CsrMatrix } from "../linalg/csr.js";

/** What n sampled responses to one prompt say about the model's certainty. */
export interface Consistency {
  /** The answer most samples give (null: most give no checkable answer). */
  readonly answer: string | null;
  /** The first sample that gives it: the model's response, kept if the prompt is self-trained. */
  readonly response: string;
  /** The share of samples giving that answer: 1 when they all agree. */
  readonly agreement: number;
  /** 1 − the mean cosine between the samples' TF-IDF vectors: 0 when they say the same words. */
  readonly spread: number;
}

/**
 * Self-consistency (Wang et al. 2023) as uncertainty for choosing instruction data: sample the
 * model n times and measure how much the responses disagree, by their answers (the label each
 * starts with, for prompts made from a labeled dataset) or by their words (embedding spread, for
 * free prompts, whose answers are sentences). Ties between answers go to the one sampled first.
 */
export function selfConsistency(responses: readonly string[], classes: readonly string[], vectorizer: TfidfVectorizer): Consistency {
  if (responses.length === 0) throw new Error("selfConsistency: no responses");
  const answers = responses.map((response) => answerOf(response, classes));
  const counts = new Map<string | null, number>();
  for (const answer of answers) counts.set(answer, (counts.get(answer) ?? 0) + 1);
  let best = answers[0];
  for (const answer of answers) if ((counts.get(answer) ?? 0) > (counts.get(best) ?? 0)) best = answer;
  return {
    answer: best,
    response: responses[answers.indexOf(best)],
    agreement: (counts.get(best) ?? 0) / responses.length,
    spread: responseSpread(vectorizer.transform([...responses])),
  };
}

/** 1 − the mean pairwise cosine of unit rows (0 for a single row). */
export function responseSpread(rows: CsrMatrix): number {
  const n = rows.rows;
  if (n < 2) return 0;
  let sum = 0;
  let pairs = 0;
  for (let i = 0; i < n; i++) for (let j = i + 1; j < n; j++, pairs++) sum += sparseDot(rows, i, j);
  return Math.max(0, 1 - sum / pairs);
}

/** The dot product of two rows of a CSR matrix whose column indices are sorted. */
function sparseDot(m: CsrMatrix, a: number, b: number): number {
  let i = m.indptr[a];
  let j = m.indptr[b];
  const iEnd = m.indptr[a + 1];
  const jEnd = m.indptr[b + 1];
  let sum = 0;
  while (i < iEnd && j < jEnd) {
    if (m.indices[i] === m.indices[j]) sum += m.values[i++] * m.values[j++];
    else if (m.indices[i] < m.indices[j]) i++;
    else j++;
  }
  return sum;
}
