"""Parquet export with an explicit schema, so empty exports and all-null columns keep types."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq

from polemos.export.records import COLUMNS, FLOAT_COLUMNS, INT_COLUMNS, to_record
from polemos.models import Event

MENTION_TYPE = pa.struct([
    ("doc_id", pa.string()), ("char_start", pa.int64()), ("char_end", pa.int64()),
    ("sentence", pa.string()),
])


def _column_type(column: str) -> pa.DataType:
    if column == "event_date":
        return pa.date32()
    if column in INT_COLUMNS:
        return pa.int64()
    if column in FLOAT_COLUMNS:
        return pa.float64()
    return pa.string()


SCHEMA = pa.schema([(c, _column_type(c)) for c in COLUMNS] + [("mentions", pa.list_(MENTION_TYPE))])


def to_table(events: Sequence[Event]) -> pa.Table:
    records = [to_record(event) for event in events]
    for record, event in zip(records, events, strict=True):
        record["event_date"] = event.event_date
    return pa.Table.from_pylist(records, schema=SCHEMA)


def write_parquet(events: Iterable[Event], path: Path) -> None:
    pq.write_table(to_table(list(events)), path)


def read_parquet(path: Path) -> list[dict]:
    """Records back from a Parquet export (for re-import with `records.from_record`)."""
    return pq.read_table(path).to_pylist()
