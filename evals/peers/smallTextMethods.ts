/**
 * What the small-text peer runs (small-text 1.4.1 with scikit-learn, driven by
 * evals/peers/small_text_peer.py): its models, and which of activegraph's query strategies it has,
 * one to one by name.
 */

/** The peer's name in `--peers`, and the prefix of its rows' strategy names. */
export const SMALL_TEXT = "small-text";

/**
 * scikit-learn's TfidfVectorizer with its defaults (lowercase, token pattern of 2+ word characters,
 * raw term counts, smooth idf, L2-normalized rows), fitted on the pool texts as activegraph fits
 * its own. small-text's examples add `stop_words="english"`; that drops "what", "who", "how" from
 * trec6's questions: in a one-off check (3 seeds, 20 rounds of 25) it cost trec6 19 to 28 AUC points
 * across LR and SVM, random and margin, while `sublinear_tf=True` (activegraph's setting) was level
 * with the defaults (trec6 SVM margin 54.8 against 60.2, subj 80.8 against 80.0). So the defaults are
 * the peer's best shot. `npm run bench` prints these settings in its report.
 */
export const SMALL_TEXT_TFIDF: Readonly<Record<string, unknown>> = {};

export interface PeerModel {
  /** TF-IDF of the texts, or frozen vectors read from activegraph's float32 files. */
  readonly features: "tfidf" | "vectors";
  /** `lr`: scikit-learn's LogisticRegression via SklearnClassifierFactory; `svm`: small-text's ConfidenceEnhancedLinearSVC. */
  readonly classifier: "lr" | "svm";
  readonly options: Readonly<Record<string, number>>;
  readonly summary: string;
}

export const PEER_MODELS = {
  lr: {
    features: "tfidf",
    classifier: "lr",
    // C = 10, activegraph's own C, rather than scikit-learn's default 1: with 25 to 525 labels C = 1
    // regularizes too hard (3 seeds, normalized AUC: trec6 random 53.4 vs 63.1, margin 45.5 vs 60.9;
    // subj 75.4 vs 79.6, 78.1 vs 80.7). max_iter 1000 rather than 100 so lbfgs converges every round.
    options: { C: 10, max_iter: 1000 },
    summary: "TF-IDF + LogisticRegression(C=10, max_iter=1000) via SklearnClassifierFactory",
  },
  svm: {
    features: "tfidf",
    classifier: "svm",
    // LinearSVC's default C = 1: C = 0.3 is worse, C = 3 level with it (trec6, 3 seeds).
    options: { C: 1 },
    summary:
      "TF-IDF + ConfidenceEnhancedLinearSVC(C=1) (LinearSVC, squared hinge, one-vs-rest; sigmoid of the decision values, L1-normalized, as probabilities)",
  },
  "emb-lr": {
    features: "vectors",
    classifier: "lr",
    options: { C: 10, max_iter: 1000 },
    summary: "frozen embeddings from activegraph's vector files + LogisticRegression(C=10, max_iter=1000)",
  },
} as const satisfies Record<string, PeerModel>;

export type PeerModelName = keyof typeof PEER_MODELS;
export const PEER_MODEL_NAMES = Object.keys(PEER_MODELS) as PeerModelName[];

export interface PeerStrategy {
  /** small-text's class. */
  readonly smallText: string;
  /** Whether it is the same method as activegraph's strategy of that name, not only the same idea. */
  readonly same: boolean;
  /** Reads pool vectors (activegraph's, through the classifier's embed()). */
  readonly vectors: boolean;
  readonly note: string;
}

/**
 * activegraph's strategies that small-text (1.4.1, scikit-learn classifiers) also implements. Not
 * here: BADGE and expected gradient length (small-text has them for PyTorch models only), BALD
 * (small-text's needs dropout sampling, a PyTorch model; activegraph's uses a bootstrap committee),
 * and vote entropy, consensus entropy, KL to consensus, information density, clustered uncertainty,
 * TypiClust and ProbCover, which small-text 1.4.1 lacks.
 */
export const PEER_STRATEGIES: Readonly<Record<string, PeerStrategy>> = {
  random: { smallText: "RandomSampling", same: true, vectors: false, note: "uniform sampling (numpy's generator, seeded per cell)" },
  margin: { smallText: "BreakingTies", same: true, vectors: false, note: "smallest gap between the two most probable classes" },
  "least-confidence": { smallText: "LeastConfidence", same: true, vectors: false, note: "lowest top-class probability" },
  entropy: { smallText: "PredictionEntropy", same: true, vectors: false, note: "highest predictive entropy" },
  coreset: {
    smallText: "GreedyCoreset",
    same: true,
    vectors: true,
    note: "greedy k-center (euclidean, normalized vectors, the ranking of activegraph's cosine k-center)",
  },
  "kmeans-centroids": {
    smallText: "EmbeddingKMeans",
    same: true,
    vectors: true,
    note: "k-means of the unlabelled pool into k clusters, the item nearest each centroid",
  },
  contrastive: {
    smallText: "ContrastiveActiveLearning",
    same: false,
    vectors: true,
    note: "same idea (mean KL between an item's prediction and its neighbours'), but small-text's neighbours are the 10 nearest of the whole pool, the item included; activegraph's (and the paper's) are the 10 nearest labelled items",
  },
};

/** The strategy name of a peer row: `small-text:svm:margin`. */
export function peerStrategyName(model: PeerModelName, strategy: string): string {
  return `${SMALL_TEXT}:${model}:${strategy}`;
}

export function isPeerStrategyName(name: string): boolean {
  return name.startsWith(`${SMALL_TEXT}:`);
}

/** Markdown for the report: the peer's settings and which strategies are the same method. */
export function peerReportMarkdown(models: readonly PeerModelName[], strategies: readonly string[]): string {
  const lines = [
    `## The peer: ${SMALL_TEXT}`,
    "",
    `Rows named \`${SMALL_TEXT}:<model>:<strategy>\` are small-text 1.4.1 (scikit-learn) in the same protocol: the same pool and`,
    "test rows, the same stratified initial ids for each seed, the same simulated oracle, scored by the same code.",
    `TF-IDF: scikit-learn's TfidfVectorizer(${Object.entries(SMALL_TEXT_TFIDF)
      .map(([k, v]) => `${k}=${JSON.stringify(v)}`)
      .join(", ")}) (its defaults), fitted on the pool.`,
    "",
    ...models.map((name) => `- \`${name}\`: ${PEER_MODELS[name].summary}`),
    "",
    "| activegraph strategy | small-text | same method |",
    "| --- | --- | --- |",
    ...strategies.map((name) => {
      const peer = PEER_STRATEGIES[name];
      return peer ? `| ${name} | ${peer.smallText} | ${peer.same ? "yes" : "no"}: ${peer.note} |` : `| ${name} | – | small-text has none |`;
    }),
    "",
  ];
  return `${lines.join("\n")}\n`;
}
