"""Text exports: ACLED CSV, JSON Lines and GeoJSON, written to any text stream."""

from __future__ import annotations

import csv
import json
from collections.abc import Iterable
from typing import Any, TextIO

from polemos.export.records import COLUMNS, to_record
from polemos.models import Event


def write_csv(events: Iterable[Event], stream: TextIO) -> None:
    """ACLED's columns in ACLED's order, then polemos's extras; empty cell for a missing value."""
    writer = csv.DictWriter(stream, fieldnames=list(COLUMNS), lineterminator="\n")
    writer.writeheader()
    for event in events:
        record = to_record(event, with_mentions=False)
        writer.writerow({k: "" if v is None else v for k, v in record.items()})


def write_jsonl(events: Iterable[Event], stream: TextIO) -> None:
    """One JSON object per event: every column a key, `mentions` a list of span objects."""
    for event in events:
        stream.write(json.dumps(to_record(event), ensure_ascii=False) + "\n")


def feature(event: Event) -> dict[str, Any]:
    """A GeoJSON Feature; events without coordinates keep a null geometry (valid GeoJSON)."""
    geometry = None
    if event.latitude is not None and event.longitude is not None:
        # GeoJSON (RFC 7946) orders positions longitude first.
        geometry = {"type": "Point", "coordinates": [event.longitude, event.latitude]}
    return {"type": "Feature", "id": event.event_id_cnty, "geometry": geometry,
            "properties": to_record(event)}


def feature_collection(events: Iterable[Event]) -> dict[str, Any]:
    return {"type": "FeatureCollection", "features": [feature(e) for e in events]}


def write_geojson(events: Iterable[Event], stream: TextIO) -> None:
    json.dump(feature_collection(events), stream, ensure_ascii=False)
    stream.write("\n")
