"""scikit-learn's LogisticRegression (lbfgs, L2) on small random problems, for LogisticRegressionTests.cs.

    /usr/bin/python3 generate_logistic_fixtures.py    writes logistic_regression.json beside this script

softmax: 60 examples, 6 features, 3 classes, multinomial (sklearn's default for lbfgs), C=0.5.
one_vs_rest: 60 examples, 6 features, 3 independent 0/1 targets, one LogisticRegression per class, C=2.
Both fitted to convergence (tol 1e-10), so the optimum, not the solver's path, is what the test compares.
"""
import json, os
import numpy as np
from sklearn.linear_model import LogisticRegression

rng = np.random.RandomState(7)
x = rng.randn(60, 6)
true_w = rng.randn(6, 3)
y = np.argmax(x @ true_w + 0.8 * rng.randn(60, 3), axis=1)
softmax = LogisticRegression(C=0.5, tol=1e-10, max_iter=10000).fit(x, y)

multi = (x @ true_w + 0.8 * rng.randn(60, 3) > 0).astype(int)
ovr = [LogisticRegression(C=2.0, tol=1e-10, max_iter=10000).fit(x, multi[:, k]) for k in range(3)]

fixture = {
    "x": x.tolist(),
    "softmax": {"c": 0.5, "labels": y.tolist(), "weight": softmax.coef_.tolist(), "bias": softmax.intercept_.tolist(),
                "probabilities": softmax.predict_proba(x).tolist()},
    "one_vs_rest": {"c": 2.0, "targets": multi.tolist(), "weight": [m.coef_[0].tolist() for m in ovr],
                    "bias": [float(m.intercept_[0]) for m in ovr]},
}
with open(os.path.join(os.path.dirname(os.path.abspath(__file__)), "logistic_regression.json"), "w") as f:
    json.dump(fixture, f)
