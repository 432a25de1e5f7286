"""scikit-learn's logistic regression on the embeddings `hark embed RUN METADATA --out EMB.npy` wrote, as the probe fits it.

    /usr/bin/python3 bench/probe_sklearn.py METADATA.csv EMB.npy [C]

Fits StandardScaler + LogisticRegression(C, lbfgs) on the rows whose split is not 'test' (softmax for a 'label'
column, one LogisticRegression per class for a comma-separated 'labels' column) and scores the 'test' rows. Prints
`sklearn_accuracy=...` (single-label) or `sklearn_lwlrap=...` (multi-label). EMB.csv beside EMB.npy maps rows to paths.
"""
import csv, os, sys
import numpy as np
from sklearn.linear_model import LogisticRegression
from sklearn.preprocessing import StandardScaler


def lwlrap(truth, scores):
    """Label-weighted label-ranking average precision (DCASE 2019 task 2): precision at each true label's rank, averaged over all true labels."""
    total, hits = 0.0, 0
    for t, s in zip(truth, scores):
        positives = np.flatnonzero(t)
        if len(positives) == 0:
            continue
        ranks = np.argsort(-s, kind="stable")
        position = np.empty(len(s), dtype=int)
        position[ranks] = np.arange(1, len(s) + 1)
        for p in positives:
            total += np.sum(position[positives] <= position[p]) / position[p]
            hits += 1
    return total / hits


def main():
    metadata, npy = sys.argv[1], sys.argv[2]
    c = float(sys.argv[3]) if len(sys.argv) > 3 else 1.0
    folder = os.path.dirname(os.path.abspath(metadata))
    with open(metadata) as f:
        rows = list(csv.DictReader(f))
    embeddings = np.load(npy).astype(np.float64)
    with open(os.path.splitext(npy)[0] + ".csv") as f:
        index = {os.path.normpath(r["path"]): int(r["index"]) for r in csv.DictReader(f)}
    x = np.stack([embeddings[index[os.path.normpath(os.path.join(folder, r["path"]))]] for r in rows])
    test = np.array([r.get("split") == "test" for r in rows])
    multi = "labels" in rows[0]
    if multi:
        names = sorted({l for r in rows for l in r["labels"].split(",")}, key=lambda v: (len(v), v))
        y = np.array([[n in r["labels"].split(",") for n in names] for r in rows], dtype=int)
    else:
        names = sorted({r["label"] for r in rows})
        y = np.array([names.index(r["label"]) for r in rows])
    scaler = StandardScaler().fit(x[~test])
    train_x, test_x = scaler.transform(x[~test]), scaler.transform(x[test])
    if multi:
        scores = np.stack([LogisticRegression(C=c, max_iter=1000).fit(train_x, y[~test, k]).predict_proba(test_x)[:, 1]
                           for k in range(len(names))], axis=1)
        print(f"sklearn_lwlrap={lwlrap(y[test], scores):.4f}")
    else:
        model = LogisticRegression(C=c, max_iter=1000).fit(train_x, y[~test])
        print(f"sklearn_accuracy={np.mean(model.predict(test_x) == y[test]):.4f}")


main()
