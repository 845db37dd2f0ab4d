"""Validated event filters shared by every API endpoint, the report and the CLI.

Every bound lives here: hostile queries (huge limits, bad dates, control characters, malformed
boxes) become 422 responses in FastAPI instead of reaching the store.
"""

from __future__ import annotations

import math
import re
from dataclasses import asdict, dataclass
from datetime import date
from typing import Annotated, Any, Protocol

from fastapi import HTTPException, Query

from polemos.models import Event

MAX_LIMIT = 10_000
DEFAULT_LIMIT = 1_000
MAX_OFFSET = 10_000_000
MAX_TEXT = 200
# Printable text only: NUL and other control characters break some databases (PostgreSQL).
TEXT_PATTERN = r"^[^\x00-\x1f\x7f]*$"
_NUMBER = r"\s*-?\d+(?:\.\d+)?\s*"
BBOX_PATTERN = re.compile(rf"^{_NUMBER},{_NUMBER},{_NUMBER},{_NUMBER}$")

BBox = tuple[float, float, float, float]


class EventStore(Protocol):
    """What the API needs from `polemos.store.Store` (a fake in tests, the real one in use)."""

    def events(self, include_statements: bool = False, **filters: Any) -> list[Event]: ...


@dataclass(frozen=True, slots=True)
class EventFilters:
    """The filters `Store.events` accepts, already validated."""

    date_from: date | None = None
    date_to: date | None = None
    bbox: BBox | None = None
    country: str | None = None
    admin1: str | None = None
    event_type: str | None = None
    actor: str | None = None
    limit: int = DEFAULT_LIMIT
    offset: int = 0

    def as_kwargs(self) -> dict[str, Any]:
        return asdict(self)


def parse_bbox(text: str) -> BBox:
    """'west,south,east,north' in degrees; raises ValueError with the reason."""
    if not BBOX_PATTERN.match(text):
        raise ValueError("bbox must be four numbers: west,south,east,north")
    west, south, east, north = (float(part) for part in text.split(","))
    if not all(math.isfinite(v) for v in (west, south, east, north)):
        raise ValueError("bbox values must be finite")
    # west > east is a box across the antimeridian (the store handles it).
    if not (-180 <= west <= 180 and -180 <= east <= 180):
        raise ValueError("bbox longitudes must lie within -180..180")
    if not (-90 <= south <= north <= 90):
        raise ValueError("bbox latitudes must satisfy -90 <= south <= north <= 90")
    return west, south, east, north


def _text(description: str) -> Any:
    return Query(max_length=MAX_TEXT, pattern=TEXT_PATTERN, description=description)


def event_filters(
    date_from: Annotated[date | None, Query(description="First day (YYYY-MM-DD).")] = None,
    date_to: Annotated[date | None, Query(description="Last day, inclusive.")] = None,
    bbox: Annotated[str | None, Query(max_length=100, description="west,south,east,north")] = None,
    country: Annotated[str | None, _text("Country name.")] = None,
    admin1: Annotated[str | None, _text("First-level region name.")] = None,
    event_type: Annotated[str | None, _text("ACLED event type, e.g. Battles.")] = None,
    actor: Annotated[str | None, _text("Actor name (actor1 or actor2).")] = None,
    limit: Annotated[int, Query(ge=1, le=MAX_LIMIT)] = DEFAULT_LIMIT,
    offset: Annotated[int, Query(ge=0, le=MAX_OFFSET)] = 0,
) -> EventFilters:
    """FastAPI dependency: query string -> EventFilters, or a 422 naming the bad parameter."""
    if date_from and date_to and date_from > date_to:
        raise HTTPException(422, "date_from must not be after date_to")
    try:
        box = parse_bbox(bbox) if bbox is not None else None
    except ValueError as error:
        raise HTTPException(422, str(error)) from None
    return EventFilters(date_from, date_to, box, country, admin1, event_type, actor, limit, offset)
