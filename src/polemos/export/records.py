"""The flat export record: ACLED's columns in ACLED's order, then polemos's provenance columns.

Every export format (CSV, JSONL, GeoJSON, Parquet, the REST API) goes through `to_record`, so the
column names and their order live in one place. `from_record` reads a record back (JSONL,
Parquet, or CSV strings) so exports can be re-imported and round-trip tests are possible.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from typing import Any

from polemos.models import Event, Mention

ACLED_COLUMNS: tuple[str, ...] = (
    "event_id_cnty", "event_date", "year", "time_precision", "disorder_type", "event_type",
    "sub_event_type", "actor1", "assoc_actor_1", "inter1", "actor2", "assoc_actor_2", "inter2",
    "interaction", "civilian_targeting", "iso", "region", "country", "admin1", "admin2", "admin3",
    "location", "latitude", "longitude", "geo_precision", "source", "source_scale", "notes",
    "fatalities", "tags", "timestamp",
)
EXTRA_COLUMNS: tuple[str, ...] = (
    "injured", "geonameid", "modality", "attribution", "confidence", "mention_count",
    "source_count",
)
COLUMNS: tuple[str, ...] = ACLED_COLUMNS + EXTRA_COLUMNS
MENTION_KEYS: tuple[str, ...] = ("doc_id", "char_start", "char_end", "sentence")

# ACLED writes the literal label in this column, or leaves it empty.
CIVILIAN_TARGETING = "Civilian targeting"

INT_COLUMNS = frozenset({
    "year", "time_precision", "inter1", "inter2", "interaction", "iso", "geo_precision",
    "fatalities", "timestamp", "injured", "geonameid", "mention_count", "source_count",
})
FLOAT_COLUMNS = frozenset({"latitude", "longitude", "confidence"})


def mention_record(mention: Mention) -> dict[str, Any]:
    return {key: getattr(mention, key) for key in MENTION_KEYS}


def to_record(event: Event, with_mentions: bool = True) -> dict[str, Any]:
    """One event as a flat dict keyed by COLUMNS (plus `mentions` when asked)."""
    record: dict[str, Any] = {}
    for column in COLUMNS:
        if column == "year":
            record[column] = event.year
        elif column == "event_date":
            record[column] = event.event_date.isoformat()
        elif column == "civilian_targeting":
            record[column] = CIVILIAN_TARGETING if event.civilian_targeting else ""
        else:
            record[column] = getattr(event, column)
    if with_mentions:
        record["mentions"] = [mention_record(m) for m in event.mentions]
    return record


def _typed(column: str, value: Any) -> Any:
    """Undo CSV's stringification: '' is None, numbers are numbers."""
    if value is None or (isinstance(value, str) and value == "" and column not in _TEXT_OK):
        return None
    if column in INT_COLUMNS:
        return int(value)
    if column in FLOAT_COLUMNS:
        return float(value)
    return value


# Text columns where an empty string is a value of its own (ACLED leaves them blank, not null).
_TEXT_OK = frozenset({"source", "source_scale", "notes", "tags", "location", "disorder_type",
                      "event_type", "sub_event_type", "actor1"})


def from_record(record: Mapping[str, Any]) -> Event:
    """Rebuild an Event from a record written by `to_record` (any format's reading of it)."""
    values = {column: _typed(column, record.get(column)) for column in COLUMNS}
    values.pop("year")
    values["event_date"] = date.fromisoformat(str(values["event_date"])[:10])
    values["civilian_targeting"] = record.get("civilian_targeting") in (CIVILIAN_TARGETING, True)
    values["mentions"] = [
        Mention(doc_id=str(m["doc_id"]), sentence=str(m["sentence"]),
                char_start=int(m["char_start"]), char_end=int(m["char_end"]))
        for m in record.get("mentions") or []
    ]
    return Event(**values)
