"""Telephone area codes as a locality hint (`polemos.geo.phones`), against the real index."""

from __future__ import annotations

import pytest

from polemos.geo.gazetteer import get_gazetteer
from polemos.geo.geoparser import Geoparser
from polemos.geo.hints import Hints, combined
from polemos.geo.phones import area_codes, phone_hint


@pytest.fixture(scope="module")
def parser() -> Geoparser:
    return Geoparser(ner=False)


def test_area_codes_of_the_forms_news_prints() -> None:
    text = ("Call (952) 445-1422, 860-555-1234 or 1-612.555.0100; +1 (218) 555-0199. "
            "Toll-free 1-800-555-1212.")
    assert area_codes(text) == ["952", "860", "612", "218", "800"]


@pytest.mark.parametrize("text", [
    "the 2011-2012 season", "a local number, 555-1234", "ISBN 978-3-16-148410-0",
    "order 123-456-7890",  # no area code starts with 1
    "serial 952-445-14220", "ref. A952-445-1422", "952-445.1422 mixed separators",
])
def test_no_area_code(text: str) -> None:
    assert area_codes(text) == []


def test_area_codes_name_their_state() -> None:
    gazetteer = get_gazetteer()
    assert gazetteer.area_code_region("952").name == "Minnesota"
    assert gazetteer.area_code_region("860").name == "Connecticut"
    assert gazetteer.area_code_region("800") is None  # toll-free: no state
    assert gazetteer.area_code_region("819") is None  # Quebec's, on a few Vermont ZIPs only


def test_phone_hint_lists_each_region_once() -> None:
    hint = phone_hint("Call 952-445-1422 or (952) 445-1000, or 860-555-1234.", get_gazetteer())
    assert hint is not None
    assert [key for key, _ in hint.context()] == ["minnesota", "connecticut"]
    assert phone_hint("No numbers here, only 1-800-555-1212.", get_gazetteer()) is None


def test_combined_hints() -> None:
    one = phone_hint("Call 952-445-1422.", get_gazetteer())
    two = phone_hint("Call 860-555-1234.", get_gazetteer())
    assert combined(None, None) is None
    assert combined(one, None) is one
    both = combined(one, two)
    assert isinstance(both, Hints)
    assert [key for key, _ in both.context()] == ["minnesota", "connecticut"]


def _places(parser: Geoparser, text: str) -> list[tuple[str, str | None, str | None]]:
    return [(t.text, t.place.admin1 if t.place else None, t.place.country if t.place else None)
            for t in parser.parse(text)]


def test_a_local_story_is_placed_by_its_phone_numbers(parser: Geoparser) -> None:
    story = ("Jordan school board members met Tuesday to discuss the budget of the Jordan "
             "middle school.")
    assert _places(parser, story)[0][2] == "JO"  # nothing else says where it is
    placed = _places(parser, story + " For details call the district office at (952) 445-1422.")
    assert placed == [("Jordan", "Minnesota", "US")] * 2
    town = "Rocky Hill officials approved a new library plan on Monday."
    assert _places(parser, town + " Questions: call Town Hall at 860-258-2700.") == [
        ("Rocky Hill", "Connecticut", "US")]


def test_a_number_is_no_toponym(parser: Geoparser) -> None:
    assert parser.parse("For tickets call 952-445-1422.") == []
