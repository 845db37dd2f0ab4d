"""Fit the ranker's logistic weights on the *train* parts of the toponym corpora.

    python -m polemos.geo.train_ranker SHARED/eval/geoparsing > src/polemos/geo/ranker_weights.py

Only documents with `mordecai3_split_approx == "train"` are read (LGL, TR-News, GeoWebNews); the
eval tails and every other corpus stay unseen. Each gold mention is one choice among its
candidates; the candidates within 161 km of the gold point are right. Fitting maximises the
probability a conditional logit gives the right ones (a few Newton steps on its Fisher information,
L2-regularised, numpy only), repeated once so the context features see the ranker's own first
choices, as at run time.
"""

from __future__ import annotations

import sys
from pathlib import Path

import numpy as np

from polemos.evaluate.geoparse import ACC_KM, GoldDoc, load_docs
from polemos.geo.detect import Candidate, span_candidate
from polemos.geo.features import FEATURES, Entry
from polemos.geo.geometry import haversine_km
from polemos.geo.geoparser import Geoparser
from polemos.geo.resolve import (
    DocumentFeatures,
    _sigmoid,
    choose,
    confidence_features,
    first_guesses,
    rank,
    with_source,
)

CORPORA = ("lgl.jsonl", "tr_news.jsonl", "geowebnews.jsonl")
# chosen on the train parts alone: fit on the even documents, scored on the odd ones (conditional
# Acc@161 0.934 at 0.1 vs 0.928 at 1.0, 0.922 at 10, 0.929 at 0.03)
L2 = 0.1
# Hand-set prior means (the L2 pull goes toward these, not 0) for evidence the train parts hold
# too few cases of: a name that is one place's *primary* name and only an alternate spelling of
# another (GeoNames lists 'Slovyansk' among Nikopol's variants; 'Kharkiv' is the city's name and
# an alias of its oblast) should mean the first place.
PRIOR_MEANS = {"primary_elsewhere": -3.0}


# Which readings of the train documents the ranker is fitted on: the text alone (False), and/or
# the text with its URL's source hint as pseudo mentions (True, `resolve.with_source`). The hint
# needs no weights of its own (its pseudo mentions feed the existing context features), and the
# text-only fit serves both protocols best on the train parts: fitted with hints only, the
# ranker leaned on them (train LGL 161-km-conditional text-only 0.9166 -> 0.9087, with URLs
# 0.9258 -> 0.9193); fitted on both readings, it was within noise on the even/odd halves
# (macro with URLs 0.9538 -> 0.9561 / 0.9580 -> 0.9587) but below on the whole train parts
# (LGL with URLs 0.9258 -> 0.9238, text-only 0.9166 -> 0.9156).
PROTOCOLS = (False,)


def gold_mentions(parser: Geoparser, doc: GoldDoc, use_url: bool = False
                  ) -> tuple[list[Candidate], list[list[Entry]]]:
    """The gold mentions first, then the detected context (and with `use_url` the URL's source
    hint as pseudo mentions, `resolve.with_source`), as `Geoparser.resolve_spans` sees them."""
    given = [span_candidate(doc.text, g.start, g.end) for g in doc.toponyms]
    candidates, entries = parser.mentions_in_context(doc.text, given)
    hint = parser.source_hint(doc.url) if use_url else None
    return with_source(candidates, entries, hint)


def _readings(parser: Geoparser, docs: list[GoldDoc]
              ) -> list[tuple[GoldDoc, list[Candidate], list[list[Entry]]]]:
    """Each document's mentions under each reading of `PROTOCOLS` (with two, both weigh the
    same: a URL-less document counts twice)."""
    return [(doc, *gold_mentions(parser, doc, use_url)) for use_url in PROTOCOLS for doc in docs]


def examples(
    parser: Geoparser, docs: list[GoldDoc], weights: np.ndarray | None
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Feature rows, labels and the mention (group) of each row, over mentions that have both a
    right and a wrong candidate (the others carry no evidence about the ranking)."""
    xs, ys, groups = [], [], []
    for doc, candidates, entries in _readings(parser, docs):
        picks = first_guesses(candidates, entries)
        document = DocumentFeatures.build(candidates, entries)
        if weights is not None:
            picks = [
                options[int(np.argmax(m @ weights))][0] if len(options) else None
                for options, m in zip(entries, document.matrices(picks), strict=True)
            ]
        matrices = document.matrices(picks)
        for gold, options, matrix in zip(doc.toponyms, entries, matrices, strict=False):
            right = [haversine_km(p.lat, p.lon, gold.lat, gold.lon) <= ACC_KM for p, _ in options]
            if not any(right) or all(right):
                continue
            xs += list(matrix)
            ys += right
            groups += [groups[-1] + 1 if groups else 0] * len(right)
    return np.array(xs), np.array(ys, dtype=float), np.array(groups)


def calibration_examples(
    parser: Geoparser, docs: list[GoldDoc], weights: np.ndarray
) -> tuple[np.ndarray, np.ndarray]:
    """Mention-level (confidence features, best candidate within 161 km) on the same docs."""
    xs, ys = [], []
    for doc, candidates, entries in _readings(parser, docs):
        probabilities, matrices = rank(candidates, entries, weights)
        for gold, cand, options, p, m in zip(doc.toponyms, candidates, entries, probabilities,
                                             matrices, strict=False):
            if not len(options):
                continue
            best = choose(cand, options, p)
            place = options[best][0]
            xs.append(confidence_features(p, m[best]))
            ys.append(haversine_km(place.lat, place.lon, gold.lat, gold.lon) <= ACC_KM)
    return np.array(xs), np.array(ys, dtype=float)


def fit_choice(x: np.ndarray, y: np.ndarray, groups: np.ndarray, means: np.ndarray,
               steps: int = 30) -> np.ndarray:
    """Conditional logit: maximise, per mention, the softmax mass of its right candidates."""
    starts = np.flatnonzero(np.r_[True, groups[1:] != groups[:-1]])
    penalty = L2 * np.eye(x.shape[1])
    for name in PRIOR_MEANS:  # a hand-set weight is held firmly
        index = FEATURES.index(name)
        penalty[index, index] = 1e4
    w = means.copy()
    for _ in range(steps):
        s = x @ w
        e = np.exp(s - np.maximum.reduceat(s, starts)[groups])
        p = e / np.add.reduceat(e, starts)[groups]
        q = p * y
        q = q / np.add.reduceat(q, starts)[groups]
        gradient = x.T @ (p - q) + penalty @ (w - means)
        centred = x - np.add.reduceat(x * p[:, None], starts)[groups]
        fisher = (centred * p[:, None]).T @ centred + penalty + 1e-6 * np.eye(x.shape[1])
        w -= np.linalg.solve(fisher, gradient)
    return w


def fit(x: np.ndarray, y: np.ndarray, steps: int = 25) -> np.ndarray:
    """L2-regularised logistic regression (the Platt scaling of mention confidence)."""
    mu = np.zeros(x.shape[1])
    w = mu.copy()
    penalty = L2 * np.eye(x.shape[1])
    penalty[0, 0] = 0.0  # the bias is not shrunk
    for _ in range(steps):
        p = _sigmoid(x @ w)
        gradient = x.T @ (p - y) + penalty @ (w - mu)
        hessian = (x * (p * (1 - p))[:, None]).T @ x + penalty + 1e-6 * np.eye(x.shape[1])
        w -= np.linalg.solve(hessian, gradient)
    return w


def main(corpus_dir: Path) -> str:
    parser = Geoparser()
    docs = [doc for name in CORPORA for doc in load_docs(corpus_dir / name, "train")]
    weights = None
    for _ in range(2):
        x, y, groups = examples(parser, docs, weights)
        weights = fit_choice(x, y, groups, np.array([PRIOR_MEANS.get(n, 0.0) for n in FEATURES]))
    cx, cy = calibration_examples(parser, docs, weights)
    calibration = fit(cx, cy)
    body = ",\n".join(f'    "{name}": {value:.4f}' for name, value in zip(FEATURES, weights,
                                                                            strict=True))
    return (
        '"""Ranker weights (feature name -> weight), written by `polemos.geo.train_ranker`\n'
        f'from the train parts of {", ".join(CORPORA)} ({len(docs)} documents, {len(y)}\n'
        f'candidates of {groups[-1] + 1} mentions). Do not edit by hand: refit."""\n\n'
        f"WEIGHTS = {{\n{body},\n}}\n\n"
        "# Platt scaling of resolve.confidence_features -> P(best candidate within 161 km).\n"
        f"CALIBRATION = [{', '.join(f'{v:.4f}' for v in calibration)}]\n"
    )


if __name__ == "__main__":
    text = main(Path(sys.argv[1]))
    sys.stdout.write(text)
