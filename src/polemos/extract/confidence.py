"""A 0-1 confidence per candidate from the evidence that supports it.

The weights are log-odds contributions; `polemos eval events` prints a reliability table
(predicted confidence vs share of predictions that match gold) to check them against.
"""

from __future__ import annotations

import math

from polemos.models import EventCandidate

# Fitted by scripts/fit_confidence.py (L2-regularised logistic regression, l2=5, of "matches a
# gold event" on these features) over the dev set's 54 counted predictions, 47 of them right,
# after the second round of issue-4 rules. With 7 wrong predictions the features separate right
# from wrong only weakly; the fit mainly calibrates the level (docs/extraction.md).
BIAS = 2.09
WEIGHTS = {
    "strong_trigger": -0.19,  # lexicon priority >= 3 (specific words: "airstrike", "abducted")
    "weak_trigger": -0.04,  # generic words ("attack", "strike", "killed")
    "dated": -0.2,  # an explicit time expression, not the default date
    "town": 0.23,  # the place is the named town itself (geo_precision 1)
    "region_only": -0.23,  # only a region is known
    "count": -0.16,  # a casualty figure is stated
    "claimed": -0.01,  # attributed to a party rather than asserted
}


def features(candidate: EventCandidate, priority: int, dated: bool) -> dict[str, bool]:
    return {
        "strong_trigger": priority >= 3,
        "weak_trigger": priority <= 1,
        "dated": dated,
        "town": candidate.geo_precision == 1,
        "region_only": candidate.geo_precision == 3,
        "count": candidate.fatalities is not None or candidate.injured is not None,
        "claimed": candidate.modality == "claimed",
    }


def score(candidate: EventCandidate, priority: int, dated: bool) -> float:
    logit = BIAS + sum(WEIGHTS[name] for name, on in features(candidate, priority, dated).items()
                       if on)
    return round(1.0 / (1.0 + math.exp(-logit)), 3)
