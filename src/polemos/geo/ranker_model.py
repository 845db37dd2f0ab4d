"""The ranker's scoring function: a linear term plus a small one-hidden-layer network.

    score(row) = row @ w + tanh(row @ W + b) @ v

over the feature rows of one mention's candidates (`polemos.geo.features`); the softmax of the
scores over the candidates is the ranking. The linear part is the conditional logit the ranker
always had; the hidden units add interactions a linear model cannot express (population matters
less where other names support a candidate, a capital counts less in local news). With no hidden
units the model is the plain conditional logit.

Weights are kept by feature *name* (`ranker_weights.py`): a feature the stored model does not
know gets zero weight everywhere (its column is ignored until the ranker is refitted), so adding
a feature never breaks a stored model. Inference is numpy only; fitting
(`fit_hidden`, used by `polemos.geo.train_ranker`) uses scipy's L-BFGS.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

import numpy as np


@dataclass(frozen=True, slots=True)
class Ranker:
    """Scores for feature rows: `linear` (d,), `hidden_in` (d, h), `hidden_bias` (h,),
    `hidden_out` (h,); h may be 0."""

    linear: np.ndarray
    hidden_in: np.ndarray
    hidden_bias: np.ndarray
    hidden_out: np.ndarray

    @classmethod
    def linear_only(cls, weights: np.ndarray) -> Ranker:
        d = len(weights)
        return cls(np.asarray(weights, dtype=float), np.zeros((d, 0)), np.zeros(0), np.zeros(0))

    def __call__(self, matrix: np.ndarray) -> np.ndarray:
        scores = matrix @ self.linear
        if len(self.hidden_out):
            scores = scores + np.tanh(matrix @ self.hidden_in + self.hidden_bias) @ self.hidden_out
        return scores

    @property
    def units(self) -> int:
        return len(self.hidden_out)

    @classmethod
    def from_tables(cls, features: Sequence[str], weights: Mapping[str, float],
                    hidden: Mapping | None = None) -> Ranker:
        """The model for feature columns `features` from its stored tables (see `tables`)."""
        linear = np.array([weights.get(name, 0.0) for name in features], dtype=float)
        if not hidden or not hidden.get("output"):
            return cls.linear_only(linear)
        out = np.array(hidden["output"], dtype=float)
        rows = hidden["input"]
        zero = [0.0] * len(out)
        hidden_in = np.array([rows.get(name, zero) for name in features], dtype=float)
        return cls(linear, hidden_in.reshape(len(features), len(out)),
                   np.array(hidden["bias"], dtype=float), out)

    def tables(self, features: Sequence[str]) -> tuple[dict[str, float], dict]:
        """(feature -> linear weight, hidden-layer table) for `ranker_weights.py`."""
        weights = {name: float(v) for name, v in zip(features, self.linear, strict=True)}
        hidden = {
            "bias": [float(v) for v in self.hidden_bias],
            "output": [float(v) for v in self.hidden_out],
            "input": {name: [float(v) for v in row]
                      for name, row in zip(features, self.hidden_in, strict=True)
                      if np.any(row != 0)},
        }
        return weights, hidden


def merge(models: Sequence[Ranker]) -> Ranker:
    """The average of several models' scores, as one model (hidden units side by side)."""
    n = len(models)
    return Ranker(
        sum(m.linear for m in models) / n,
        np.hstack([m.hidden_in for m in models]),
        np.concatenate([m.hidden_bias for m in models]),
        np.concatenate([m.hidden_out for m in models]) / n,
    )


def _group_starts(groups: np.ndarray) -> np.ndarray:
    return np.flatnonzero(np.r_[True, groups[1:] != groups[:-1]])


def choice_loss(scores: np.ndarray, y: np.ndarray, groups: np.ndarray
                ) -> tuple[float, np.ndarray]:
    """Negative log of each group's softmax mass on its right rows (`y` = 1), summed, and its
    gradient with respect to the scores. Rows of a group are contiguous."""
    starts = _group_starts(groups)
    e = np.exp(scores - np.maximum.reduceat(scores, starts)[groups])
    p = e / np.add.reduceat(e, starts)[groups]
    right = np.maximum(np.add.reduceat(p * y, starts), 1e-300)
    return float(-np.log(right).sum()), p - p * y / right[groups]


def fit_hidden(
    x: np.ndarray, y: np.ndarray, groups: np.ndarray, linear: np.ndarray, units: int = 8,
    l2: float = 0.1, l2_hidden: float = 10.0, linear_means: np.ndarray | None = None,
    linear_penalty: np.ndarray | None = None, held: Sequence[int] = (), seed: int = 0,
    max_iter: int = 400,
) -> Ranker:
    """A linear term (started at `linear`, pulled toward `linear_means` with per-column L2
    `linear_penalty`, default `l2`) plus `units` tanh units on standardised inputs (L2
    `l2_hidden` on their weights), fitted by L-BFGS on `choice_loss`. Columns in `held` (hand-set
    weights) and constant columns stay out of the hidden layer. The standardisation is folded
    into the returned weights, so the model reads raw feature rows."""
    from scipy.optimize import minimize

    d = x.shape[1]
    means = np.zeros(d) if linear_means is None else linear_means
    penalty = np.full(d, l2) if linear_penalty is None else linear_penalty
    centre = x.mean(axis=0)
    scale = x.std(axis=0)
    constant = scale < 1e-6
    scale[constant] = 1.0
    mask = (~constant).astype(float)  # a constant column says nothing to the hidden units
    mask[list(held)] = 0.0
    z = (x - centre) / scale * mask
    rng = np.random.default_rng(seed)
    theta = np.r_[linear, rng.normal(0.0, 0.3 / np.sqrt(d), d * units), np.zeros(units),
                  rng.normal(0.0, 0.1, units)]

    def unpack(t: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
        w, rest = t[:d], t[d:]
        return (w, rest[: d * units].reshape(d, units), rest[d * units: d * units + units],
                rest[d * units + units:])

    def objective(t: np.ndarray) -> tuple[float, np.ndarray]:
        w, hidden_in, bias, out = unpack(t)
        h = np.tanh(z @ hidden_in + bias)
        loss, g = choice_loss(x @ w + h @ out, y, groups)
        loss += 0.5 * float((penalty * (w - means) ** 2).sum())
        loss += 0.5 * l2_hidden * float((hidden_in ** 2).sum() + (out ** 2).sum())
        dh = g[:, None] * out[None, :] * (1.0 - h ** 2)
        gradient = np.r_[x.T @ g + penalty * (w - means),
                         (z.T @ dh + l2_hidden * hidden_in).ravel(), dh.sum(axis=0),
                         h.T @ g + l2_hidden * out]
        return loss, gradient

    result = minimize(objective, theta, jac=True, method="L-BFGS-B",
                      options={"maxiter": max_iter})
    w, hidden_in, bias, out = unpack(result.x)
    folded = hidden_in * (mask / scale)[:, None]
    return Ranker(w, folded, bias - centre @ folded, out)
