"""The whole run through the command line, as a user drives it (issue 2's acceptance)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from polemos.cli import app

SHARED = Path(__file__).resolve().parents[1] / ".." / "shared"
SEED = SHARED / "seed" / "telegraph-2022-07-05.txt"
SAMPLES = Path(__file__).resolve().parents[1] / "src" / "polemos" / "samples"

runner = CliRunner()


def _invoke(*args: str) -> str:
    result = runner.invoke(app, list(args), catch_exceptions=False)
    assert result.exit_code == 0, result.output
    return result.stdout


def _events(db: str) -> list[dict]:
    lines = _invoke("events", "--format", "jsonl", "--db", db).splitlines()
    return [json.loads(line) for line in lines if line.strip()]


@pytest.fixture(scope="module")
def seed_events(tmp_path_factory: pytest.TempPathFactory) -> list[dict]:
    if not SEED.exists():
        pytest.skip(f"seed article not found at {SEED} (shared/ must sit beside the checkout)")
    db = f"sqlite:///{tmp_path_factory.mktemp('seed') / 'seed.db'}"
    _invoke("run", str(SEED), "--db", db, "--quiet")
    return _events(db)


def _at(events: list[dict], geonameid: int) -> list[dict]:
    return [event for event in events if event["geonameid"] == geonameid]


def test_lysychansk_capture_is_a_battle(seed_events: list[dict]) -> None:
    (event,) = _at(seed_events, 702972)
    assert event["event_type"] == "Battles"
    assert event["admin1"] == "Luhansk Oblast"
    assert event["iso"] == 804 and event["country"] == "Ukraine"
    assert event["event_date"] == "2022-07-03"
    assert event["actor1"] == "Military Forces of Russia (2000-)"
    assert event["actor2"] == "Military Forces of Ukraine (2019-)"
    assert "Lysychansk" in event["mentions"][0]["sentence"]


def test_slovyansk_shelling_kills_six_civilians(seed_events: list[dict]) -> None:
    shelling = [e for e in _at(seed_events, 693468) if e["event_type"] != "Battles"]
    assert len(shelling) == 1
    event = shelling[0]
    assert event["event_type"] == "Explosions/Remote violence"
    assert event["sub_event_type"] == "Shelling/artillery/missile attack"
    assert event["admin1"] == "Donetsk Oblast"
    assert event["event_date"] == "2022-07-03"
    assert event["actor1"] == "Military Forces of Russia (2000-)"
    assert event["actor2"] == "Civilians (Ukraine)"
    assert (event["fatalities"], event["injured"]) == (6, 12)
    assert event["civilian_targeting"]
    mention = event["mentions"][0]
    seed_text = SEED.read_text(encoding="utf-8")
    assert "killed at least six civilians" in mention["sentence"]
    assert mention["sentence"] in seed_text


def test_fighting_north_of_slovyansk_is_approximate(seed_events: list[dict]) -> None:
    battles = [e for e in _at(seed_events, 693468) if e["event_type"] == "Battles"]
    assert len(battles) == 1
    assert battles[0]["geo_precision"] == 2
    assert "north of Slovyansk" in battles[0]["mentions"][0]["sentence"]


def test_orders_vows_forecasts_and_captions_are_not_events(seed_events: list[dict]) -> None:
    assert len(seed_events) == 3
    sentences = " ".join(m["sentence"] for e in seed_events for m in e["mentions"])
    for not_an_event in ("ordered his army", "vowed to retake", "likely targets",
                         "almost certainly", "REUTERS"):
        assert not_an_event not in sentences
    forecast_places = {713174, 704508}  # Bakhmut, Kramatorsk: only named as likely targets
    assert not forecast_places & {e["geonameid"] for e in seed_events}


def test_every_event_has_acled_columns_and_provenance(seed_events: list[dict]) -> None:
    for event in seed_events:
        assert event["event_id_cnty"].startswith("UKR")
        assert event["modality"] in ("asserted", "claimed")
        assert 0 <= event["confidence"] <= 1
        assert event["mention_count"] >= 1 and event["source_count"] >= 1
        for mention in event["mentions"]:
            assert mention["doc_id"] == SEED.name
            assert mention["char_end"] > mention["char_start"]


def test_rerun_of_the_same_input_adds_nothing(tmp_path: Path) -> None:
    db = f"sqlite:///{tmp_path / 'rerun.db'}"
    _invoke("run", str(SAMPLES), "--db", db, "--quiet")
    first = _events(db)
    _invoke("run", str(SAMPLES), "--db", db, "--quiet")
    second = _events(db)
    assert first and first == second


def test_demo_prints_a_table_of_the_samples(tmp_path: Path) -> None:
    db = f"sqlite:///{tmp_path / 'demo.db'}"
    result = runner.invoke(app, ["demo", "--db", db], catch_exceptions=False, terminal_width=200)
    assert result.exit_code == 0, result.output
    assert "Slovyansk" in result.output or "Sloviansk" in result.output
    assert len(_events(db)) >= 12


@pytest.mark.parametrize(("db", "reason"), [
    ("", "no database given"), ("foo://nowhere", "Can't load plugin")])
def test_a_bad_db_stops_the_run_with_its_reason(db: str, reason: str, tmp_path: Path) -> None:
    article = tmp_path / "a.txt"
    article.write_text("Shelling hit Kharkiv on Monday.", encoding="utf-8")
    result = runner.invoke(app, ["run", str(article), "--db", db, "--quiet"])
    assert result.exit_code == 2, result.output
    assert "--db" in result.output and reason in result.output
    assert result.exception is None or isinstance(result.exception, SystemExit)


def test_a_plain_db_path_is_a_sqlite_file(tmp_path: Path) -> None:
    article = tmp_path / "a.txt"
    article.write_text("Russian shelling killed two people in Kharkiv on Monday, officials "
                       "said.", encoding="utf-8")
    db = str(tmp_path / "events.db")
    _invoke("run", str(article), "--db", db, "--quiet")
    assert (tmp_path / "events.db").exists()
    assert _events(db)
