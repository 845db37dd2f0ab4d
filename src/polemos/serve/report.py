"""The daily situation report (`polemos report --date D`): one day's events, grouped, sourced.

Events come from the store with their evidence; forecasts and denials of the same day are listed
apart as statements and never counted in the totals (DESIGN.md, "What is not an event").
"""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass
from datetime import date

from polemos.models import Event
from polemos.serve.document import Block, Bullets, Heading, Para, Quote, Table, to_html, to_markdown
from polemos.serve.query import EventFilters, EventStore
from polemos.serve.stats import iter_events

NOTABLE = 10
STATEMENT_MODALITIES = ("forecast", "denied")


@dataclass(slots=True)
class DayEvents:
    day: date
    events: list[Event]
    statements: list[Event]


def load_day(store: EventStore, day: date) -> DayEvents:
    filters = EventFilters(date_from=day, date_to=day)
    found = list(iter_events(store, filters, include_statements=True))
    events = [e for e in found if e.modality not in STATEMENT_MODALITIES]
    statements = [e for e in found if e.modality in STATEMENT_MODALITIES]
    return DayEvents(day, events, statements)


def _where(event: Event) -> str:
    return ", ".join(p for p in (event.location, event.admin1, event.country) if p)


def _counts(counter: Counter[str]) -> str:
    return ", ".join(f"{name} {n}" for name, n in counter.most_common())


def _summary(events: list[Event]) -> list[Block]:
    fatalities = sum(e.fatalities or 0 for e in events)
    injured = sum(e.injured or 0 for e in events)
    sources = sum(e.source_count for e in events)
    return [Heading(2, "Summary"), Bullets((
        f"Events: {len(events)} ({_counts(Counter(e.event_type for e in events))})",
        f"Fatalities: {fatalities} (lowest credible reported figures); injured: {injured}",
        f"Countries: {_counts(Counter(e.country or 'unknown' for e in events))}",
        f"Source reports: {sources}",
    ))]


def _by_place(events: list[Event]) -> list[Block]:
    groups: dict[str, dict[str, list[Event]]] = defaultdict(lambda: defaultdict(list))
    for event in events:
        groups[event.country or "Unknown country"][event.admin1 or "Unknown region"].append(event)
    blocks: list[Block] = [Heading(2, "By place")]
    for country in sorted(groups):
        rows = tuple(
            (admin1, str(len(evs)), _counts(Counter(e.event_type for e in evs)),
             str(sum(e.fatalities or 0 for e in evs)), str(sum(e.injured or 0 for e in evs)))
            for admin1, evs in sorted(groups[country].items())
        )
        blocks += [Heading(3, country),
                   Table(("Region", "Events", "Types", "Fatalities", "Injured"), rows)]
    return blocks


def _notable_key(event: Event) -> tuple:
    return (-(event.fatalities or 0), -event.source_count, -(event.injured or 0),
            event.event_id_cnty)


def _event_blocks(index: int, event: Event) -> list[Block]:
    actors = " vs ".join(a for a in (event.actor1, event.actor2) if a)
    blocks: list[Block] = [
        Heading(3, f"{index}. {event.sub_event_type} — {_where(event)}"),
        Bullets((
            f"Type: {event.event_type} / {event.sub_event_type}; actors: {actors}",
            f"Fatalities: {event.fatalities}; injured: "
            f"{'not reported' if event.injured is None else event.injured}",
            f"Sources ({event.source_count}): {event.source or 'not named'}; "
            f"modality: {event.modality}",
        )),
    ]
    blocks += [Quote(m.sentence, m.doc_id) for m in event.mentions]
    return blocks


def _notable(events: list[Event]) -> list[Block]:
    blocks: list[Block] = [Heading(2, "Notable events")]
    for index, event in enumerate(sorted(events, key=_notable_key)[:NOTABLE], start=1):
        blocks += _event_blocks(index, event)
    return blocks


def _statements(statements: list[Event]) -> list[Block]:
    blocks: list[Block] = [
        Heading(2, "Statements, not events"),
        Para("Forecasts and denials reported for this day. They are not counted above."),
    ]
    if not statements:
        return blocks + [Para("None recorded.")]
    for event in statements:
        who = f" ({event.attribution})" if event.attribution else ""
        blocks.append(Para(f"{event.modality}{who}: {event.sub_event_type} — {_where(event)}"))
        blocks += [Quote(m.sentence, m.doc_id) for m in event.mentions]
    return blocks


def report_blocks(day_events: DayEvents) -> list[Block]:
    events = day_events.events
    blocks: list[Block] = [Heading(1, f"Situation report — {day_events.day.isoformat()}")]
    if events:
        blocks += _summary(events) + _by_place(events) + _notable(events)
    else:
        blocks.append(Para("No events recorded for this day."))
    return blocks + _statements(day_events.statements)


def render_report(day_events: DayEvents, fmt: str = "md") -> str:
    blocks = report_blocks(day_events)
    if fmt == "md":
        return to_markdown(blocks)
    if fmt == "html":
        return to_html(blocks, f"polemos situation report {day_events.day.isoformat()}")
    raise ValueError(f"unknown report format {fmt!r}; choose md or html")
