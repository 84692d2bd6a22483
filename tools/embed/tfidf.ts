import type { CsrMatrix } from "../linalg/csr.js";
import { tokenize } from "./tokenize.js";

export interface TfidfOptions {
  /** 1 + ln(tf) instead of raw counts (scikit-learn's `sublinear_tf`). */
  readonly sublinearTf: boolean;
  /** Drop terms that appear in fewer documents than this. */
  readonly minDf: number;
  /** Word n-grams up to this length beside the words (scikit-learn's `ngram_range=(1, ngrams)`). */
  readonly ngrams?: number;
}

export const DEFAULT_TFIDF: TfidfOptions = { sublinearTf: true, minDf: 1 };

/** The terms of a text: its words, then its word n-grams up to `ngrams` (joined by a space, as scikit-learn does). */
function termsOf(text: string, ngrams: number): string[] {
  const words = tokenize(text);
  if (ngrams <= 1) return words;
  const terms = [...words];
  for (let n = 2; n <= ngrams; n++) {
    for (let start = 0; start + n <= words.length; start++) terms.push(words.slice(start, start + n).join(" "));
  }
  return terms;
}

/**
 * TF-IDF with scikit-learn's defaults (smooth idf = ln((1+n)/(1+df)) + 1, rows scaled to unit L2
 * norm), fitted on the pool: the unlabeled texts are known in active learning, and using them for
 * the vocabulary costs no label.
 */
export class TfidfVectorizer {
  private constructor(
    private readonly vocabulary: Map<string, number>,
    private readonly idf: Float32Array,
    private readonly options: TfidfOptions,
    /** Column → term. */
    private readonly terms: readonly string[],
  ) {}

  /** The term a feature column stands for. */
  termOf(column: number): string {
    return this.terms[column];
  }

  static fit(texts: readonly string[], options: TfidfOptions = DEFAULT_TFIDF): TfidfVectorizer {
    const df = new Map<string, number>();
    for (const text of texts) {
      for (const term of new Set(termsOf(text, options.ngrams ?? 1))) df.set(term, (df.get(term) ?? 0) + 1);
    }
    const terms = [...df.entries()]
      .filter(([, count]) => count >= options.minDf)
      .map(([term]) => term)
      .sort();
    const vocabulary = new Map(terms.map((term, index) => [term, index]));
    const idf = new Float32Array(terms.length);
    const n = texts.length;
    terms.forEach((term, index) => {
      idf[index] = Math.log((1 + n) / (1 + (df.get(term) ?? 0))) + 1;
    });
    return new TfidfVectorizer(vocabulary, idf, options, terms);
  }

  get dimension(): number {
    return this.idf.length;
  }

  transform(texts: readonly string[]): CsrMatrix {
    const indptr = new Uint32Array(texts.length + 1);
    const indexChunks: Uint32Array[] = [];
    const valueChunks: Float32Array[] = [];
    let nnz = 0;
    const counts = new Map<number, number>();
    for (let row = 0; row < texts.length; row++) {
      counts.clear();
      for (const term of termsOf(texts[row], this.options.ngrams ?? 1)) {
        const column = this.vocabulary.get(term);
        if (column !== undefined) counts.set(column, (counts.get(column) ?? 0) + 1);
      }
      const columns = Uint32Array.from(counts.keys()).sort();
      const values = new Float32Array(columns.length);
      let norm = 0;
      for (let k = 0; k < columns.length; k++) {
        const tf = counts.get(columns[k]) as number;
        const weight = (this.options.sublinearTf ? 1 + Math.log(tf) : tf) * this.idf[columns[k]];
        values[k] = weight;
        norm += weight * weight;
      }
      if (norm > 0) {
        const scale = 1 / Math.sqrt(norm);
        for (let k = 0; k < values.length; k++) values[k] *= scale;
      }
      indexChunks.push(columns);
      valueChunks.push(values);
      nnz += columns.length;
      indptr[row + 1] = nnz;
    }
    const indices = new Uint32Array(nnz);
    const values = new Float32Array(nnz);
    for (let row = 0; row < texts.length; row++) {
      indices.set(indexChunks[row], indptr[row]);
      values.set(valueChunks[row], indptr[row]);
    }
    return { rows: texts.length, cols: this.dimension, indptr, indices, values };
  }
}
