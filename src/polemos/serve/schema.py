"""Pydantic response models for the OpenAPI spec, derived from the export record's columns.

Built from `polemos.export.records.COLUMNS` so the API can never drift from the exports.
"""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel, create_model

from polemos.export.records import COLUMNS, FLOAT_COLUMNS, INT_COLUMNS

REQUIRED = frozenset({"event_id_cnty", "event_date", "year", "event_type", "sub_event_type",
                      "fatalities", "modality"})


class MentionOut(BaseModel):
    doc_id: str
    char_start: int
    char_end: int
    sentence: str


def _field(column: str) -> tuple[Any, Any]:
    kind: Any = int if column in INT_COLUMNS else float if column in FLOAT_COLUMNS else str
    return (kind, ...) if column in REQUIRED else (kind | None, None)


EventOut = create_model(  # type: ignore[call-overload]
    "EventOut", mentions=(list[MentionOut], []), **{c: _field(c) for c in COLUMNS}
)


class EventPage(BaseModel):
    count: int
    limit: int
    offset: int
    next_offset: int | None
    events: list[EventOut]  # type: ignore[valid-type]


class Stats(BaseModel):
    events: int
    fatalities: int
    injured: int
    truncated: bool
    by_type: dict[str, int]
    by_day: dict[str, int]
    fatalities_by_day: dict[str, int]
    by_country: dict[str, int]
