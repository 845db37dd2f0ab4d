"""Counts by type, day and country over the filtered events (the timeline and /api/stats)."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import replace

from polemos.models import Event
from polemos.serve.query import MAX_LIMIT, EventFilters, EventStore

STATS_CAP = 500_000  # events counted at most; beyond that the answer says truncated


def iter_events(store: EventStore, filters: EventFilters, cap: int = STATS_CAP,
                include_statements: bool = False) -> Iterator[Event]:
    """Every event matching `filters` (ignoring its page), fetched in pages, at most `cap`."""
    offset = 0
    while offset < cap:
        page_filters = replace(filters, limit=MAX_LIMIT, offset=offset)
        page = store.events(include_statements=include_statements, **page_filters.as_kwargs())
        yield from page
        if len(page) < MAX_LIMIT:
            return
        offset += MAX_LIMIT


def summarize(events: Iterable[Event], cap: int = STATS_CAP) -> dict:
    by_type: Counter[str] = Counter()
    by_day: Counter[str] = Counter()
    fatalities_by_day: Counter[str] = Counter()
    by_country: Counter[str] = Counter()
    total = fatalities = injured = 0
    for event in events:
        day = event.event_date.isoformat()
        total += 1
        fatalities += event.fatalities or 0
        injured += event.injured or 0
        by_type[event.event_type] += 1
        by_day[day] += 1
        fatalities_by_day[day] += event.fatalities or 0
        by_country[event.country or "unknown"] += 1
    return {
        "events": total, "fatalities": fatalities, "injured": injured, "truncated": total >= cap,
        "by_type": dict(by_type.most_common()), "by_day": dict(sorted(by_day.items())),
        "fatalities_by_day": dict(sorted(fatalities_by_day.items())),
        "by_country": dict(by_country.most_common()),
    }
