"""Refit the event confidence model (src/polemos/extract/confidence.py) on an annotated set.

    python scripts/fit_confidence.py /work/shared/eval/news/dev.jsonl [--l2 5]

Runs the pipeline over the gold documents, labels each counted prediction by whether it
matches a gold event (the `polemos eval events` matching), and fits an L2-regularised logistic
regression of that label on the features of `confidence.features`. Prints BIAS and WEIGHTS to
paste into confidence.py, and the reliability of the fitted model on the same set.
"""

from __future__ import annotations

import argparse
from pathlib import Path

import numpy as np

import polemos.extract.events as extract_events
from polemos.evaluate.events import article_of, load_gold, match
from polemos.extract import confidence
from polemos.pipeline import process_article


def labelled_features(gold: Path) -> tuple[np.ndarray, np.ndarray]:
    seen: dict[int, tuple[int, bool]] = {}
    original = extract_events.score

    def recording_score(candidate, priority: int, dated: bool) -> float:  # noqa: ANN001
        seen[id(candidate)] = (priority, dated)
        return original(candidate, priority, dated)

    extract_events.score = recording_score
    rows, labels = [], []
    try:
        for record in load_gold(gold):
            counted = [c for c in process_article(article_of(record)).candidates if c.is_event]
            matched = {i for i, _ in match(counted, record.get("events", []), strict=False)}
            for index, candidate in enumerate(counted):
                feats = confidence.features(candidate, *seen[id(candidate)])
                rows.append([float(feats[name]) for name in confidence.WEIGHTS])
                labels.append(float(index in matched))
    finally:
        extract_events.score = original
    return np.array(rows), np.array(labels)


def fit(x: np.ndarray, y: np.ndarray, l2: float, steps: int = 20000) -> tuple[float, np.ndarray]:
    weights, bias = np.zeros(x.shape[1]), 0.0
    for _ in range(steps):
        p = 1.0 / (1.0 + np.exp(-(x @ weights + bias)))
        weights -= 0.5 * (x.T @ (p - y) + l2 * weights) / len(y)
        bias -= 0.5 * float((p - y).mean())
    return bias, weights


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("gold", type=Path)
    parser.add_argument("--l2", type=float, default=5.0)
    args = parser.parse_args()
    x, y = labelled_features(args.gold)
    bias, weights = fit(x, y, args.l2)
    print(f"{len(y)} predictions, {int(y.sum())} match gold")
    print(f"BIAS = {bias:.2f}")
    for column, (name, weight) in enumerate(zip(confidence.WEIGHTS, weights, strict=True)):
        print(f"    {name!r}: {weight:.2f},  # on for {x[:, column].mean():.0%}")
    p = 1.0 / (1.0 + np.exp(-(x @ weights + bias)))
    for low, high in ((0.0, 0.5), (0.5, 0.7), (0.7, 0.85), (0.85, 1.01)):
        inside = (p >= low) & (p < high)
        if inside.any():
            print(f"{low:.2f}-{min(high, 1):.2f}: n={inside.sum()} mean={p[inside].mean():.3f} "
                  f"precision={y[inside].mean():.3f}")


if __name__ == "__main__":
    main()
