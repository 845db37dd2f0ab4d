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
    "country_population", "country_nearness", "capital_local", "contains", "support_close",
    "admin1_elsewhere",
)
AREA_CODES = ("PCLI", "ADM1", "ADM2", "CONT")
# seas, macro-regions, curated areas (`polemos.geo.regions`): weighed with the continents
MACRO_CODES = frozenset({"CONT", "RGN", "SEA", "OCN", "GULF", "PEN", "ISL"})
# wider than 161 km: areas that are no point (`support`)
WIDE_CODES = frozenset({"PCLI", "ADM1"}) | (MACRO_CODES - {"ISL"})
# `support`: a name's most populous readings that vouch for the other names' candidates (the
# gazetteer lists them by population): the tail of a big namesake cluster (the 30th Washington,
# the 25th Boston) lies near some reading of almost any neighbour name. Chosen on the train parts
# (refit from the same code, 5 half-splits mean macro 161-cond / in-sample LGL 161-cond): 10:
# 0.9640 / 0.9339, 20: 0.9643 / 0.9372, 40: 0.9647 / 0.9366; at 40 the refit lost the unit
# tests' 'Richmond and Twickenham' (both London districts) to Richmond, Virginia.
SUPPORT_TOP = 20
LOG_MAX = math.log1p(MAX_ERROR_KM)
NEAR_KM = 161.0
# `support_close`: the same share within this distance, a town's own neighbourhood (two villages
# of one county, two districts of one city). Chosen on the train parts (5 splits, mean macro
# conditional Acc@161, any country: 25 km 0.9609, 40 km 0.9617, 60 km 0.9619, none 0.9610;
# docs/geoparsing.md, "Close support")
CLOSE_KM = 60.0
# (km, same country only): `support`, `support_close`. The close one counts a neighbour across a
# border not: 'Donetsk' beside 'Luhansk' is Ukraine's, not the Russian town 53 km from Luhansk.
SUPPORT_RADII = ((NEAR_KM, False), (CLOSE_KM, True))

Entry = tuple[Place, int]


@dataclass(slots=True)
class DocContext:
    """What the rest of the article says that does not depend on which places were picked:
    countries and regions named, qualifiers, every name's candidate points."""

    countries: Counter[str] = field(default_factory=Counter)
    admin1s: Counter[str] = field(default_factory=Counter)
    # "Dublin, Ga.": mention index -> areas named right after it / the mention it qualifies
    qualifiers: dict[int, set[tuple[str, str]]] = field(default_factory=dict)
    qualified: dict[int, list[Entry]] = field(default_factory=dict)
    # every name's candidate towns/districts (ids: `names` order), for `support`
    names: list[str] = field(default_factory=list)
    points: np.ndarray = field(default_factory=lambda: np.zeros((0, 2)))
    point_names: np.ndarray = field(default_factory=lambda: np.zeros(0, dtype=int))
    point_countries: np.ndarray = field(default_factory=lambda: np.zeros(0, dtype=str))
    # ADM2 area id -> ids of the names that have the area (written out) / a town inside it
    # among their candidates, for `contains`
    areas_named: dict[int, set[int]] = field(default_factory=dict)
    towns_within: dict[int, set[int]] = field(default_factory=dict)

    @classmethod
    def build(
        cls, mentions: list[list[Entry]], candidates: list[Candidate] | None = None,
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
        return context

    def _link_qualifiers(self, candidates: list[Candidate], mentions: list[list[Entry]]) -> None:
        """Pair 'Town, Area' mentions: the area's regions/countries qualify the town. A country
        qualifies no name that is a country's itself: 'in Russia, U.S. officials said' opens the
        next clause and 'France, Germany and Italy' is a list, neither is a Russia or France of
        that country (the `qualified` weight had sent the first to Russia, Ohio)."""
        for i, j in qualifier_pairs(candidates):
            if not mentions[j]:
                continue
            country = any(p.feature_code == "PCLI" for p, _ in mentions[i])
            areas = {_area_key(p) for p, _ in mentions[j] if p.feature_code == "ADM1"
                     or (p.feature_code == "PCLI" and not country)}
            if areas:
                self.qualifiers[i] = areas
                self.qualified[j] = mentions[i]
        self._share_qualifiers(candidates)

    def _share_qualifiers(self, candidates: list[Candidate]) -> None:
        """One sense per article: a name first written as 'Springfield, Ohio' means that place
        where the article repeats it bare ('Springfield residents', 'Springfield High School').
        Only a qualifier where the article first names the town carries (news qualifies it
        there, after at most a headline's bare mention): a later one may name a namesake
        ('Madison is a city in South Dakota. Madison was laid out... renamed after Madison,
        Wisconsin')."""
        by_key: dict[str, set[tuple[str, str]]] = {}
        for i, areas in self.qualifiers.items():
            key, start = candidates[i].key, candidates[i].start
            if sum(c.key == key and c.start < start for c in candidates) <= 1:
                by_key.setdefault(key, set()).update(areas)
        for i, cand in enumerate(candidates):
            if i not in self.qualifiers and cand.key in by_key:
                self.qualifiers[i] = by_key[cand.key]


    def _collect_points(self, candidates: list[Candidate], mentions: list[list[Entry]]) -> None:
        """Up to SUPPORT_TOP candidate towns/districts of each distinct name in the document
        (`support`), and every candidate's ADM2 area (`contains`, `_collect_areas`)."""
        seen: dict[str, int] = {}
        points, owners, countries = [], [], []
        for cand, entries in zip(candidates, mentions, strict=True):
            if cand.key in seen or not entries:
                seen.setdefault(cand.key, len(seen))
                continue
            seen[cand.key] = len(seen)
            self._collect_areas(seen[cand.key], entries)
            local = [p for p, _ in entries if p.feature_code not in WIDE_CODES][:SUPPORT_TOP]
            points += [(p.lat, p.lon) for p in local]
            countries += [p.country or "" for p in local]
            owners += [seen[cand.key]] * len(local)
        self.names = list(seen)
        if points:
            self.points = np.array(points)
            self.point_names = np.array(owners)
            self.point_countries = np.array(countries)

    def _collect_areas(self, name: int, entries: list[Entry]) -> None:
        """Name id `name` writes out the ADM2 areas among its candidates (primary names only: a
        bare 'Boone' is no evidence, see `contains`) and can mean the towns inside theirs."""
        for place, kind in entries:
            link = _county_link(place, kind)
            if link is not None:
                found = self.areas_named if link[0] else self.towns_within
                found.setdefault(link[1], set()).add(name)

    def contains(self, row_names: np.ndarray, rows: list[Entry]) -> np.ndarray:
        """Per row (as in `support`, with the entries' name kinds): 1 for a town whose ADM2
        area another name of the document writes out, and for a written-out ADM2 area that
        holds a town another name can mean. 'Paris' beside 'Henry County' is the Paris inside a
        Henry County (Tennessee's), where `support` fires for Paris, Kentucky, 130 km from
        Henry County, Kentucky, too. A county's bare name ('Boone', also the state 'Texas' of
        Texas County, Missouri, or a surname) is no such evidence: counted too, it moved 'Houston'
        to Missouri and measured worse on the train halves. Like `support`, this does not
        depend on the picks."""
        hits = np.zeros(len(rows))
        for row, (name, (place, kind)) in enumerate(zip(row_names, rows, strict=True)):
            link = _county_link(place, kind)
            if link is not None:
                # an area row looks for the towns inside it, a town row for its area
                names = (self.towns_within if link[0] else self.areas_named).get(link[1], ())
                hits[row] = float(any(other != name for other in names))
        return hits

    def support(self, row_names: np.ndarray, row_places: list[Place],
                radii: tuple[tuple[float, bool], ...] = SUPPORT_RADII) -> np.ndarray:
        """Per row (a candidate place of the mention whose name has id `row_names[r]`, ids in
        `names` order) and radius (a column each): the share of the document's *other* names
        that have a candidate town or district within that many km of it (and, if the radius
        says so, in its country); 0 for countries and
        wider areas. 'Paris' beside 'Henry County' is Paris, Tennessee, because one Henry
        County lies next to it; unlike `near_share`, this does not depend on which Henry County
        the first pass picked."""
        share = np.zeros((len(row_places), len(radii)))
        if not len(self.point_names) or not row_places:
            return share
        here = np.array([(p.lat, p.lon) for p in row_places])
        other = self.point_names[None, :] != row_names[:, None]
        km = haversine_matrix_km(here, self.points)
        owners = np.zeros((len(self.point_names), len(self.names)))
        owners[np.arange(len(owners)), self.point_names] = 1.0
        named = np.unique(self.point_names)
        others = (len(named) - np.isin(row_names, named))[:, None]
        countries = np.array([p.country or "" for p in row_places])
        same = countries[:, None] == self.point_countries[None, :]
        hits = np.column_stack([
            ((((km <= radius) & other & (same if national else True)).astype(float) @ owners)
             > 0).sum(axis=1)
            for radius, national in radii
        ])
        np.divide(hits, others, out=share, where=others > 0)
        share[[p.feature_code in WIDE_CODES for p in row_places]] = 0.0
        return share


def qualifier_pairs(candidates: list[Candidate]) -> list[tuple[int, int]]:
    """(town, area) mention indices of every 'Town, Area' written in the text: the area's
    mention right after the town's comma ('Dublin, Ga.', 'Paris, Texas'), or after the unit
    word that follows the town ('Pale Township, Sagaing Region')."""
    by_end = {c.end + c.unit_after: i for i, c in enumerate(candidates) if c.unit_after}
    by_end.update({c.end: i for i, c in enumerate(candidates)})
    return [(by_end[cand.start - 2], j) for j, cand in enumerate(candidates)
            if cand.after_comma and cand.start - 2 in by_end]


def inside(place: Place, area: Place) -> bool:
    """`place` lies in the country or first-level region `area`."""
    return _inside(place, {_area_key(area)})


def _area_key(place: Place) -> tuple[str, str]:
    if place.feature_code == "PCLI":
        return ("country", place.country or "")
    return ("admin1", place.admin1_code or "")


def _county_link(place: Place, kind: int) -> tuple[bool, int] | None:
    """(True, its id) for an ADM2 area written out (a primary name), (False, its area's id) for
    a town whose ADM2 area is known, else None: the two sides `contains` pairs, in one place so
    `DocContext` collects what it later looks up."""
    if place.feature_code == "ADM2" and kind == KIND_PRIMARY:
        return True, place.geonameid
    if place.feature_class == "P" and place.admin2_id is not None:
        return False, place.admin2_id
    return None


def _inside(place: Place, areas: set[tuple[str, str]]) -> bool:
    return ("country", place.country or "") in areas or \
        ("admin1", place.admin1_code or "") in areas


def _town_population(place: Place) -> int:
    """Population of a town, or an airport's prior (a share of its city's, see
    `extra_sources.AIRPORT_CITY_SHARE`); areas (whose stored population sums their towns, so a
    region always outweighs its capital) compare through their feature-code weights instead."""
    return place.population if place.feature_class == "P" or place.feature_code == "AIRP" else 0


def prior(place: Place, kind: int, candidate: Candidate) -> float:
    """Context-free plausibility for the first guess: big places and whole countries first."""
    score = math.log10(place.population + 1) / 7.0
    score += {"PCLI": 0.8, "ADM1": 0.3}.get(place.feature_code, 0.0)
    score += 0.8 if place.feature_code in MACRO_CODES else 0.0
    score += 0.15 if kind == KIND_PRIMARY else 0.0
    if candidate.region_hint and place.feature_code in ("ADM1", "ADM2"):
        score += 1.0
    return score


def static_features(
    index: int, candidate: Candidate, entries: list[Entry], context: DocContext
) -> np.ndarray:
    """One feature row per entry of mention `index` (see FEATURES for the order), with the
    columns that read the other mentions' picks (`PICK_FEATURES`) left at zero: they change from
    pass to pass, the rest does not (see `PickContext`); `support` too, which is computed for
    the whole document at once (and `support_close`, `contains`)."""
    top_population = max((_town_population(p) for p, _ in entries), default=0)
    has_primary = any(kind == KIND_PRIMARY for _, kind in entries)
    own_countries = {p.country for p, _ in entries if p.feature_code == "PCLI"}
    own_admin1 = {p.admin1_code for p, _ in entries if p.feature_code == "ADM1"}
    # countries with a first-level region that another name of the article can mean
    named_regions = Counter(code.split(".")[0] for code, count in context.admin1s.items()
                            if count - (code in own_admin1) > 0)
    qualifiers = context.qualifiers.get(index, set())
    qualified = context.qualified.get(index, [])
    ambiguity = math.log1p(len(entries)) / 5.0
    rows = []
    for place, kind in entries:
        code = place.feature_code
        population = _town_population(place)
        country_named = context.countries[place.country] - (place.country in own_countries)
        admin1_named = context.admin1s[place.admin1_code] - (place.admin1_code in own_admin1)
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
            0.0,  # country_focus
            0.0,  # nearness
            0.0,  # near_share
            float(candidate.region_hint and code in ("ADM1", "ADM2")),
            float(candidate.region_hint and place.feature_class == "P"),
            ambiguity,
            float(candidate.title_before),
            float(candidate.name_after),
            float(has_primary and kind != KIND_PRIMARY),
            float(kind in (KIND_DOTTED, KIND_CODE)),
            float(code not in ("PCLI", "CONT") and _inside(place, qualifiers)),
            float(code in ("ADM1", "PCLI") and any(
                inside(p, place) for p, _ in qualified if p is not place)),
            0.0,  # admin1_focus
            0.0,  # support: for all rows at once (`DocContext.support`)
            # countries sharing a name or demonym ('French': France, Martinique, Saint Pierre)
            math.log10(place.population + 1) / 10.0 if code == "PCLI" else 0.0,
            0.0,  # country_nearness
            0.0,  # capital_local
            0.0,  # contains: for all rows at once (`DocContext.contains`)
            0.0,  # support_close: with `support`
            # the article names a region of the place's country, but not the place's own: a
            # village of the same name elsewhere in the country. Added after the ranker's fit
            # of `4dd5319` (its weight there is 0); the score reads it (`resolve._FIT`)
            float(code not in ("ADM1", "PCLI") and admin1_named <= 0
                  and named_regions[place.country] > 0),
        ])
    return np.array(rows)


PICK_FEATURES = ("country_focus", "nearness", "near_share", "admin1_focus", "country_nearness",
                 "capital_local")
_PICK_COLUMNS = [FEATURES.index(name) for name in PICK_FEATURES]
_FOCUS, _NEARNESS, _NEAR_SHARE, _ADMIN1_FOCUS, _COUNTRY_NEARNESS, _CAPITAL_LOCAL = _PICK_COLUMNS
_CAPITAL = FEATURES.index("capital")
LOCAL_TOWN = 100_000  # a town below this, or a county/district, is 'local'


def is_local(place: Place) -> bool:
    """What a local paper names: a town of recorded people below `LOCAL_TOWN`, or a county or
    district (`capital_local` counts them)."""
    return (place.feature_class == "P" and 0 < place.population < LOCAL_TOWN) or \
        place.feature_code == "ADM2"


class _Codes:
    """Small integer ids for string codes, so that code equality is an array comparison;
    a missing code is -1 and never equal to anything."""

    def __init__(self) -> None:
        self._ids: dict[str, int] = {}

    def __call__(self, codes: list[str | None]) -> np.ndarray:
        return np.array([self._ids.setdefault(c, len(self._ids)) if c else -1 for c in codes],
                        dtype=np.int64)


@dataclass(slots=True)
class PickContext:
    """The features that read the other mentions' picks, for a document's feature rows stacked
    in one matrix: one set of array operations per pass instead of a loop per mention.

    `row_keys[r]` is the name (as an integer id) of row r's mention: a mention's own name's
    picks are never its context."""

    row_keys: np.ndarray
    row_points: np.ndarray
    row_countries: np.ndarray
    row_admin1s: np.ndarray
    codes: _Codes

    @classmethod
    def build(cls, rows: list[tuple[int, Place]]) -> PickContext:
        codes = _Codes()
        return cls(
            row_keys=np.array([key for key, _ in rows], dtype=np.int64),
            row_points=np.array([(p.lat, p.lon) for _, p in rows]).reshape(-1, 2),
            row_countries=codes([p.country for _, p in rows]),
            row_admin1s=codes([p.admin1_code for _, p in rows]),
            codes=codes,
        )

    def fill(self, matrix: np.ndarray, picks: list[tuple[int, Place]]) -> None:
        """Write the pick columns of `matrix` (rows as in `build`) for these (name id, pick)."""
        if not len(matrix):
            return
        if not picks:
            matrix[:, _PICK_COLUMNS] = 0.0
            return
        places = [place for _, place in picks]
        others = self.row_keys[:, None] != np.array([key for key, _ in picks])[None, :]
        # one distance matrix for the pass: nearness reads the town/region columns of it,
        # country nearness the country columns
        km = haversine_matrix_km(self.row_points, np.array([(p.lat, p.lon) for p in places]))
        matrix[:, _FOCUS] = self._share(others, self.row_countries, self.codes(
            [p.country for p in places]))
        admin1_ok = np.array([bool(p.admin1_code) and p.feature_code not in ("PCLI", "CONT")
                              for p in places])
        matrix[:, _ADMIN1_FOCUS] = self._share(others & admin1_ok, self.row_admin1s, self.codes(
            [p.admin1_code for p in places]))
        self._fill_nearness(matrix, others, places, km)
        self._fill_country_nearness(matrix, others, places, km)
        self._fill_capital_local(matrix, others, places)

    @staticmethod
    def _fill_capital_local(matrix: np.ndarray, others: np.ndarray, places: list[Place]) -> None:
        """A capital among local places: the share of the other picks that are small towns or
        counties, on capital rows. A local paper's 'Dublin' or 'Paris' beside a county and a few
        villages is the nearby town, not Ireland's or France's capital, although population and
        the capital weight say otherwise; beside Beirut and Baghdad it stays the capital. A
        hamlet of no recorded people is no sign of a local paper: 'Main' of Main Street (a
        Jordanian village) had sent 'Police in Dublin' to California."""
        small = np.array([is_local(p) for p in places])
        counted = others.sum(axis=1)
        local = np.divide((others & small[None, :]).sum(axis=1), counted,
                          out=np.zeros(len(counted)), where=counted > 0)
        matrix[:, _CAPITAL_LOCAL] = matrix[:, _CAPITAL] * local

    @staticmethod
    def _share(others: np.ndarray, row_codes: np.ndarray, pick_codes: np.ndarray) -> np.ndarray:
        """Per row: the share of the other picks (that have a code) sharing the row's code."""
        counted = others & (pick_codes >= 0)[None, :]
        total = counted.sum(axis=1)
        same = (counted & (pick_codes[None, :] == row_codes[:, None])).sum(axis=1)
        return np.divide(same, total, out=np.zeros(len(total)), where=total > 0)

    @staticmethod
    def _fill_country_nearness(matrix: np.ndarray, others: np.ndarray, places: list[Place],
                               km: np.ndarray) -> None:
        """Closeness to the nearest country that another mention (or demonym) names: 'Gaza'
        beside 'Israel' and 'Egypt' is the Gaza of Palestine, whose name neither says, not the
        Mozambican province. Country points are rough, hence the log scale."""
        countries = np.array([p.feature_code == "PCLI" for p in places])
        mask = others[:, countries]
        matrix[:, _COUNTRY_NEARNESS] = 0.0
        if not mask.any():
            return
        nearest = np.where(mask, km[:, countries], np.inf).min(axis=1)
        has = mask.any(axis=1)
        matrix[has, _COUNTRY_NEARNESS] = 1.0 - np.log1p(nearest[has]) / LOG_MAX

    @staticmethod
    def _fill_nearness(matrix: np.ndarray, others: np.ndarray, places: list[Place],
                       km: np.ndarray) -> None:
        """km from each row to the other mentions' picks that are points (towns, districts) or
        regions; countries and wider areas say nothing about distance."""
        anchors = np.array([p.feature_code not in WIDE_CODES or p.feature_code == "ADM1"
                            for p in places])
        mask = others[:, anchors]
        count = mask.sum(axis=1)
        matrix[:, [_NEARNESS, _NEAR_SHARE]] = 0.0
        if not mask.any():
            return
        km = km[:, anchors]
        nearest = np.where(mask, km, np.inf).min(axis=1)
        has = count > 0
        matrix[has, _NEARNESS] = 1.0 - np.log1p(nearest[has]) / LOG_MAX
        matrix[has, _NEAR_SHARE] = (mask & (km <= NEAR_KM)).sum(axis=1)[has] / count[has]
