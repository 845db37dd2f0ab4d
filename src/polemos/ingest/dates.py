"""Publication dates: parse what sources send, refuse what cannot be true.

A date in the future or before `min_year` is a wrong date, not news from then: the article is
kept with `published=None` and a warning naming the bad value, because its text is still worth
reading and the extract stage can fall back to other dates.
"""

from __future__ import annotations

import re
import time
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from email.utils import parsedate_to_datetime

from polemos.ingest.limits import Limits

_ISO_DAY = re.compile(r"^\s*(\d{4})-(\d{1,2})-(\d{1,2})(?:$|[T\s])")
_FORMATS = ("%Y/%m/%d", "%d %B %Y", "%B %d, %Y", "%b %d, %Y", "%d %b %Y", "%Y%m%d")
_MAX_DATE_CHARS = 100
# Plausible Unix times (2001-09-09 .. 2096-10-02): smaller numbers are ids or years, not times.
_EPOCH_S_MIN, _EPOCH_S_MAX = 1e9, 4e9
_EPOCH_MS_MIN, _EPOCH_MS_MAX = 1e12, 4e12


@dataclass(frozen=True, slots=True)
class PublishedDate:
    day: date | None
    warning: str | None = None


def parse_published(value: object, limits: Limits) -> PublishedDate:
    """Turn a source's date field (str, date, datetime, time.struct_time) into a checked day."""
    if value is None or value == "":
        return PublishedDate(None)
    day = _to_date(value)
    shown = repr(value if not isinstance(value, str) else value[:_MAX_DATE_CHARS])
    if day is None:
        return PublishedDate(None, f"unreadable date {shown}; published left empty")
    return check_day(day, shown, limits)


def check_day(day: date, shown: str, limits: Limits) -> PublishedDate:
    latest = limits.now() + timedelta(days=limits.future_days)
    if day > latest:
        return PublishedDate(None, f"date {shown} is in the future (after {latest}); "
                                   "published left empty")
    if day.year < limits.min_year:
        return PublishedDate(None, f"date {shown} is before {limits.min_year}; "
                                   "published left empty")
    return PublishedDate(day)


def _to_date(value: object) -> date | None:
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    if isinstance(value, time.struct_time):
        return _safe_date(value.tm_year, value.tm_mon, value.tm_mday)
    if isinstance(value, str):
        return _parse_string(value.strip()[:_MAX_DATE_CHARS])
    if isinstance(value, int | float) and not isinstance(value, bool):
        return _from_epoch(float(value))
    return None


def _from_epoch(seconds: float) -> date | None:
    """Unix time in seconds or milliseconds (exports from databases and APIs use both)."""
    if _EPOCH_MS_MIN <= seconds < _EPOCH_MS_MAX:
        seconds /= 1000
    if not _EPOCH_S_MIN <= seconds < _EPOCH_S_MAX:
        return None
    return datetime.fromtimestamp(seconds, tz=UTC).date()


def _parse_string(text: str) -> date | None:
    match = _ISO_DAY.match(text)
    if match:
        return _safe_date(*(int(group) for group in match.groups()))
    for fmt in _FORMATS:
        try:
            return datetime.strptime(text, fmt).date()
        except ValueError:
            continue
    try:
        return parsedate_to_datetime(text).date()
    except (TypeError, ValueError, IndexError, OverflowError):
        return None


def _safe_date(year: int, month: int, day: int) -> date | None:
    try:
        return date(year, month, day)
    except (ValueError, OverflowError):
        return None
