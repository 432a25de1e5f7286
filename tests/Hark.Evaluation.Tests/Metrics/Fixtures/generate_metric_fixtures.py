"""Writes metric_fixtures.json: small single-label and multi-label cases with scikit-learn's answers.

Run with Debian's python (scikit-learn 1.2.1, numpy 1.24):
    /usr/bin/python3 tests/Hark.Training.Tests/Metrics/Fixtures/generate_metric_fixtures.py
Scores are float32 values (rounded to create ties) so the C# side reads the same numbers sklearn saw.
"""
import json
import os
import warnings

import numpy as np
import sklearn
from sklearn import metrics

warnings.filterwarnings("ignore")
rng = np.random.RandomState(20261123)


def f32(a):
    return np.asarray(a, dtype=np.float32).astype(np.float64)


def prf_all(y_true, y_pred, labels=None, zero_division=0, averages=("macro", "micro", "weighted")):
    out = {}
    for avg in averages:
        p, r, f, _ = metrics.precision_recall_fscore_support(y_true, y_pred, labels=labels, average=avg, zero_division=zero_division)
        out[avg] = [float(p), float(r), float(f)]
    return out


def maybe(fn):
    try:
        return float(fn())
    except ValueError:
        return None


def single_case(name, y_true, y_pred, scores, classes):
    labels = list(range(classes))
    names = ["class_%d" % c if c % 3 else "long_name_%d" % c for c in labels]
    p, r, f, s = metrics.precision_recall_fscore_support(y_true, y_pred, labels=labels, average=None, zero_division=0)
    p1, r1, f1, _ = metrics.precision_recall_fscore_support(y_true, y_pred, labels=labels, average=None, zero_division=1)
    onehot = np.eye(classes, dtype=int)[y_true]
    return {
        "name": name,
        "kind": "single",
        "classes": classes,
        "y_true": [int(v) for v in y_true],
        "y_pred": [int(v) for v in y_pred],
        "scores": scores.tolist(),
        "class_names": names,
        "expected": {
            "accuracy": float(metrics.accuracy_score(y_true, y_pred)),
            "confusion_matrix": metrics.confusion_matrix(y_true, y_pred, labels=labels).tolist(),
            "confusion_matrix_true": metrics.confusion_matrix(y_true, y_pred, labels=labels, normalize="true").tolist(),
            "confusion_matrix_pred": metrics.confusion_matrix(y_true, y_pred, labels=labels, normalize="pred").tolist(),
            "confusion_matrix_all": metrics.confusion_matrix(y_true, y_pred, labels=labels, normalize="all").tolist(),
            "prf_default_labels_zd0": prf_all(y_true, y_pred, None, 0),
            "prf_default_labels_zd1": prf_all(y_true, y_pred, None, 1),
            "prf_all_labels_zd0": prf_all(y_true, y_pred, labels, 0),
            "prf_all_labels_zd1": prf_all(y_true, y_pred, labels, 1),
            "per_class_zd0": {"precision": p.tolist(), "recall": r.tolist(), "f1": f.tolist(), "support": s.tolist()},
            "per_class_zd1": {"precision": p1.tolist(), "recall": r1.tolist(), "f1": f1.tolist()},
            "f2_macro": float(metrics.fbeta_score(y_true, y_pred, beta=2, average="macro", zero_division=0)),
            "report_2": metrics.classification_report(y_true, y_pred, labels=labels, target_names=names, zero_division=0),
            "report_4": metrics.classification_report(y_true, y_pred, labels=labels, target_names=names, digits=4, zero_division=0),
            "top2_accuracy": maybe(lambda: metrics.top_k_accuracy_score(y_true, scores, k=2, labels=labels)) if classes > 2 else None,
            "top3_accuracy": maybe(lambda: metrics.top_k_accuracy_score(y_true, scores, k=3, labels=labels)) if classes > 3 else None,
            "hamming_loss": float(metrics.hamming_loss(y_true, y_pred)),
            "roc_auc_ovr_macro": maybe(lambda: metrics.roc_auc_score(onehot, scores, average="macro")),
            "roc_auc_ovr_weighted": maybe(lambda: metrics.roc_auc_score(onehot, scores, average="weighted")),
            "roc_auc_micro": maybe(lambda: metrics.roc_auc_score(onehot, scores, average="micro")),
        },
    }


def per_class_lwlrap(y_true, scores):
    # Precision at each positive label's rank, with sklearn's tie rule (rank = number of scores >= this one).
    n, k = y_true.shape
    sums = np.zeros(k)
    counts = y_true.sum(axis=0).astype(float)
    for i in range(n):
        for c in np.nonzero(y_true[i])[0]:
            rank = (scores[i] >= scores[i, c]).sum()
            hits = (scores[i][y_true[i].astype(bool)] >= scores[i, c]).sum()
            sums[c] += hits / rank
    per_class = np.where(counts > 0, sums / np.maximum(counts, 1), 0.0)
    weights = counts / counts.sum()
    return per_class.tolist(), weights.tolist()


def multi_case(name, y_true, scores, threshold=0.5):
    y_pred = (scores >= threshold).astype(int)
    n, k = y_true.shape
    pos = y_true.sum(axis=1)
    ap_per = []
    auc_per = []
    for c in range(k):
        ap_per.append(float(metrics.average_precision_score(y_true[:, c], scores[:, c])))
        auc_per.append(maybe(lambda: metrics.roc_auc_score(y_true[:, c], scores[:, c])))
    lw_per, lw_weights = per_class_lwlrap(y_true, scores)
    jac = {avg: float(metrics.jaccard_score(y_true, y_pred, average=avg, zero_division=0)) for avg in ("samples", "macro", "micro", "weighted")}
    jac1 = {avg: float(metrics.jaccard_score(y_true, y_pred, average=avg, zero_division=1)) for avg in ("samples", "macro")}
    return {
        "name": name,
        "kind": "multi",
        "classes": k,
        "y_true": y_true.tolist(),
        "y_pred": y_pred.tolist(),
        "scores": scores.tolist(),
        "threshold": threshold,
        "expected": {
            "lrap": float(metrics.label_ranking_average_precision_score(y_true, scores)),
            "lwlrap": float(metrics.label_ranking_average_precision_score(y_true, scores, sample_weight=pos)),
            "lwlrap_per_class": lw_per,
            "lwlrap_class_weights": lw_weights,
            "ap_per_class": ap_per,
            "ap_macro": float(metrics.average_precision_score(y_true, scores, average="macro")),
            "ap_micro": float(metrics.average_precision_score(y_true, scores, average="micro")),
            "ap_weighted": float(metrics.average_precision_score(y_true, scores, average="weighted")),
            "ap_samples": float(metrics.average_precision_score(y_true, scores, average="samples")),
            "roc_auc_per_class": auc_per,
            "roc_auc_macro": maybe(lambda: metrics.roc_auc_score(y_true, scores, average="macro")),
            "roc_auc_micro": maybe(lambda: metrics.roc_auc_score(y_true, scores, average="micro")),
            "roc_auc_weighted": maybe(lambda: metrics.roc_auc_score(y_true, scores, average="weighted")),
            "roc_auc_samples": maybe(lambda: metrics.roc_auc_score(y_true, scores, average="samples")),
            "hamming_loss": float(metrics.hamming_loss(y_true, y_pred)),
            "subset_accuracy": float(metrics.accuracy_score(y_true, y_pred)),
            "jaccard_zd0": jac,
            "jaccard_zd1": jac1,
            "prf_zd0": prf_all(y_true, y_pred, None, 0, ("macro", "micro", "weighted", "samples")),
            "prf_zd1": prf_all(y_true, y_pred, None, 1, ("macro", "micro", "weighted", "samples")),
            "report_2": metrics.classification_report(y_true, y_pred, target_names=["tag_%d" % c for c in range(k)], zero_division=0),
        },
    }


def noisy_predictions(y_true, classes, accuracy):
    wrong = rng.rand(len(y_true)) > accuracy
    return np.where(wrong, rng.randint(0, classes, len(y_true)), y_true)


def single_scores(y_true, classes, decimals):
    logits = rng.randn(len(y_true), classes) + 1.5 * np.eye(classes)[y_true]
    probs = np.exp(logits) / np.exp(logits).sum(axis=1, keepdims=True)
    return f32(np.round(probs, decimals))


cases = []

y = rng.randint(0, 5, 60)
cases.append(single_case("single_basic", y, noisy_predictions(y, 5, 0.6), single_scores(y, 5, 2), 5))

# Class 4 only predicted, class 5 never seen, class 3 never predicted.
y = rng.choice([0, 1, 2, 3], 45, p=[0.4, 0.3, 0.2, 0.1])
pred = noisy_predictions(y, 3, 0.5)
pred[rng.rand(len(pred)) < 0.1] = 4
cases.append(single_case("single_absent_classes", y, pred, single_scores(y, 6, 1), 6))

y = rng.randint(0, 2, 40)
cases.append(single_case("single_binary", y, noisy_predictions(y, 2, 0.7), single_scores(y, 2, 1), 2))

y_true = (rng.rand(70, 7) < np.linspace(0.1, 0.6, 7)).astype(int)
y_true[0, :] = 1  # a row with every label positive
scores = f32(np.round(np.clip(0.35 * y_true + rng.rand(70, 7) * 0.7, 0, 1), 1))
cases.append(multi_case("multi_ties", y_true, scores))

# Class 2 never positive, class 5 positive everywhere but one row, a row with no positives.
y_true = (rng.rand(30, 6) < 0.4).astype(int)
y_true[:, 5] = 1
y_true[3, :] = 0
y_true[:, 2] = 0
scores = f32(np.round(rng.rand(30, 6), 2))
cases.append(multi_case("multi_absent_and_full", y_true, scores, threshold=0.4))

y_true = (rng.rand(25, 4) < 0.3).astype(int)
y_true[y_true.sum(axis=1) == 0, 0] = 1
scores = f32(rng.rand(25, 4))
cases.append(multi_case("multi_no_ties", y_true, scores))

out = {"sklearn": sklearn.__version__, "numpy": np.__version__, "cases": cases}
path = os.path.join(os.path.dirname(os.path.abspath(__file__)), "metric_fixtures.json")
with open(path, "w") as fh:
    json.dump(out, fh, indent=None, separators=(",", ":"))
print("wrote", path, os.path.getsize(path), "bytes")
