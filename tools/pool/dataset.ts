/** One example as it comes from a file: the gold label is known to the oracle and the evaluator only. */
export interface LabeledText {
  readonly id: string;
  readonly text: string;
  readonly label: string;
}

export interface Dataset {
  /** A short name for reports ("spamassassin", "trec6", or a file name). */
  readonly name: string;
  /** Becomes the unlabeled pool. */
  readonly train: readonly LabeledText[];
  /** Held out for evaluation; null when the dataset has no test split. */
  readonly test: readonly LabeledText[] | null;
  /** The label set, sorted, taken from train. */
  readonly labels: readonly string[];
  /** What reading the files changed that the user should know (labels normalized), one line each. */
  readonly warnings?: readonly string[];
}
