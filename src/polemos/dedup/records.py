"""What dedup works on: a stored candidate with the article facts merging needs."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from polemos.models import EventCandidate


@dataclass(frozen=True, slots=True)
class Member:
    """One candidate as stored: `article_hash` + `ordinal` identify it for good.

    `outlet` is the article's source (publisher); `signature` its MinHash, used to recognise
    syndicated copies of one wire story.
    """

    article_hash: str
    ordinal: int
    doc_id: str
    candidate: EventCandidate
    published: date | None = None
    outlet: str | None = None
    signature: bytes | None = None

    @property
    def sort_key(self) -> tuple[date, str, int]:
        """Canonical order: clustering in this order makes events a function of the set."""
        return (self.candidate.event_date, self.article_hash, self.ordinal)

    @property
    def lat_lon(self) -> tuple[float, float] | None:
        place = self.candidate.place
        return (place.lat, place.lon) if place else None

    @property
    def geonameid(self) -> int | None:
        place = self.candidate.place
        return place.geonameid if place else None
