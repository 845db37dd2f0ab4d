"""Direction and part words before a place name ('North London', 'Western Kenya'): the mention
covers the whole span and means the place after the prefix, unless the whole span is a gazetteer
name of its own ('North Darfur'), which the longest match keeps."""

from __future__ import annotations

import pytest

from polemos.geo.detect import detect_candidates, without_lead
from polemos.geo.geoparser import Geoparser
from polemos.models import Toponym

KNOWN = {"london", "los angeles", "north darfur", "darfur", "north east", "texas", "west africa",
         "africa", "west columbia", "columbia city", "columbia"}


def _spans(text: str) -> list[tuple[str, str]]:
    return [(c.text, c.key) for c in detect_candidates(text, KNOWN.__contains__)]


def test_prefix_joins_a_name_it_does_not_belong_to() -> None:
    assert _spans("Riots in South Los Angeles and North London.") == [
        ("South Los Angeles", "los angeles"), ("North London", "london")]


def test_a_whole_name_keeps_its_direction_word() -> None:
    assert _spans("Fighting in North Darfur.") == [("North Darfur", "north darfur")]


def test_two_direction_words_and_a_direction_only_name() -> None:
    # 'North East' is a town's name, but before 'Texas' it is a direction.
    assert _spans("Storms hit North-East Texas.") == [("North-East Texas", "texas")]
    assert _spans("Storms hit North East.") == [("North East", "north east")]
    # On a tie the shorter prefix wins: 'West Africa' is a name.
    assert _spans("Trade in South West Africa.") == [("South West Africa", "west africa")]


def test_a_real_name_is_not_split_by_a_longer_tail() -> None:
    assert _spans("West Columbia City Council met.") == [("West Columbia", "west columbia")]


def test_lower_case_directions_stay_outside_the_mention() -> None:
    assert _spans("Strikes in northern London.") == [("London", "london")]


def test_without_lead_gives_the_name_alone() -> None:
    text = "Rain in North London."
    (candidate,) = detect_candidates(text, KNOWN.__contains__)
    alone = without_lead(candidate)
    assert (alone.start, alone.end, alone.text, alone.lead) == (14, 20, "London", 0)
    assert text[alone.start : alone.end] == "London"


@pytest.fixture(scope="module")
def parser() -> Geoparser:
    return Geoparser()


def _found(parser: Geoparser, text: str) -> dict[str, Toponym]:
    return {t.text: t for t in parser.parse(text)}


def test_parts_of_places_resolve_to_the_place(parser: Geoparser) -> None:
    text = ("Shelling hit Central Kharkiv as floods struck Western Kenya; police in North London "
            "and Greater Manchester made arrests, and aid reached North-East Nigeria.")
    found = _found(parser, text)
    expected = {"Central Kharkiv": ("Kharkiv", "UA"), "Western Kenya": ("Kenya", "KE"),
                "North London": ("London", "GB"), "Greater Manchester": ("Manchester", "GB"),
                "North-East Nigeria": ("Nigeria", "NG")}
    for span, (name, country) in expected.items():
        place = found[span].place
        assert place is not None and (place.name, place.country) == (name, country), span
    for span, toponym in found.items():
        assert text[toponym.start : toponym.end] == span


def test_names_starting_with_direction_words_resolve_to_themselves(parser: Geoparser) -> None:
    text = ("Fighting in North Darfur and South Sudan spread; raids in the West Bank, North "
            "Carolina and East Timor followed.")
    found = _found(parser, text)
    codes = {span: (t.place.country, t.place.feature_code) for span, t in found.items()
             if t.place is not None}
    assert codes["North Darfur"] == ("SD", "ADM1")
    assert codes["South Sudan"] == ("SS", "PCLI")
    assert codes["West Bank"][0] == "PS"
    assert codes["North Carolina"] == ("US", "ADM1")
    assert codes["East Timor"] == ("TL", "PCLI")


def test_small_towns_and_demonyms_keep_the_prefix_out(parser: Geoparser) -> None:
    # A small town's 'West X' is no part of it ('West Wing' is no place at all), and a direction
    # before a demonym names another people: the prefix stays out of the mention.
    found = {t.text: t.place for t in Geoparser(include_demonyms=True).parse(
        "Western Ukrainian and Central American migrants reached the border.")}
    assert "Western Ukrainian" not in found and found["Ukrainian"].country == "UA"
    # a region's own adjective is a name of its own, not a direction before 'American'
    assert found["Central American"].name == "Central America"
    assert all(not t.text.startswith("West ") for t in parser.parse(
        "Aides in the West Wing of the White House said so."))
