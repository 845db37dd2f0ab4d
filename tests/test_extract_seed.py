"""The working slice: the seed and a second, unseen article through nlp -> geo -> extract."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from polemos.models import Article
from polemos.pipeline import process_article

SHARED = Path(__file__).resolve().parents[1] / ".." / "shared"
SEED = SHARED / "seed" / "telegraph-2022-07-05.txt"

# Written for these tests from widely reported facts (Kharkiv, 25 May 2024), not copied.
KHARKIV = (
    "Russian guided bombs struck a crowded hardware hypermarket in Kharkiv on Saturday, killing "
    "at least 12 people and injuring 43, the regional governor said.\n\n"
    "Rescuers worked through the night to pull people from the burning building in the north-east "
    "of Ukraine's second city.\n\n"
    "Kharkiv has been shelled almost daily since the start of May.\n\n"
    "President Volodymyr Zelensky called on allies to send more air defence systems and vowed "
    "that Russia would be held to account."
)


def seed_article() -> Article:
    raw = SEED.read_text(encoding="utf-8")
    body = raw.split("\n", 1)[1]  # drops " date 2022-07-05 " and the photo caption line
    return Article(doc_id="seed", text=body, published=date(2022, 7, 5))


@pytest.fixture(scope="module")
def seed_events():
    if not SEED.exists():
        pytest.skip("shared seed article not available")
    result = process_article(seed_article())
    assert result.error is None
    return [c for c in result.candidates if c.is_event]


def _at(events, name):
    return [e for e in events if e.location == name]


def test_lysychansk_captured(seed_events):
    (event,) = [e for e in _at(seed_events, "Lysychansk") if e.event_type == "Battles"]
    assert event.sub_event_type == "Non-state actor overtakes territory"
    assert event.place.geonameid == 702972 and event.place.admin1 == "Luhansk Oblast"
    assert abs((event.event_date - date(2022, 7, 3)).days) <= 1
    assert event.actor1 == "Military Forces of Russia (2000-)"
    assert event.actor2 == "Military Forces of Ukraine (2019-)"
    assert "Lysychansk" in event.evidence.sentence


def test_slovyansk_shelling(seed_events):
    shelling = [e for e in _at(seed_events, "Slovyansk") if e.event_type.startswith("Explosions")]
    assert len(shelling) == 1
    event = shelling[0]
    assert event.place.admin1 == "Donetsk Oblast"
    assert event.sub_event_type == "Shelling/artillery/missile attack"
    assert event.actor1 == "Military Forces of Russia (2000-)"
    assert event.actor2 == "Civilians (Ukraine)"
    assert (event.fatalities, event.injured, event.civilian_targeting) == (6, 12, True)
    assert abs((event.event_date - date(2022, 7, 3)).days) <= 1
    text = seed_article().text
    # The evidence span is the clause that states the event, inside its full sentence.
    span = text[event.evidence.char_start:event.evidence.char_end]
    sentence_start = text.index(event.evidence.sentence)
    assert sentence_start <= event.evidence.char_start
    assert event.evidence.char_end <= sentence_start + len(event.evidence.sentence)
    assert "barrage on Slovyansk" in span and "killed at least six" in span


def test_fighting_north_of_slovyansk(seed_events):
    clashes = [e for e in seed_events if e.sub_event_type == "Armed clash"]
    assert len(clashes) == 1
    event = clashes[0]
    assert event.geo_precision == 2 and event.place.admin1 == "Donetsk Oblast"
    assert "towns north of Slovyansk" in event.evidence.sentence
    assert {event.actor1, event.actor2} == {"Military Forces of Russia (2000-)",
                                            "Military Forces of Ukraine (2019-)"}
    assert event.modality == "claimed" and "general staff" in (event.attribution or "")


def test_no_events_for_orders_vows_forecasts(seed_events):
    assert len(seed_events) == 3
    for event in seed_events:
        sentence = event.evidence.sentence
        for cue in ("ordered", "vowed", "likely targets", "almost certainly", "REUTERS"):
            assert cue not in sentence
    assert not [e for e in seed_events if e.location in ("Bakhmut", "Kramatorsk")]


def test_unseen_kharkiv_article():
    result = process_article(Article("kharkiv", KHARKIV, published=date(2024, 5, 26)))
    events = [c for c in result.candidates if c.is_event]
    assert len(events) == 1
    event = events[0]
    assert event.location == "Kharkiv" and event.place.admin1 == "Kharkiv Oblast"
    assert event.event_type == "Explosions/Remote violence"
    assert event.sub_event_type == "Air/drone strike"
    assert event.event_date == date(2024, 5, 25) and event.time_precision == 1
    assert (event.fatalities, event.injured) == (12, 43)
    assert event.actor1 == "Military Forces of Russia (2000-)"
    assert event.actor2 == "Civilians (Ukraine)" and event.civilian_targeting
