"""When two candidates describe the same event (the merge criteria of DESIGN.md)."""

from __future__ import annotations

import math
from functools import lru_cache

from polemos.dedup.records import Member
from polemos.geo.names import fold
from polemos.models import EventCandidate

MAX_DAYS = 1
MAX_KM = 10.0
_EARTH_KM = 6371.0088
# Event types that describe the same kind of happening; ACLED's sub-types within one family are
# often told differently by different outlets (a "strike" vs "shelling"), types across are not.
_FAMILIES = {
    "Battles": "battle",
    "Explosions/Remote violence": "remote",
    "Violence against civilians": "civilians",
    "Protests": "demonstration",
    "Riots": "demonstration",
}


def family(candidate: EventCandidate) -> str:
    found = _FAMILIES.get(candidate.event_type)
    return found or f"strategic:{candidate.sub_event_type}"


def block(candidate: EventCandidate) -> str:
    """The partition a candidate is clustered in: country, type family, event or statement.

    Candidates in different blocks never merge, so each block is clustered on its own.
    """
    country = candidate.place.country if candidate.place and candidate.place.country else "--"
    kind = "event" if candidate.is_event else "statement"
    return f"{country}|{family(candidate)}|{kind}"


def km_between(a: tuple[float, float], b: tuple[float, float]) -> float:
    lat1, lon1, lat2, lon2 = map(math.radians, (*a, *b))
    h = (math.sin((lat2 - lat1) / 2) ** 2
         + math.cos(lat1) * math.cos(lat2) * math.sin((lon2 - lon1) / 2) ** 2)
    return 2 * _EARTH_KM * math.asin(min(1.0, math.sqrt(h)))


def same_place(a: Member, b: Member) -> bool:
    if a.geonameid is not None and a.geonameid == b.geonameid:
        return True
    if a.lat_lon and b.lat_lon:
        return km_between(a.lat_lon, b.lat_lon) <= MAX_KM
    return fold(a.candidate.location) == fold(b.candidate.location)


@lru_cache(maxsize=65_536)  # actor names repeat across every pair compared
def _actor_key(name: str | None) -> str | None:
    """None for an actor that says nothing (missing, unidentified): it matches anyone."""
    if not name or not name.strip() or name.lower().startswith("unidentified"):
        return None
    return fold(name)


def _agree(a: str | None, b: str | None) -> bool:
    x, y = _actor_key(a), _actor_key(b)
    return x is None or y is None or x == y


def actors_compatible(a: EventCandidate, b: EventCandidate) -> bool:
    """Same sides, in either order (one report's attacker can be the other's first-named)."""
    straight = _agree(a.actor1, b.actor1) and _agree(a.actor2, b.actor2)
    return straight or (_agree(a.actor1, b.actor2) and _agree(a.actor2, b.actor1))


def compatible(a: Member, b: Member) -> bool:
    """Could `a` and `b` be two reports of one event? (They share a block already.)"""
    if a.article_hash == b.article_hash:
        return False  # one article's candidates are distinct events by the extractor's rule
    days = abs((a.candidate.event_date - b.candidate.event_date).days)
    return days <= MAX_DAYS and same_place(a, b) and actors_compatible(a.candidate, b.candidate)
