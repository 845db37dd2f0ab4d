"""The ranker's model: a conditional logit plus a small hidden layer (polemos.geo.ranker_model)."""

import numpy as np
import pytest

from polemos.geo.features import FEATURES
from polemos.geo.ranker_model import Ranker, choice_loss, fit_hidden, merge
from polemos.geo.resolve import scorer
from polemos.geo.train_ranker import fit_choice


def _interaction_set(repeats: int = 30):
    """Mentions of two candidates, columns (bias, big town, supported). Support is right beside
    a big town and wrong beside a small one: the same difference of rows means opposite things,
    so no linear weighting ranks both kinds of mention; a product of the two columns does."""
    rows, labels, groups = [], [], []
    for g in range(repeats):
        rows += [[1.0, 1.0, 0.0], [1.0, 1.0, 1.0]]  # big towns: the supported one
        labels += [0.0, 1.0]
        rows += [[1.0, 0.0, 1.0], [1.0, 0.0, 0.0]]  # small towns: the unsupported one
        labels += [0.0, 1.0]
        groups += [2 * g, 2 * g, 2 * g + 1, 2 * g + 1]
    return np.array(rows), np.array(labels), np.array(groups)


def _accuracy(model, x, y, groups) -> float:
    scores = model(x)
    hits = [y[groups == g][np.argmax(scores[groups == g])] for g in np.unique(groups)]
    return float(np.mean(hits))


def test_hidden_layer_ranks_an_interaction_the_linear_logit_cannot():
    pytest.importorskip("scipy")
    x, y, groups = _interaction_set()
    linear = fit_choice(x, y, groups, np.zeros(x.shape[1]))
    assert _accuracy(Ranker.linear_only(linear), x, y, groups) <= 0.5
    model = fit_hidden(x, y, groups, linear, units=4, l2_hidden=0.01, seed=0)
    assert _accuracy(model, x, y, groups) == 1.0
    # the fit lowers the per-mention softmax loss
    assert choice_loss(model(x), y, groups)[0] < choice_loss(x @ linear, y, groups)[0]


def test_no_hidden_units_is_the_linear_logit():
    w = np.array([0.5, -1.0, 2.0])
    x = np.random.default_rng(0).normal(size=(6, 3))
    assert np.allclose(Ranker.linear_only(w)(x), x @ w)
    assert np.allclose(scorer(w)(x), x @ w)


def test_tables_round_trip_by_feature_name():
    rng = np.random.default_rng(1)
    names = ("a", "b", "c")
    model = Ranker(rng.normal(size=3), rng.normal(size=(3, 4)), rng.normal(size=4),
                   rng.normal(size=4))
    weights, hidden = model.tables(names)
    again = Ranker.from_tables(names, weights, hidden)
    x = rng.normal(size=(5, 3))
    assert np.allclose(again(x), model(x))
    # a feature the stored model does not know is ignored; one it knows but no longer exists
    # drops out
    wider = Ranker.from_tables(("a", "b", "new", "c"), weights, hidden)
    x_wide = np.insert(x, 2, rng.normal(size=5), axis=1)
    assert np.allclose(wider(x_wide), model(x))
    narrower = Ranker.from_tables(("a", "c"), weights, hidden)
    assert narrower.hidden_in.shape == (2, 4)
    assert Ranker.from_tables(names, weights, {}).units == 0


def test_merge_averages_scores():
    rng = np.random.default_rng(2)
    models = [Ranker(rng.normal(size=3), rng.normal(size=(3, 2)), rng.normal(size=2),
                     rng.normal(size=2)) for _ in range(3)]
    x = rng.normal(size=(4, 3))
    assert np.allclose(merge(models)(x), np.mean([m(x) for m in models], axis=0))


def test_stored_model_reads_every_feature_column():
    model = scorer(None)
    assert model.linear.shape == (len(FEATURES),)
    assert model.hidden_in.shape == (len(FEATURES), model.units)
