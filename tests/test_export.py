"""Exports on hand-made events: columns exactly as DESIGN.md, and every format round-trips."""

from __future__ import annotations

import csv
import json
from dataclasses import replace
from datetime import date
from pathlib import Path

import pytest

from polemos.export import (
    ACLED_COLUMNS,
    EXTRA_COLUMNS,
    ExportError,
    from_record,
    write_events,
)
from polemos.export.parquet import read_parquet
from polemos.models import Event, Mention

DESIGN = Path(__file__).resolve().parents[1] / ".." / "shared" / "DESIGN.md"


def make_event(**changes: object) -> Event:
    """A fully populated event; tests override the fields they care about."""
    base = Event(
        event_id_cnty="UKR0001", event_date=date(2022, 7, 3), time_precision=1,
        disorder_type="Political violence", event_type="Explosions/Remote violence",
        sub_event_type="Shelling/artillery/missile attack",
        actor1="Military Forces of Russia (2000-)", assoc_actor_1=None, inter1=8,
        actor2="Civilians (Ukraine)", assoc_actor_2=None, inter2=7, interaction=78,
        civilian_targeting=True, iso=804, region="Europe", country="Ukraine",
        admin1="Donetsk Oblast", admin2=None, admin3=None, location="Sloviansk",
        latitude=48.8522, longitude=37.6153, geo_precision=1, source="Telegraph; Reuters",
        source_scale="International", notes='Shelling of "Sloviansk", at least six killed,\n'
        "dozens wounded.", fatalities=6, tags="", timestamp=1657000000, injured=24,
        geonameid=700040, modality="asserted", attribution=None, confidence=0.82,
        mention_count=2, source_count=2,
        mentions=[
            Mention(doc_id="telegraph-2022-07-05.txt", sentence="A barrage on Sloviansk killed "
                    "at least six civilians.", char_start=1024, char_end=1068),
            Mention(doc_id="reuters-42", sentence="Слов'янськ was shelled — six dead.",
                    char_start=5, char_end=40),
        ],
    )
    return replace(base, **changes)


def sample_events() -> list[Event]:
    """Three events covering nulls, no coordinates, a forecast and non-ASCII text."""
    return [
        make_event(),
        make_event(event_id_cnty="KEN0001", event_date=date(2024, 6, 25), disorder_type=
                   "Demonstrations", event_type="Protests", sub_event_type=
                   "Excessive force against protesters", actor1="Police Forces of Kenya (2022-)",
                   actor2="Protesters (Kenya)", inter1=1, inter2=6, interaction=16,
                   civilian_targeting=False, iso=404, region="Eastern Africa", country="Kenya",
                   admin1="Nairobi", location="Nairobi", latitude=-1.2833, longitude=36.8167,
                   geonameid=184745, fatalities=5, injured=None, confidence=0.6,
                   mention_count=1, source_count=1, mentions=[make_event().mentions[0]]),
        make_event(event_id_cnty="UKR0002", latitude=None, longitude=None, geonameid=None,
                   location="Bakhmut", modality="forecast", attribution="UK Ministry of Defence",
                   fatalities=0, injured=None, actor2=None, inter2=None, mentions=[]),
    ]


def _export(tmp_path: Path, fmt: str, name: str) -> Path:
    out = tmp_path / name
    write_events(sample_events(), fmt, out)
    return out


def test_acled_columns_match_design_md() -> None:
    if not DESIGN.exists():
        pytest.skip(f"DESIGN.md not found at {DESIGN}")
    text = DESIGN.read_text(encoding="utf-8")
    listed = text.split("ACLED columns, same names and meanings:", 1)[1].split("`", 2)[1]
    assert tuple(c.strip() for c in listed.split(",")) == ACLED_COLUMNS
    for extra in EXTRA_COLUMNS:
        assert f"`{extra}`" in text


def test_csv_header_and_round_trip(tmp_path: Path) -> None:
    path = _export(tmp_path, "acled-csv", "events.csv")
    with path.open(encoding="utf-8", newline="") as stream:
        reader = csv.DictReader(stream)
        assert tuple(reader.fieldnames or ()) == ACLED_COLUMNS + EXTRA_COLUMNS
        rows = list(reader)
    assert rows[0]["civilian_targeting"] == "Civilian targeting"
    assert rows[1]["civilian_targeting"] == ""
    assert rows[0]["year"] == "2022"
    back = [from_record(row) for row in rows]
    expected = [replace(e, mentions=[]) for e in sample_events()]  # CSV carries no mentions
    assert back == expected


def test_jsonl_round_trip_keeps_mentions(tmp_path: Path) -> None:
    lines = _export(tmp_path, "jsonl", "events.jsonl").read_text(encoding="utf-8").splitlines()
    records = [json.loads(line) for line in lines]
    assert len(records) == 3
    assert list(records[0])[:31] == list(ACLED_COLUMNS)
    assert set(records[0]["mentions"][0]) == {"doc_id", "char_start", "char_end", "sentence"}
    assert records[2]["latitude"] is None and records[2]["modality"] == "forecast"
    assert [from_record(r) for r in records] == sample_events()


def test_parquet_round_trip(tmp_path: Path) -> None:
    records = read_parquet(_export(tmp_path, "parquet", "events.parquet"))
    assert list(records[0])[:31] == list(ACLED_COLUMNS)
    assert records[0]["mentions"][1]["sentence"].startswith("Слов'янськ")
    assert [from_record(r) for r in records] == sample_events()


def test_parquet_of_no_events_keeps_schema(tmp_path: Path) -> None:
    import pyarrow.parquet as pq

    out = tmp_path / "empty.parquet"
    write_events([], "parquet", out)
    table = pq.read_table(out)
    assert table.num_rows == 0
    assert str(table.schema.field("fatalities").type) == "int64"


def test_geojson_is_a_valid_feature_collection(tmp_path: Path) -> None:
    data = json.loads(_export(tmp_path, "geojson", "events.geojson").read_text(encoding="utf-8"))
    assert data["type"] == "FeatureCollection"
    first, _, unlocated = data["features"]
    assert first["type"] == "Feature"
    assert first["geometry"] == {"type": "Point", "coordinates": [37.6153, 48.8522]}
    lon, lat = first["geometry"]["coordinates"]
    assert -180 <= lon <= 180 and -90 <= lat <= 90
    assert first["properties"]["event_id_cnty"] == "UKR0001"
    assert first["properties"]["mentions"][0]["doc_id"] == "telegraph-2022-07-05.txt"
    assert unlocated["geometry"] is None


def test_text_formats_write_to_stdout(capsys: pytest.CaptureFixture[str]) -> None:
    write_events(sample_events(), "jsonl", None)
    assert len(capsys.readouterr().out.splitlines()) == 3
    write_events(sample_events(), "acled-csv", None)
    assert capsys.readouterr().out.startswith("event_id_cnty,event_date,year,")


def test_table_shows_the_essentials(tmp_path: Path) -> None:
    text = _export(tmp_path, "table", "events.txt").read_text(encoding="utf-8")
    for expected in ("2022-07-03", "Shelling/artillery/missile", "Sloviansk",
                     "Donetsk Oblast", "Nairobi", "Protesters", "forecast", "3 events"):
        assert expected in text


def test_binary_format_needs_a_file() -> None:
    with pytest.raises(ExportError, match="--out"):
        write_events(sample_events(), "parquet", None)


def test_unknown_format_is_a_clear_error(tmp_path: Path) -> None:
    with pytest.raises(ExportError, match="unknown format 'xml'"):
        write_events(sample_events(), "xml", tmp_path / "x")


def test_table_does_not_interpret_markup_in_article_text(tmp_path: Path) -> None:
    hostile = make_event(location="[/bold] Town [red]", mentions=[])
    out = tmp_path / "t.txt"
    write_events([hostile], "table", out)
    assert "[/bold] Town [red]" in out.read_text(encoding="utf-8")


def test_cli_binary_to_stdout_is_a_clear_usage_error(tmp_path: Path) -> None:
    from typer.testing import CliRunner

    from polemos.cli import app

    db = f"sqlite:///{tmp_path / 'empty.db'}"
    result = CliRunner().invoke(app, ["events", "--format", "parquet", "--db", db])
    assert result.exit_code == 2
    assert "give a file with --out" in result.output and "Traceback" not in result.output
    out = tmp_path / "e.parquet"
    ok = CliRunner().invoke(app, ["events", "--format", "parquet", "--db", db, "--out", str(out)])
    assert ok.exit_code == 0 and out.exists()
