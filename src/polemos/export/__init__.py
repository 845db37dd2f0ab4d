"""Exports of stored events: a terminal table, ACLED CSV, JSON Lines, GeoJSON and Parquet.

Column names and order are fixed in `records` (DESIGN.md's event record); each format only
decides how to serialise that record.
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from pathlib import Path
from typing import TextIO

import typer
from rich.console import Console

from polemos.export.parquet import write_parquet
from polemos.export.records import ACLED_COLUMNS, COLUMNS, EXTRA_COLUMNS, from_record, to_record
from polemos.export.table import print_table
from polemos.export.text_formats import feature_collection, write_csv, write_geojson, write_jsonl
from polemos.models import Event

__all__ = ["ACLED_COLUMNS", "COLUMNS", "EXTRA_COLUMNS", "FORMATS", "ExportError",
           "feature_collection", "from_record", "to_record", "write_events"]


class ExportError(typer.BadParameter, ValueError):
    """A format/destination combination that cannot work (unknown format, binary to stdout).

    A typer (click) parameter error so the CLI prints one clear line and exits 2, no traceback.
    """


def _table(events: list[Event], stream: TextIO) -> None:
    # A terminal gets its own width; files and pipes a wide one (rich would assume 80 columns).
    width = None if stream.isatty() else 180
    print_table(events, Console(file=stream, width=width))


TEXT_WRITERS: dict[str, Callable[[list[Event], TextIO], None]] = {
    "table": _table,
    "acled-csv": write_csv,
    "jsonl": write_jsonl,
    "geojson": write_geojson,
}
BINARY_WRITERS: dict[str, Callable[[list[Event], Path], None]] = {"parquet": write_parquet}
FORMATS: tuple[str, ...] = (*TEXT_WRITERS, *BINARY_WRITERS)


def write_events(events: list[Event], fmt: str, out: Path | None) -> None:
    """Write `events` in format `fmt` to file `out`, or to stdout when `out` is None."""
    if fmt in BINARY_WRITERS:
        if out is None:
            raise ExportError(f"format {fmt!r} is binary: give a file with --out",
                              param_hint="--out")
        BINARY_WRITERS[fmt](events, Path(out))
        return
    if fmt not in TEXT_WRITERS:
        raise ExportError(f"unknown format {fmt!r}; choose one of: {', '.join(FORMATS)}",
                          param_hint="--format")
    if out is None:
        TEXT_WRITERS[fmt](events, sys.stdout)
        sys.stdout.flush()
        return
    with Path(out).open("w", encoding="utf-8", newline="") as stream:
        TEXT_WRITERS[fmt](events, stream)
