import { classIndices } from "../../embed/featurize.js";
import type { TfidfVectorizer } from "../../embed/tfidf.js";
import { sparseFeatures } from "../../linalg/featureMatrix.js";
import { DEFAULT_SOFTMAX, fitSoftmaxRegression } from "../../models/softmaxRegression.js";
import type { LabeledText } from "../../pool/dataset.js";
import { similarityMatrix } from "../../embed/similarity.js";

/**
 * What the simulated LLM knows: a model trained on a reservoir of gold labels kept out of the
 * pool, so its mistakes fall on items that are hard for a text classifier, and its probabilities
 * mean something; and the reservoir texts by class, which it "writes" when asked to generate.
 */
export interface Teacher {
  readonly labels: readonly string[];
  /** Class probabilities for a text, in the order of `labels`. */
  probabilities(text: string): Float32Array;
  /** Reservoir texts by label. */
  readonly reservoir: ReadonlyMap<string, readonly string[]>;
  /** Words of the text that speak most for `label`, strongest first (for simulated reasoning). */
  keyTerms?(text: string, label: string, count: number): string[];
  /** The cosine similarity of a text to each of `others`, as the model sees texts (for simulated in-context learning). */
  similarities?(text: string, others: readonly string[]): Float32Array;
}

/**
 * A teacher fitted on gold-labeled reservoir texts: softmax regression on the run's TF-IDF, so
 * the simulated LLM's errors fall where a text classifier's do.
 */
export function reservoirTeacher(reservoir: readonly LabeledText[], labels: readonly string[], vectorizer: TfidfVectorizer): Teacher {
  const model = fitSoftmaxRegression(
    sparseFeatures(vectorizer.transform(reservoir.map((item) => item.text))),
    classIndices(reservoir, labels),
    labels.length,
    DEFAULT_SOFTMAX,
  );
  const byLabel = new Map<string, string[]>(labels.map((label) => [label, []]));
  for (const item of reservoir) byLabel.get(item.label)!.push(item.text);
  return {
    labels,
    probabilities: (text) => model.probabilities(sparseFeatures(vectorizer.transform([text]))),
    reservoir: byLabel,
    keyTerms: (text, label, count) => {
      const row = vectorizer.transform([text]);
      return model
        .contributions(row, 0, labels.indexOf(label))
        .filter((entry) => entry.weight > 0)
        .slice(0, count)
        .map((entry) => vectorizer.termOf(entry.column));
    },
    similarities: (text, others) => similarityMatrix(vectorizer.transform([text]), vectorizer.transform([...others])),
  };
}
