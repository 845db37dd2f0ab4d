"""Fit the embedding sub-type classifier on polemos's own snippets and ship it as an .npz.

    python scripts/fit_subtype_classifier.py [--folds 5]

The L2 strength is chosen by k-fold cross-validation on the training snippets only (the held-out
set in tests/data/subtype_heldout.jsonl is never looked at here); the model is then refit on all
training snippets and written to src/polemos/extract/ml/subtype_classifier.npz together with the
hash of the snippet file.
"""

from __future__ import annotations

import argparse

import numpy as np

from polemos.extract.ml.embedding import SNIPPETS, WEIGHTS, file_sha256, fit, read_snippets
from polemos.extract.ml.minilm import encoder

L2_GRID = (3e-5, 1e-4, 3e-4, 1e-3, 3e-3)


def cross_validated_accuracy(vectors: np.ndarray, labels: list[str], l2: float,
                             folds: int) -> float:
    order = np.random.default_rng(0).permutation(len(labels))
    hits = 0
    for fold in range(folds):
        test = order[fold::folds]
        train = np.setdiff1d(order, test)
        model = fit(vectors[train], [labels[i] for i in train], l2=l2)
        predicted = model.predict_vectors(vectors[test])
        hits += sum(p.sub_event_type == labels[i] for p, i in zip(predicted, test, strict=True))
    return hits / len(labels)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--folds", type=int, default=5)
    args = parser.parse_args()
    rows = read_snippets(SNIPPETS)
    labels = [row["sub_event_type"] for row in rows]
    vectors = encoder().embed([row["text"] for row in rows])
    scores = {l2: cross_validated_accuracy(vectors, labels, l2, args.folds) for l2 in L2_GRID}
    for l2, accuracy in scores.items():
        print(f"l2={l2:g}: {args.folds}-fold accuracy {accuracy:.3f}")
    best = max(scores, key=lambda l2: (scores[l2], l2))  # ties: the stronger regulariser
    fit(vectors, labels, l2=best).save(WEIGHTS, file_sha256(SNIPPETS), best)
    print(f"wrote {WEIGHTS} (l2={best:g}, {len(rows)} snippets)")


if __name__ == "__main__":
    main()
