"""Opt-in repair of gold points whose hemisphere sign was lost.

`polemos eval geoparse --repair-gold-hemisphere` scores against the repaired gold beside the raw.

WikToR's gold file drops the sign of some coordinates: "Mitchell" in the article "Mitchell, South
Dakota" is given at 43.71 N, 98.03 *E* (in China). The repair uses only the corpus itself and the
shipped data, never a prediction: a document's `wikipedia_title` qualifier ("X, South Dakota",
"X, Victoria", "X, France", "X, Calgary") names a region, country or city; a gold point of the
article's own name is flipped (longitude, else latitude, else both) when the original point is in
no place the qualifier can mean and the flipped point is strictly inside one of them.

Where a point is comes from `reverse_geocoder` (its nearest cities1000 town: country code, admin1,
admin2 names); what the qualifier means comes from the gazetteer (countries, ADM1/ADM2 areas,
towns) and from reverse_geocoder's own admin names ("Pangasinan", "Greater Manchester", which
the gazetteer lacks as areas). The test is asymmetric, so that a doubt keeps the corpus' point:
* the original point counts as *inside* when it, or one of eight points 75 km around it (a border
  or a sparse area: Dungu, DR Congo, is nearest to a South Sudanese town), is in the country of
  any area (PCLI, ADM1, ADM2) the qualifier names or in an admin1 / admin2 called like the
  qualifier, or it lies within 100 km of any place of that name (a within-country flip is never
  made);
* the flipped point must be strictly inside: in the country the qualifier names, or in the named
  ADM1/ADM2 (same country and admin name, or a name ending with it: "Orange Free State"; the
  point or one of eight points 20 km around it), or within 50 km of a town of >= 10,000 of that
  name, and its nearest reference town must be within 150 km (not the middle of an ocean).
"""

from __future__ import annotations

import contextlib
import io
import math
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, replace
from typing import Protocol

from polemos.geo.geometry import haversine_km
from polemos.geo.names import fold
from polemos.models import Place

ORIGINAL_NEAR_KM = 100.0  # the corpus' point stays when a place so named is this near
FLIPPED_TOWN_KM = 50.0  # a town qualifier ("X, Calgary") holds a flipped point this near
FLIPPED_TOWN_MIN_POPULATION = 10_000
MAX_REFERENCE_KM = 150.0  # the flipped point's nearest reference town must be this near
RING_KM = 75.0  # the original point's neighbourhood, probed at eight bearings
FLIPPED_RING_KM = 20.0  # the flipped point's, for a named ADM1/ADM2
FLIPS = (("lon", 1, -1), ("lat", -1, 1), ("both", -1, -1))

_TYPE_WORDS = re.compile(
    r"^(province of|provincia de|provincia di|provincia del|county|city of|republic of|state of|"
    r"departamento de|departement de|region of)\s+|\s+(county|oblast|krai|kray|province|region|"
    r"state|sheng|prefecture|district|governorate|department|municipality|parish|shire)$"
)


@dataclass(frozen=True, slots=True)
class Location:
    """Where a point is: reverse_geocoder's nearest town (country code, admin names, position)."""

    country: str
    admin1: str
    admin2: str
    lat: float
    lon: float


@dataclass(frozen=True, slots=True)
class Repair:
    doc_id: str
    title: str
    flip: str  # lon | lat | both
    old: tuple[float, float]
    new: tuple[float, float]
    toponyms: int  # gold mentions moved
    reason: str  # country | admin | town


class Locator(Protocol):
    def __call__(self, points: list[tuple[float, float]]) -> list[Location]: ...


def _admin_key(name: str) -> str:
    key = fold(name)
    previous = None
    while previous != key:
        previous, key = key, _TYPE_WORDS.sub("", key).strip()
    return key


def qualifiers(title: str | None) -> tuple[str, tuple[str, ...]]:
    """('Mitchell', ('South Dakota',)) for 'Mitchell, South Dakota'; a bracketed part of the
    head ('Victoria (Australia)') is a qualifier too."""
    if not title:
        return "", ()
    head, *rest = [part.strip() for part in title.split(",")]
    match = re.match(r"^(.*?)\s*\(([^)]*)\)$", head)
    if match:
        head = match.group(1)
        rest.insert(0, match.group(2))
    return head, tuple(part for part in rest if part)


def reverse_geocoder_locator(points: list[tuple[float, float]]) -> list[Location]:
    """reverse_geocoder's nearest cities1000 town for each point (its loading message muted)."""
    import reverse_geocoder

    if not points:
        return []
    with contextlib.redirect_stdout(io.StringIO()):
        rows = reverse_geocoder.search(points, mode=1, verbose=False)
    return [
        Location(row["cc"], row["admin1"], row["admin2"], float(row["lat"]), float(row["lon"]))
        for row in rows
    ]


class QualifierTest:
    """Is a point inside what a title qualifier may name? (see the module docstring)"""

    def __init__(self, parts: tuple[str, ...], lookup: Callable[[str], Iterable[Place]]) -> None:
        self.keys = {_admin_key(part) for part in parts} | {fold(part) for part in parts}
        self.places = [p for part in parts for p in lookup(fold(part))]
        self.area_keys = self.keys | {_admin_key(p.name) for p in self.places
                                      if p.feature_class == "A" and p.feature_code != "PCLI"}
        self.countries = {p.country for p in self.places if p.feature_code.startswith("PCL")}
        self.area_countries = {p.country for p in self.places
                               if p.feature_class == "A" and p.feature_code not in ("CONT",)}

    def _admin_named(self, where: Location, suffix: bool = False) -> bool:
        """The point's admin1/admin2 is called like the qualifier; with `suffix`, also when its
        name ends with the qualifier's ('Orange Free State' for 'Free State')."""
        names = {_admin_key(where.admin1), _admin_key(where.admin2), fold(where.admin1),
                 fold(where.admin2)} - {""}
        if names & self.area_keys:
            return True
        return suffix and any(name.endswith(" " + key) for name in names
                              for key in self.area_keys if len(key) >= 4)

    def original_inside(self, lat: float, lon: float, around: list[Location]) -> bool:
        if any(w.country in self.area_countries or self._admin_named(w) for w in around):
            return True
        return any(haversine_km(p.lat, p.lon, lat, lon) <= ORIGINAL_NEAR_KM for p in self.places)

    def flipped_inside(self, lat: float, lon: float, around: list[Location]) -> str | None:
        """`around`: the point's own location, then those of points FLIPPED_RING_KM around it
        (a town on a border river, Milton, Kentucky, is nearest to a town across the river)."""
        where = around[0]
        if haversine_km(where.lat, where.lon, lat, lon) > MAX_REFERENCE_KM:
            return None
        if where.country in self.countries:
            return "country"
        areas = {p.country for p in self.places if p.feature_class == "A"}
        if any(self._admin_named(w, suffix=True) and (w.country in areas or not areas)
               for w in around):  # no area of that name in the gazetteer: reverse_geocoder's
            return "admin"
        if any(p.feature_class == "P" and p.population >= FLIPPED_TOWN_MIN_POPULATION
               and p.country == where.country
               and haversine_km(p.lat, p.lon, lat, lon) <= FLIPPED_TOWN_KM for p in self.places):
            return "town"
        return None


def decide(
    title: str | None, lat: float, lon: float, lookup: Callable[[str], Iterable[Place]],
    locate: Locator,
) -> tuple[str, tuple[float, float], str] | None:
    """(flip, new point, reason) when the qualifier asks for a flipped sign, else None."""
    _, parts = qualifiers(title)
    if not parts:
        return None
    test = QualifierTest(parts, lookup)
    ring = _ring(lat, lon)
    if test.original_inside(lat, lon, locate(ring)):
        return None
    flipped = [p if p != (lat, lon) else None for p in _four(lat, lon)[1:]]
    for (name, _, _), point in zip(FLIPS, flipped, strict=True):
        if point is None:
            continue
        around = locate(_ring(point[0], point[1], FLIPPED_RING_KM))
        reason = test.flipped_inside(point[0], point[1], around)
        if reason:
            return name, point, reason
    return None


def repair_docs(docs, lookup: Callable[[str], Iterable[Place]] | None = None,
                locate: Locator | None = None):
    """(docs with repaired gold points, repairs). Only documents with a `title` qualifier and only
    gold toponyms spelled like the title's head (in WikToR: every mention) are touched."""
    if lookup is None:
        from polemos.geo.gazetteer import get_gazetteer

        lookup = get_gazetteer().lookup
    locate = _cached(locate or reverse_geocoder_locator)
    docs = list(docs)
    # one batch for every point asked about below: the memo answers the rest
    locate([point for doc in docs if qualifiers(doc.title)[1] for gold in doc.toponyms
            if gold.lat is not None and gold.lon is not None
            for point in _four(gold.lat, gold.lon) + _ring(gold.lat, gold.lon)
            + [p for flip in _four(gold.lat, gold.lon)[1:] for p in _ring(*flip, FLIPPED_RING_KM)]])
    out, repairs = [], []
    for doc in docs:
        head, parts = qualifiers(doc.title)
        if not parts:
            out.append(doc)
            continue
        decisions: dict[tuple[float, float], tuple[str, tuple[float, float], str] | None] = {}
        toponyms, moved = [], {}
        for gold in doc.toponyms:
            if gold.lat is None or gold.lon is None or fold(gold.text) != fold(head):
                toponyms.append(gold)
                continue
            key = (gold.lat, gold.lon)
            if key not in decisions:
                decisions[key] = decide(doc.title, gold.lat, gold.lon, lookup, locate)
            decision = decisions[key]
            if decision is None:
                toponyms.append(gold)
                continue
            toponyms.append(replace(gold, lat=decision[1][0], lon=decision[1][1]))
            moved[key] = moved.get(key, 0) + 1
        for key, count in moved.items():
            flip, new, reason = decisions[key]
            repairs.append(Repair(doc.doc_id, doc.title, flip, key, new, count, reason))
        out.append(replace(doc, toponyms=tuple(toponyms)) if moved else doc)
    return out, repairs


def repair_counts(repairs: list[Repair]) -> dict[str, int]:
    """How many documents, points and gold mentions were repaired, by flip and by reason."""
    counts = {"docs": len({r.doc_id for r in repairs}), "points": len(repairs),
              "toponyms": sum(r.toponyms for r in repairs)}
    for flip, _, _ in FLIPS:
        counts[f"toponyms_{flip}"] = sum(r.toponyms for r in repairs if r.flip == flip)
    for reason in ("country", "admin", "town"):
        counts[f"toponyms_by_{reason}"] = sum(r.toponyms for r in repairs if r.reason == reason)
    return counts


def _four(lat: float, lon: float) -> list[tuple[float, float]]:
    """The point and its three sign flips, in the order of `FLIPS`."""
    return [(lat, lon)] + [(lat * a, lon * b) for _, a, b in FLIPS]


def _ring(lat: float, lon: float, km: float = RING_KM) -> list[tuple[float, float]]:
    """The point and eight points `km` around it (N, NE, E, ...), longitudes wrapped."""
    dlat = km / 111.2
    dlon = dlat / max(0.05, math.cos(math.radians(lat)))
    points = [(lat, lon)]
    for step in range(8):
        angle = math.radians(45 * step)
        la = max(-90.0, min(90.0, lat + dlat * math.cos(angle)))
        lo = (lon + dlon * math.sin(angle) + 180.0) % 360.0 - 180.0
        points.append((round(la, 5), round(lo, 5)))
    return points


def _cached(locate: Locator) -> Locator:
    """Memo over points, so one batched call answers every later question."""
    memo: dict[tuple[float, float], Location] = {}

    def cached(points: list[tuple[float, float]]) -> list[Location]:
        missing = [p for p in dict.fromkeys(points) if p not in memo]
        for point, location in zip(missing, locate(missing), strict=True):
            memo[point] = location
        return [memo[p] for p in points]

    return cached
