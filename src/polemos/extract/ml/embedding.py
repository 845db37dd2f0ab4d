"""Sub-type classifier on MiniLM sentence embeddings: the optional second opinion to the rules.

A multinomial logistic regression (numpy) over the 25 ACLED sub-types plus "none", fitted by
`scripts/fit_subtype_classifier.py` on polemos's own labelled snippets (subtype_snippets.jsonl,
written for this project, no article text) and shipped as subtype_classifier.npz. The npz records
the hash of the snippet file it was fitted on, so a stale fit is detected (tests check it).
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import numpy as np

from polemos.extract.ml.taxonomy import NONE, SUB_EVENT_TYPES

HERE = Path(__file__).resolve().parent
SNIPPETS = HERE / "subtype_snippets.jsonl"
WEIGHTS = HERE / "subtype_classifier.npz"
LABELS: tuple[str, ...] = (*SUB_EVENT_TYPES, NONE)


@dataclass(frozen=True, slots=True)
class Prediction:
    sub_event_type: str  # one of LABELS
    probability: float


@dataclass(frozen=True, slots=True)
class SubtypeClassifier:
    weights: np.ndarray  # (dim, labels)
    bias: np.ndarray  # (labels,)
    labels: tuple[str, ...]

    def probabilities(self, vectors: np.ndarray) -> np.ndarray:
        logits = vectors @ self.weights + self.bias
        logits -= logits.max(axis=1, keepdims=True)
        exp = np.exp(logits)
        return exp / exp.sum(axis=1, keepdims=True)

    def predict_vectors(self, vectors: np.ndarray) -> list[Prediction]:
        probs = self.probabilities(vectors)
        best = probs.argmax(axis=1)
        return [Prediction(self.labels[i], float(probs[row, i])) for row, i in enumerate(best)]

    def predict(self, texts: list[str]) -> list[Prediction]:
        from polemos.extract.ml.minilm import encoder

        return self.predict_vectors(encoder().embed(texts))

    def save(self, path: Path, snippets_sha256: str, l2: float) -> None:
        np.savez(path, weights=self.weights.astype(np.float32),
                 bias=self.bias.astype(np.float32), labels=np.array(self.labels),
                 snippets_sha256=np.array(snippets_sha256), l2=np.array(l2))

    @classmethod
    def load(cls, path: Path = WEIGHTS) -> SubtypeClassifier:
        with np.load(path) as data:
            return cls(data["weights"], data["bias"], tuple(str(x) for x in data["labels"]))


def fit(vectors: np.ndarray, labels: list[str], l2: float = 1e-3, steps: int = 1500,
        rate: float = 2.0) -> SubtypeClassifier:
    """Softmax regression by full-batch gradient descent (a few hundred rows: seconds)."""
    index = {label: i for i, label in enumerate(LABELS)}
    target = np.zeros((len(labels), len(LABELS)), np.float64)
    target[np.arange(len(labels)), [index[label] for label in labels]] = 1.0
    x = vectors.astype(np.float64)
    weights = np.zeros((x.shape[1], len(LABELS)))
    bias = np.zeros(len(LABELS))
    for _ in range(steps):
        model = SubtypeClassifier(weights, bias, LABELS)
        error = (model.probabilities(x) - target) / len(labels)
        weights -= rate * (x.T @ error + l2 * weights)
        bias -= rate * error.sum(axis=0)
    return SubtypeClassifier(weights, bias, LABELS)


def read_snippets(path: Path) -> list[dict]:
    with path.open(encoding="utf-8") as handle:
        return [json.loads(line) for line in handle if line.strip()]


def file_sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


@cache
def shipped_classifier() -> SubtypeClassifier:
    """The fitted classifier of the package (loaded once per process)."""
    return SubtypeClassifier.load(WEIGHTS)
