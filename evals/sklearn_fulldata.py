"""scikit-learn's figure for activegraph's full-data comparison (evals/fullData.ts).

Same data, same features (TfidfVectorizer(sublinear_tf=True)), LogisticRegression(C=1), or with
--svm LinearSVC(C=1) (activegraph's `svm` target model fits the same objective).
Needs numpy and scikit-learn (e.g. Debian's python3-sklearn); not a dependency of activegraph.
Usage: python3 evals/sklearn_fulldata.py [--svm] [--C 1] <datasets dir> trec6 subj mr cr sms-spam ag_news
"""
import gzip, json, sys, time
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import accuracy_score, f1_score
from sklearn.svm import LinearSVC


def read(path):
    with gzip.open(path, "rt", encoding="utf8") as f:
        rows = [json.loads(line) for line in f if line.strip()]
    return [r["text"] for r in rows], [str(r["label"]) for r in rows]


args = sys.argv[1:]
C = 1.0
svm = args[:1] == ["--svm"]
if svm:
    args = args[1:]
if args and args[0] == "--C":
    C, args = float(args[1]), args[2:]
data_dir, names = args[0], args[1:]
print(f"scikit-learn {'LinearSVC' if svm else 'LogisticRegression'}(C={C:g})")
print("| dataset | accuracy | macro-F1 | fit s |")
print("| --- | ---: | ---: | ---: |")
for name in names:
    xtr, ytr = read(f"{data_dir}/{name}/train.jsonl.gz")
    xte, yte = read(f"{data_dir}/{name}/test.jsonl.gz")
    vec = TfidfVectorizer(sublinear_tf=True)
    Xtr, Xte = vec.fit_transform(xtr), vec.transform(xte)
    t = time.time()
    clf = (LinearSVC(C=C) if svm else LogisticRegression(C=C, max_iter=1000)).fit(Xtr, ytr)
    fit = time.time() - t
    pred = clf.predict(Xte)
    print(f"| {name} | {100*accuracy_score(yte, pred):.2f} | {100*f1_score(yte, pred, average='macro'):.2f} | {fit:.1f} |")
