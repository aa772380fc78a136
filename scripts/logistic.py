"""The L2-penalized logistic regression both MUC-4 learning scripts fit over sparse binary features.

Run from the scripts (`python scripts/learn_muc4_*.py`), which find this module beside them.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Iterable, Sequence

import numpy as np
from scipy import sparse  # type: ignore[import-untyped]
from scipy.optimize import minimize  # type: ignore[import-untyped]

Weights = dict[str, float]
BIAS = "__bias__"


def fit(rows: Sequence[tuple[Iterable[str], int]], *, l2: float, min_count: int) -> Weights:
    """Feature weights (and `__bias__`) for (features, 0/1 label) rows; features seen in fewer
    than `min_count` rows are left out."""
    rows = [(frozenset(features), label) for features, label in rows]
    counts = Counter(f for features, _ in rows for f in features)
    vocab = {f: i for i, f in enumerate(sorted(f for f, n in counts.items() if n >= min_count))}
    cells = [(i, vocab[f]) for i, (features, _) in enumerate(rows) for f in features if f in vocab]
    x = sparse.csr_matrix(
        (np.ones(len(cells)), ([c[0] for c in cells], [c[1] for c in cells])),
        shape=(len(rows), len(vocab)),
    )
    y = np.array([label for _, label in rows], dtype=float)

    def loss_and_gradient(wb: np.ndarray) -> tuple[float, np.ndarray]:
        w, b = wb[:-1], wb[-1]
        p = 1.0 / (1.0 + np.exp(-(x @ w + b)))
        loss = -np.sum(y * np.log(p + 1e-12) + (1 - y) * np.log(1 - p + 1e-12)) + 0.5 * l2 * w @ w
        return float(loss), np.r_[x.T @ (p - y) + l2 * w, np.sum(p - y)]

    result = minimize(
        loss_and_gradient,
        np.zeros(len(vocab) + 1),
        jac=True,
        method="L-BFGS-B",
        options={"maxiter": 1000},
    )
    weights = {f: float(result.x[i]) for f, i in vocab.items()}
    weights[BIAS] = float(result.x[-1])
    return weights


def probability(weights: Weights, features: Iterable[str]) -> float:
    z = weights[BIAS] + sum(weights.get(f, 0.0) for f in features)
    return 1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, z))))
