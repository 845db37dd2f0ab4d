"""Features of one (mention, candidate place) pair in the context of its document.

The ranker (`polemos.geo.resolve`) weighs them with a logistic model fitted on the train parts of
the toponym corpora (`polemos.geo.train_ranker`); the names below are the weights' keys.
"""

from __future__ import annotations

import math
from collections import Counter
from dataclasses import dataclass, field

import numpy as np

from polemos.geo.build_sources import (
    KIND_ABBREVIATION,
    KIND_CODE,
    KIND_DEMONYM,
    KIND_DOTTED,
    KIND_PRIMARY,
)
from polemos.geo.detect import Candidate
from polemos.geo.geometry import MAX_ERROR_KM, haversine_matrix_km
from polemos.models import Place

FEATURES = (
    "bias", "log_population", "population_share", "most_populous", "country", "admin1", "admin2",
    "continent", "capital", "primary_name", "demonym", "abbreviation", "country_mentioned",
    "admin1_mentioned", "country_focus", "nearness", "near_share", "region_hint_area",
    "region_hint_town", "ambiguity", "title_before", "name_after", "primary_elsewhere",
    "region_abbreviation", "qualified", "qualifier_area", "admin1_focus", "support",
    "country_population",
)
AREA_CODES = ("PCLI", "ADM1", "ADM2", "CONT")
# seas, macro-regions, curated areas (`polemos.geo.regions`): weighed with the continents
MACRO_CODES = frozenset({"CONT", "RGN", "SEA", "OCN", "GULF", "PEN", "ISL"})
_WIDE = frozenset({"PCLI", "ADM1"}) | (MACRO_CODES - {"ISL"})  # wider than 161 km
SUPPORT_TOP = 40
LOG_MAX = math.log1p(MAX_ERROR_KM)
NEAR_KM = 161.0

Entry = tuple[Place, int]


@dataclass(slots=True)
class DocContext:
    """What the rest of the article says: countries and regions named, and first-guess places."""

    countries: Counter[str] = field(default_factory=Counter)
    admin1s: Counter[str] = field(default_factory=Counter)
    # (mention's folded name, its first guess): a name's other mentions are not its context, or
    # a repeated name would confirm its own first guess ('Alexandria' x4 -> Egypt)
    picks: list[tuple[str, Place]] = field(default_factory=list)
    # "Dublin, Ga.": mention index -> areas named right after it / the mention it qualifies
    qualifiers: dict[int, set[tuple[str, str]]] = field(default_factory=dict)
    qualified: dict[int, list[Entry]] = field(default_factory=dict)
    # every other name's candidate towns/districts, for `support` (see `_support`)
    names: list[str] = field(default_factory=list)
    points: np.ndarray = field(default_factory=lambda: np.zeros((0, 2)))
    point_names: np.ndarray = field(default_factory=lambda: np.zeros(0, dtype=int))
    _support: dict[str, np.ndarray] = field(default_factory=dict)

    @classmethod
    def build(
        cls, mentions: list[list[Entry]], picks: list[Place | None],
        candidates: list[Candidate] | None = None,
    ) -> DocContext:
        context = cls()
        if candidates is not None:
            context._link_qualifiers(candidates, mentions)
            context._collect_points(candidates, mentions)
        for entries in mentions:
            context.countries.update({p.country for p, _ in entries
                                      if p.feature_code == "PCLI" and p.country})
            context.admin1s.update({p.admin1_code for p, kind in entries
                                    if p.feature_code == "ADM1" and p.admin1_code})
        for index, pick in enumerate(picks):
            if pick is not None:
                key = candidates[index].key if candidates is not None else str(index)
                context.picks.append((key, pick))
        return context

    def _link_qualifiers(self, candidates: list[Candidate], mentions: list[list[Entry]]) -> None:
        """Pair 'Town, Area' mentions: the area's regions/countries qualify the town."""
        by_end = {c.end: i for i, c in enumerate(candidates)}
        for j, cand in enumerate(candidates):
            i = by_end.get(cand.start - 2)
            if not cand.after_comma or i is None or not mentions[j]:
                continue
            areas = {_area_key(p) for p, _ in mentions[j] if p.feature_code in ("ADM1", "PCLI")}
            if areas:
                self.qualifiers[i] = areas
                self.qualified[j] = mentions[i]


    def _collect_points(self, candidates: list[Candidate], mentions: list[list[Entry]]) -> None:
        """Up to SUPPORT_TOP candidate towns/districts of each distinct name in the document."""
        seen: dict[str, int] = {}
        points, owners = [], []
        for cand, entries in zip(candidates, mentions, strict=True):
            if cand.key in seen or not entries:
                seen.setdefault(cand.key, len(seen))
                continue
            seen[cand.key] = len(seen)
            local = [p for p, _ in entries if p.feature_code not in _WIDE][:SUPPORT_TOP]
            points += [(p.lat, p.lon) for p in local]
            owners += [seen[cand.key]] * len(local)
        self.names = list(seen)
        if points:
            self.points = np.array(points)
            self.point_names = np.array(owners)

    def support(self, key: str, entries: list[Entry]) -> np.ndarray:
        """Per entry: the share of the document's *other* names that have a candidate town or
        district within NEAR_KM of it. 'Paris' beside 'Henry County' is Paris, Tennessee, because
        one Henry County lies next to it; unlike `near_share`, this does not depend on which
        Henry County the first pass picked."""
        own = self.names.index(key) if key in self.names else -1
        mask = self.point_names != own
        others = set(self.point_names[mask].tolist())
        if not others or not entries:
            return np.zeros(len(entries))
        cached = self._support.get(key)
        if cached is not None and len(cached) == len(entries):
            return cached
        here = np.array([(p.lat, p.lon) for p, _ in entries])
        near = haversine_matrix_km(here, self.points[mask]) <= NEAR_KM
        owners = np.zeros((int(mask.sum()), len(self.names)))
        owners[np.arange(len(owners)), self.point_names[mask]] = 1.0
        share = ((near @ owners) > 0).sum(axis=1) / len(others)
        self._support[key] = share
        return share


def _area_key(place: Place) -> tuple[str, str]:
    if place.feature_code == "PCLI":
        return ("country", place.country or "")
    return ("admin1", place.admin1_code or "")


def _inside(place: Place, areas: set[tuple[str, str]]) -> bool:
    return ("country", place.country or "") in areas or \
        ("admin1", place.admin1_code or "") in areas


def _town_population(place: Place) -> int:
    """Population of a town; areas (whose stored population sums their towns, so a region always
    outweighs its capital) compare through their feature-code weights instead."""
    return place.population if place.feature_class == "P" else 0


def prior(place: Place, kind: int, candidate: Candidate) -> float:
    """Context-free plausibility for the first guess: big places and whole countries first."""
    score = math.log10(place.population + 1) / 7.0
    score += {"PCLI": 0.8, "ADM1": 0.3}.get(place.feature_code, 0.0)
    score += 0.8 if place.feature_code in MACRO_CODES else 0.0
    score += 0.15 if kind == KIND_PRIMARY else 0.0
    if candidate.region_hint and place.feature_code in ("ADM1", "ADM2"):
        score += 1.0
    return score


def _pick_distances(entries: list[Entry], others: list[Place]) -> np.ndarray:
    """km from each entry to the other mentions' picks that are points (towns, districts) or
    regions; countries and wider areas say nothing about distance."""
    anchors = [(p.lat, p.lon) for p in others
               if p.feature_code not in _WIDE or p.feature_code == "ADM1"]
    if not anchors:
        return np.zeros((len(entries), 0))
    return haversine_matrix_km(np.array([(p.lat, p.lon) for p, _ in entries]), np.array(anchors))


def mention_features(
    index: int, candidate: Candidate, entries: list[Entry], context: DocContext
) -> list[list[float]]:
    """One feature row per entry of mention `index` (see FEATURES for the order)."""
    top_population = max((_town_population(p) for p, _ in entries), default=0)
    has_primary = any(kind == KIND_PRIMARY for _, kind in entries)
    own_countries = {p.country for p, _ in entries if p.feature_code == "PCLI"}
    own_admin1 = {p.admin1_code for p, _ in entries if p.feature_code == "ADM1"}
    others = [pick for key, pick in context.picks if key != candidate.key]
    other_countries = sum(1 for pick in others if pick.country)
    admin1_picks = [pick.admin1_code for pick in others
                    if pick.admin1_code and pick.feature_code not in ("PCLI", "CONT")]
    qualifiers = context.qualifiers.get(index, set())
    qualified = context.qualified.get(index, [])
    ambiguity = math.log1p(len(entries)) / 5.0
    support = context.support(candidate.key, entries)
    pick_countries = Counter(pick.country for pick in others if pick.country)
    distances = _pick_distances(entries, others)
    rows = []
    for (place, kind), supported, to_picks in zip(entries, support, distances, strict=True):
        code = place.feature_code
        population = _town_population(place)
        country_named = context.countries[place.country] - (place.country in own_countries)
        admin1_named = context.admin1s[place.admin1_code] - (place.admin1_code in own_admin1)
        focus = pick_countries[place.country] / other_countries if other_countries else 0.0
        nearest = float(to_picks.min()) if to_picks.size else MAX_ERROR_KM
        rows.append([
            1.0,
            math.log10(population + 1) / 7.0,
            population / top_population if top_population else 0.0,
            float(population == top_population and population > 0),
            float(code == "PCLI"), float(code == "ADM1"), float(code == "ADM2"),
            float(code in MACRO_CODES), float(code == "PPLC"),
            float(kind == KIND_PRIMARY), float(kind == KIND_DEMONYM),
            float(kind == KIND_ABBREVIATION),
            float(country_named > 0 and code != "PCLI"),
            float(admin1_named > 0 and code != "ADM1"),
            focus,
            1.0 - math.log1p(nearest) / LOG_MAX if to_picks.size else 0.0,
            float((to_picks <= NEAR_KM).mean()) if to_picks.size else 0.0,
            float(candidate.region_hint and code in ("ADM1", "ADM2")),
            float(candidate.region_hint and place.feature_class == "P"),
            ambiguity,
            float(candidate.title_before),
            float(candidate.name_after),
            float(has_primary and kind != KIND_PRIMARY),
            float(kind in (KIND_DOTTED, KIND_CODE)),
            float(code not in ("PCLI", "CONT") and _inside(place, qualifiers)),
            float(code in ("ADM1", "PCLI") and any(
                _inside(p, {_area_key(place)}) for p, _ in qualified if p is not place)),
            admin1_picks.count(place.admin1_code) / len(admin1_picks) if admin1_picks else 0.0,
            float(supported) if code not in _WIDE else 0.0,
            # countries sharing a name or demonym ('French': France, Martinique, Saint Pierre)
            math.log10(place.population + 1) / 10.0 if code == "PCLI" else 0.0,
        ])
    return rows
