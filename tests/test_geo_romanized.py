"""Romanisation-blind names (`names.romanized_key`, the gazetteer's `romanized` table)."""

from __future__ import annotations

import pytest

from polemos.geo.gazetteer import get_gazetteer
from polemos.geo.geoparser import Geoparser
from polemos.geo.names import fold, romanized_key


@pytest.mark.parametrize(("one", "other"), [
    ("Zaporizhzhia", "Zaporozhye"), ("Zaporizhia", "Zaporizhzhya"), ("Sloviansk", "Slavyansk"),
    ("Sievierodonetsk", "Severodonetsk"), ("Kharkiv", "Kharkov"), ("Luhansk", "Lugansk"),
    ("Chernihiv", "Chernigov"), ("Horlivka", "Gorlovka"), ("Yenakiieve", "Enakievo"),
    ("Ras al-Ain", "Raʼs al ʻAyn"), ("Maarat al-Numan", "Maʻarrat an Nuʻmān"),
    ("Jisr al-Shughur", "Jisr ash Shughūr"), ("Deir al-Balah", "Dayr al Balaḩ"),
    ("Hodeidah", "Al Ḩudaydah"), ("Mosul", "Al Mawşil"), ("Gaza", "Ghazzah"),
    ("Khan Younis", "Khān Yūnis"), ("Kandahar", "Qandahar"), ("Odesa", "Odessa"),
])
def test_romanisations_share_a_key(one: str, other: str) -> None:
    assert romanized_key(fold(one)) == romanized_key(fold(other))


@pytest.mark.parametrize(("one", "other"), [
    ("Paris", "Peru"), ("Mirny", "Marion"), ("Gaza", "Gori"), ("Homs", "Hama")])
def test_different_names_keep_different_keys(one: str, other: str) -> None:
    assert romanized_key(fold(one)) != romanized_key(fold(other))


def test_the_index_lists_towns_under_their_romanised_names() -> None:
    places = [place for place, _ in get_gazetteer().romanized("jisr al-shughur")]
    assert places and places[0].country == "SY"


@pytest.mark.parametrize(("name", "country"), [
    ("Deir al-Balah", "PS"), ("Jisr al-Shughur", "SY")])
def test_a_name_geonames_spells_otherwise_is_found(name: str, country: str) -> None:
    found = [t for t in Geoparser(ner=False).parse(f"Airstrikes hit {name} on Monday.")
             if t.text == name]
    assert found and found[0].place is not None and found[0].place.country == country


@pytest.mark.parametrize("text", [
    "Police said Billy Angels of the Ismaili community met on Monday.",  # not Ismailia
    "Les Bellah performed on Monday."])
def test_english_words_are_not_read_as_romanisations(text: str) -> None:
    parsed = Geoparser(ner=False).parse(text)
    assert all(t.place is None or t.place.country not in {"EG", "SY", "IQ", "PS", "YE"}
               for t in parsed), [(t.text, t.place) for t in parsed]


@pytest.mark.parametrize(("name", "town"), [
    ("Vinnitsa", "Vinnytsya"),  # the airport's city, in its Russian form
    ("Hodeidah", "Al Ḩudaydah"),  # the airport's own name: its city is written 'Hodeida'
])
def test_an_airport_gives_its_town_an_english_spelling(name: str, town: str) -> None:
    """Spellings of a town's name that GeoNames lacks and an airport serving it writes
    (`extra_sources.airport_city_spellings`)."""
    found = [t for t in Geoparser(ner=False).parse(f"Missiles struck {name} overnight.")
             if t.text == name]
    assert found and found[0].place is not None and found[0].place.name == town
