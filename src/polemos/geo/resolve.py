"""Rank gazetteer candidates for each detected toponym, using the whole document as context."""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Sequence

from polemos.geo.detect import Candidate
from polemos.models import Place, Toponym

MIN_SCORE = 0.15


def _prior(place: Place, candidate: Candidate, key_is_primary: bool) -> float:
    """Context-free plausibility: big places and countries are what news usually means."""
    population = math.log10(place.population + 1) / 7.0
    area_bonus = {"PCLI": 0.6, "ADM1": 0.25}.get(place.feature_code, 0.0)
    if candidate.region_hint and place.feature_code == "ADM1":
        area_bonus += 0.8
    return population + area_bonus + (0.1 if key_is_primary else 0.0)


def resolve(
    candidates: Sequence[Candidate], options: Sequence[Sequence[Place]]
) -> list[Toponym]:
    """Choose one place per candidate: prior plus agreement with the document's countries and
    regions (a second pass, once a first guess of the document's focus exists)."""
    first_guess = [
        max(places, key=lambda p, c=cand: _prior(p, c, False)) if places else None
        for cand, places in zip(candidates, options, strict=True)
    ]
    countries = Counter(p.country for p in first_guess if p and p.country)
    regions = Counter(p.admin1_code for p in first_guess if p and p.admin1_code)
    total = max(1, sum(countries.values()))
    toponyms: list[Toponym] = []
    for candidate, places in zip(candidates, options, strict=True):
        if not places:
            toponyms.append(Toponym(candidate.start, candidate.end, candidate.text, None, 0.0))
            continue
        scored = sorted(
            ((_prior(p, candidate, False) + 0.8 * countries[p.country] / total
              + 0.3 * min(1, regions[p.admin1_code] - (p.feature_code != "ADM1"))
              if p.admin1_code else _prior(p, candidate, False) + 0.8 * countries[p.country] / total,
              p) for p in places),
            key=lambda item: (-item[0], item[1].geonameid),
        )
        best_score, best = scored[0]
        runner_up = scored[1][0] if len(scored) > 1 else 0.0
        confidence = 1 / (1 + math.exp(-4 * (best_score - runner_up))) if len(scored) > 1 else 0.9
        score = min(1.0, confidence * min(1.0, best_score))
        place = best if score >= MIN_SCORE else None
        toponyms.append(Toponym(candidate.start, candidate.end, candidate.text, place, score))
    return toponyms
