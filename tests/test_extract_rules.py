"""Tests of the extraction rules added for issue 4: each states one general pattern, in text
written for these tests (not taken from the evaluation set)."""

from __future__ import annotations

from datetime import date

import pytest

from polemos.extract.anchoring import Anchors
from polemos.extract.casualties import find_counts
from polemos.extract.lexicon import find_triggers
from polemos.extract.timing import is_reference
from polemos.models import Article, Place
from polemos.nlp.dates import ResolvedDate, find_dates
from polemos.nlp.sentences import split_sentences
from polemos.pipeline import process_article

PUBLISHED = date(2024, 5, 10)  # a Friday


def _events(text: str, published: date = PUBLISHED):
    result = process_article(Article("t", text, published))
    assert result.error is None
    return [c for c in result.candidates if c.is_event], result.candidates


@pytest.mark.parametrize("before,reference", [
    ("The unrest was sparked by the alleged ", True),
    ("residents blocked the road in protest against the ", True),
    ("police arrested 12 people for looting and ", True),
    ("what looked like a reenactment of the 2014 ", True),
    ("authorities have yet to confirm the cause of ", True),
    ("Gunmen ", False),
    ("The army said the RSF carried out ", False),
])
def test_named_only_as_cause_comparison_or_charge(before, reference):
    assert is_reference(before) is reference


def test_adjectival_participle_is_no_trigger():
    words = [h.rule.sub_event_type for h in find_triggers("the city's smashed steel plant")]
    assert "Violent demonstration" not in words
    assert any(h.rule.sub_event_type == "Violent demonstration"
               for h in find_triggers("Rioters smashed windows"))


def test_flash_grenades_are_crowd_control():
    subs = {h.rule.sub_event_type for h in find_triggers("officers fired flash grenades")}
    assert subs == {"Protest with intervention"}


@pytest.mark.parametrize("text,value", [
    ("a local imam was killed", 1),
    ("eight villagers, including three children, had been killed", 8),
])
def test_single_victim_and_apposition_counts(text, value):
    assert find_counts(text, "fatalities")[0].value == value


def test_named_weekday_is_no_date():
    found = find_dates('a "bloody Friday" in the city on September 30', PUBLISHED)
    assert [d.text for d in found] == ["September 30"]


def test_sentences_glued_without_space_are_split():
    texts = [s.text for s in split_sentences("west of the city.Clashes went on. The U.N. said.")]
    assert texts == ["west of the city.", "Clashes went on.", "The U.N. said."]


def test_after_clause_dates_the_earlier_event():
    text = "The order came yesterday after the rebels declared victory in the town."
    dates = find_dates(text, PUBLISHED)
    day, close = Anchors().after_clause(text, text.index("declared"), dates)
    assert (day.day, day.precision, close) == (date(2024, 5, 8), 2, False)
    text = "Hours after the rebels declared victory, shelling hit the town."
    assert Anchors().after_clause(text, text.index("declared"), find_dates(text, PUBLISHED)) == (
        None, True)


def test_anchor_lookup_is_by_family_and_region():
    town = Place(1, "A", "UA", "Region", 48.0, 38.0, "P", "PPL", 100, "UA.14")
    other = Place(2, "B", "UA", "Region", 48.1, 38.1, "P", "PPL", 100, "UA.14")
    elsewhere = Place(3, "C", "UA", "Other", 50.0, 30.0, "P", "PPL", 100, "UA.13")
    anchors = Anchors()
    day = ResolvedDate(date(2024, 5, 8), 2, "before yesterday")
    anchors.add("battle", town, day)
    assert anchors.lookup("battle", other) == day
    assert anchors.lookup("battle", elsewhere) is None
    assert anchors.lookup("remote", other) is None


def test_hours_after_puts_both_events_on_the_anchored_day():
    text = ("Kyiv said its troops withdrew from Lysychansk yesterday after Russian forces "
            "captured the city of Lysychansk.\n\n"
            "Hours after Russian forces captured Lysychansk, Russian shelling of Sloviansk "
            "killed three civilians.")
    events, _ = _events(text)
    shelling = [e for e in events if e.event_type == "Explosions/Remote violence"]
    assert shelling and shelling[0].event_date == date(2024, 5, 8)


def test_forecast_is_kept_as_a_statement_not_an_event():
    events, everything = _events("Russian forces are expected to attack Kharkiv next week.")
    assert not events
    assert all(c.modality == "forecast" for c in everything)


def test_evidence_span_is_the_event_clause():
    text = ("A Russian missile hit a warehouse in Kharkiv on Thursday, exactly a year after an "
            "attack on a market there that killed at least 20.")
    events, _ = _events(text)
    (event,) = events
    span = text[event.evidence.char_start:event.evidence.char_end]
    assert "Kharkiv" in span and "a year after" not in span
    assert event.evidence.sentence == text


def test_clashes_in_a_protest_story_are_a_riot():
    text = ("Thousands of protesters marched in Lima on Thursday against the government.\n\n"
            "Later that day clashes with the police broke out in Lima, leaving two dead.")
    events, _ = _events(text)
    assert {e.event_type for e in events} <= {"Protests", "Riots"}
    assert any(e.event_type == "Riots" for e in events)


def test_passive_victims_are_the_target():
    text = "Eight soldiers were killed in a suicide attack by al-Shabaab in Mogadishu on Thursday."
    events, _ = _events(text)
    (event,) = [e for e in events if e.sub_event_type == "Suicide bomb"]
    assert event.actor1 == "Al Shabaab"
    assert event.actor2 and event.actor2.startswith("Military Forces of Somalia")
