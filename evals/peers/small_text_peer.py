"""small-text, run as a peer in activegraph's benchmark (evals/peers/smallText.ts drives it).

A measuring aid, not part of activegraph: it needs the virtualenv that scripts/install-peers.sh
makes (small-text and scikit-learn). activegraph sends a job as JSON on stdin: the pool and test
texts (exactly the rows activegraph loaded, with its ids), the label set, the protocol, and for
each seed the stratified initial ids activegraph drew, so both start from the same labels. This
script never draws an initial set of its own.

  run:   one learning curve per seed; prints one JSON line per finished cell (seed), with the ids
         picked in each round and the test predictions after each round. activegraph computes
         accuracy and macro-F1 from those with its own code, so both sides are scored alike.
  speed: fits once on the given labelled ids, then times `PoolBasedActiveLearner.query(batch)`
         per strategy (scoring the pool with the trained model and picking the batch, the same
         work as activegraph's select node); prints one JSON line.

A failure prints {"error": "..."} as the last line and exits with status 1.
"""
import json
import signal
import sys
import time
import warnings

import numpy as np
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.linear_model import LogisticRegression

from small_text import (
    BreakingTies,
    ConfidenceEnhancedLinearSVC,
    ContrastiveActiveLearning,
    EmbeddingKMeans,
    GreedyCoreset,
    LeastConfidence,
    PoolBasedActiveLearner,
    PredictionEntropy,
    RandomSampling,
    SklearnClassifier,
    SklearnClassifierFactory,
    SklearnDataset,
)
from small_text.data.datasets import SklearnDatasetView

# activegraph's strategy name -> small-text's query strategy. Only methods small-text implements
# for scikit-learn classifiers; evals/peers/smallText.ts documents which are the same method.
STRATEGIES = {
    "random": lambda: RandomSampling(),
    "margin": lambda: BreakingTies(),
    "least-confidence": lambda: LeastConfidence(),
    "entropy": lambda: PredictionEntropy(),
    "coreset": lambda: GreedyCoreset(distance_metric="euclidean", normalize=True),
    "kmeans-centroids": lambda: EmbeddingKMeans(normalize=True),
    "contrastive": lambda: ContrastiveActiveLearning(k=10, pbar=None),
}
# Strategies that read pool vectors through the classifier's embed().
VECTOR_STRATEGIES = {"coreset", "kmeans-centroids", "contrastive"}


def classifier_template(name, options):
    if name == "lr":
        # scikit-learn's LogisticRegression as small-text wraps it; C and max_iter come from
        # evals/peers/smallTextMethods.ts, which says why they differ from the defaults.
        return LogisticRegression(C=options.get("C", 1.0), max_iter=options.get("max_iter", 100))
    if name == "svm":
        return ConfidenceEnhancedLinearSVC(linearsvc_kwargs={"C": options.get("C", 1.0)})
    raise ValueError(f'unknown classifier "{name}" (known: lr, svm)')


def pool_rows(data_set):
    """The pool row numbers behind a (possibly nested) SklearnDatasetView."""
    if isinstance(data_set, SklearnDatasetView):
        parent = pool_rows(data_set.dataset)
        return parent[data_set.selection]
    return np.arange(data_set.x.shape[0])


class VectorsClassifier(SklearnClassifier):
    """A scikit-learn classifier whose embed() returns fixed pool vectors (activegraph's, read from
    a float32 file), as small-text's PyTorch classifiers return their document embeddings: what
    GreedyCoreset, EmbeddingKMeans and ContrastiveActiveLearning need."""

    def __init__(self, model, num_classes, vectors):
        super().__init__(model, num_classes)
        self.vectors = vectors

    def embed(self, data_set, return_proba=False, pbar=None):
        embeddings = self.vectors[pool_rows(data_set)]
        return (embeddings, self.predict_proba(data_set)) if return_proba else embeddings


class VectorsClassifierFactory(SklearnClassifierFactory):
    def __init__(self, base_estimator, num_classes, vectors):
        super().__init__(base_estimator, num_classes)
        self.vectors = vectors

    def new(self):
        from sklearn.base import clone

        return VectorsClassifier(clone(self.base_estimator), self.num_classes, self.vectors)


def read_vectors(spec, rows):
    data = np.fromfile(spec["path"], dtype="<f4")
    if data.size != rows * spec["dim"]:
        raise ValueError(f'{spec["path"]}: {data.size} floats, expected {rows} rows x {spec["dim"]}')
    return data.reshape(rows, spec["dim"])


class Setup:
    """Features, labels and the learner factory for a job, built once for all its seeds."""

    def __init__(self, job):
        labels = job["labels"]
        index = {label: i for i, label in enumerate(labels)}
        pool, test = job["pool"], job["test"]
        self.ids = [row["id"] for row in pool]
        self.position = {id_: i for i, id_ in enumerate(self.ids)}
        if len(self.position) != len(self.ids):
            raise ValueError("pool ids are not unique")
        self.y = np.array([index[row["label"]] for row in pool])
        self.num_classes = len(labels)
        started = time.perf_counter()
        if job["features"] == "tfidf":
            self.vectorizer = TfidfVectorizer(**job.get("tfidf", {}))
            x_pool = self.vectorizer.fit_transform([row["text"] for row in pool])
            x_test = self.vectorizer.transform([row["text"] for row in test]) if test else None
        elif job["features"] == "vectors":
            x_pool = read_vectors(job["poolVectors"], len(pool))
            x_test = read_vectors(job["testVectors"], len(test)) if test else None
        else:
            raise ValueError(f'unknown features "{job["features"]}" (known: tfidf, vectors)')
        self.featurize_ms = 1000 * (time.perf_counter() - started)
        classes = np.arange(self.num_classes)
        self.pool = SklearnDataset(x_pool, self.y, target_labels=classes)
        self.test = SklearnDataset(x_test, np.zeros(x_test.shape[0], dtype=int), target_labels=classes) if test else None
        self.template = classifier_template(job["classifier"], job.get("classifierOptions", {}))
        self.vectors = read_vectors(job["poolVectors"], len(pool)) if job.get("poolVectors") else None

    def learner(self, strategy):
        if strategy not in STRATEGIES:
            raise ValueError(f'small-text has no counterpart of "{strategy}" here (known: {", ".join(STRATEGIES)})')
        if strategy in VECTOR_STRATEGIES:
            if self.vectors is None:
                raise ValueError(f'"{strategy}" needs pool vectors (poolVectors in the job)')
            factory = VectorsClassifierFactory(self.template, self.num_classes, self.vectors)
        else:
            factory = SklearnClassifierFactory(self.template, self.num_classes)
        return PoolBasedActiveLearner(factory, STRATEGIES[strategy](), self.pool)

    def indices(self, ids):
        missing = [id_ for id_ in ids if id_ not in self.position]
        if missing:
            raise ValueError(f"ids not in the pool: {missing[:3]}")
        return np.array([self.position[id_] for id_ in ids], dtype=int)


def ms_since(started):
    return 1000 * (time.perf_counter() - started)


def run_cell(setup, job, seed, initial_ids):
    """One learning curve: the initial ids, then `rounds` queries of `batchSize`."""
    protocol = job["protocol"]
    # small-text draws from numpy's global generator (RandomSampling, LinearSVC, k-means).
    np.random.seed(seed)
    learner = setup.learner(job["strategy"])
    initial = setup.indices(initial_ids)
    started = time.perf_counter()
    learner.initialize_data(initial, setup.y[initial])
    train_ms = ms_since(started)
    rounds = []

    def record(round_, picked, select_ms, train_ms):
        started = time.perf_counter()
        predictions = learner.classifier.predict(setup.test) if setup.test is not None else np.array([], dtype=int)
        rounds.append({
            "round": round_,
            "labels": int(len(learner.indices_labeled)),
            "picked": [setup.ids[i] for i in picked],
            "predictions": [int(p) for p in predictions],
            "ms": {"select": select_ms, "train": train_ms, "evaluate": ms_since(started)},
        })

    record(0, initial, 0.0, train_ms)
    for round_ in range(1, protocol["rounds"] + 1):
        started = time.perf_counter()
        picked = learner.query(num_samples=protocol["batchSize"])
        select_ms = ms_since(started)
        started = time.perf_counter()
        # The simulated oracle: the gold labels, as activegraph's oracle annotator gives them.
        learner.update(setup.y[picked])
        record(round_, picked, select_ms, ms_since(started))
    return {"seed": seed, "rounds": rounds}


def run(job):
    setup = Setup(job)
    for cell in job["seeds"]:
        print(json.dumps(run_cell(setup, job, cell["seed"], cell["initialIds"])), flush=True)


class QueryTimeout(Exception):
    pass


def on_alarm(_signum, _frame):
    raise QueryTimeout()


def speed(job):
    setup = Setup(job)
    labeled = setup.indices(job["labeledIds"])
    limit = job.get("timeoutSeconds", 0)
    signal.signal(signal.SIGALRM, on_alarm)
    out = {"poolSize": len(setup.ids), "featurizeMs": setup.featurize_ms, "strategies": {}}
    for strategy in job["strategies"]:
        np.random.seed(job.get("seed", 0))
        learner = setup.learner(strategy)
        started = time.perf_counter()
        learner.initialize_data(labeled, setup.y[labeled])
        fit_ms = ms_since(started)
        times = []
        timed_out = False
        # One untimed query first (the first call pays for imports and lazy set-up), unless it is
        # so slow that it is the only one timed, as evals/querySpeed.ts does for activegraph. A
        # query still running after timeoutSeconds is stopped and reported as such.
        for repeat in range(job["repeats"] + 1):
            started = time.perf_counter()
            try:
                signal.setitimer(signal.ITIMER_REAL, limit)
                picked = learner.query(num_samples=job["batchSize"])
            except QueryTimeout:
                timed_out = True
                times.append(ms_since(started))
                break
            finally:
                signal.setitimer(signal.ITIMER_REAL, 0)
            elapsed = ms_since(started)
            if len(set(picked.tolist())) != job["batchSize"]:
                raise RuntimeError(f"{strategy} returned {len(set(picked.tolist()))} distinct items, expected {job['batchSize']}")
            if repeat == 0 and elapsed <= 1000 * job.get("maxSeconds", 20):
                continue
            times.append(elapsed)
            if repeat == 0:
                break
        out["strategies"][strategy] = {"fitMs": fit_ms, "queryMs": times, "timedOut": timed_out}
    print(json.dumps(out), flush=True)


def main():
    mode = sys.argv[1] if len(sys.argv) > 1 else ""
    if mode not in ("run", "speed"):
        raise SystemExit("usage: small_text_peer.py run|speed < job.json")
    job = json.load(sys.stdin)
    # small-text 1.4.1 calls one of its own deprecated helpers on every fit: noise on stderr.
    warnings.filterwarnings("ignore", message="The function get_flattened_unique_labels")
    try:
        (run if mode == "run" else speed)(job)
    except Exception as error:  # reported to activegraph as one line, then a non-zero exit
        print(json.dumps({"error": f"{type(error).__name__}: {error}"}), flush=True)
        sys.exit(1)


if __name__ == "__main__":
    main()
