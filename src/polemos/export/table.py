"""A human-readable table of events for the terminal (`polemos events`, `polemos demo`)."""

from __future__ import annotations

from collections.abc import Iterable

from rich.console import Console
from rich.table import Table
from rich.text import Text

from polemos.models import Event

EXCERPT_CHARS = 90


def excerpt(text: str, limit: int = EXCERPT_CHARS) -> str:
    """The start of an evidence sentence, cut at a word boundary."""
    text = " ".join(text.split())
    if len(text) <= limit:
        return text
    cut = text[:limit].rsplit(" ", 1)[0]
    return cut + "…"


def _actors(event: Event) -> str:
    return " vs ".join(a for a in (event.actor1, event.actor2) if a)


def _number(value: int | None) -> str:
    return "" if value is None else str(value)


def build_table(events: Iterable[Event]) -> Table:
    table = Table(show_lines=True, title="polemos events")
    for header in ("date", "type / sub-type", "location", "admin1", "country", "actors",
                   "fatal.", "inj.", "modality", "sources", "evidence"):
        justify = "right" if header in ("fatal.", "inj.", "sources") else "left"
        table.add_column(header, justify=justify, overflow="fold",
                         min_width=20 if header == "type / sub-type" else None)
    for event in events:
        evidence = excerpt(event.mentions[0].sentence) if event.mentions else ""
        kind = Text.assemble(event.event_type, "\n", (event.sub_event_type, "dim"))
        cells = (event.location, event.admin1 or "", event.country or "", _actors(event),
                 str(event.fatalities), _number(event.injured), event.modality,
                 str(event.source_count), evidence)
        # Text(), not strings: article text must never be parsed as rich markup ("[/b]").
        table.add_row(event.event_date.isoformat(), kind, *(Text(c) for c in cells))
    return table


def print_table(events: Iterable[Event], console: Console) -> None:
    events = list(events)
    console.print(build_table(events))
    console.print(f"{len(events)} events")
