"""Gazetteer sources below cities500 (ZIP towns, airports, bare county names) and hidden names."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from polemos.geo.build import SCHEMA, SCHEMA_VERSION, _name_rows
from polemos.geo.build_sources import (
    KIND_ABBREVIATION,
    KIND_ALTERNATE,
    KIND_DEMONYM,
    KIND_PRIMARY,
    Admin2Points,
    PlaceRow,
    _bare_area_name,
    _first_part,
    _short_town_name,
    _without_article,
    admin2_anchors,
    admin2_rows,
    containing_admin2,
    initials,
    region_point,
    short_region_names,
)
from polemos.geo.extra_sources import (
    AIRPORT_CITY_SHARE,
    _known_points,
    _town_points,
    airport_core,
    airport_names,
    airport_population,
)
from polemos.geo.gazetteer import Gazetteer, get_gazetteer
from polemos.geo.geoparser import Geoparser


def _town(gid: int, name: str, *alternates: str, hidden: bool = False, pop: int = 1000) -> PlaceRow:
    return PlaceRow(gid, name, "US", "US.TX", "Texas", 31.0, -95.0, pop, "P", "PPL",
                    alternate_names=alternates, resolution_only=hidden)


def _names(name: str, city: str) -> list[str]:
    return airport_names(name, city, airport_core(name, city))


def test_airport_short_names() -> None:
    assert _names("London Heathrow Airport", "London") == [
        "London Heathrow Airport", "Heathrow Airport", "Heathrow"]
    assert _names("Amsterdam Airport Schiphol", "Amsterdam")[-1] == "Schiphol"
    assert _names("Washington Dulles International Airport", "Washington")[-1] == "Dulles"
    # nothing but the city and generic words: no short form ('International Airport' would name
    # every such airport, the one of the biggest city first)
    assert _names("Kyiv International Airport", "Kyiv") == ["Kyiv International Airport"]
    assert airport_core("Kyiv International Airport", "Kyiv") is None


def _airport(name: str, city: str, lat: float, lon: float) -> tuple[dict[str, str], list[str]]:
    row = {"name": name, "city": city, "country": "GB", "lat": str(lat), "lon": str(lon)}
    return row, _names(name, city)


def test_an_airport_takes_a_share_of_its_citys_people_unless_named_after_a_town_near_it() -> None:
    places = [
        PlaceRow(1, "London", "GB", None, None, 51.51, -0.13, 8_961_989, "P", "PPLC"),
        PlaceRow(2, "Luton", "GB", None, None, 51.88, -0.42, 225_262, "P", "PPL"),
        PlaceRow(3, "Heathrow", "US", None, None, 28.76, -81.37, 5_896, "P", "PPL"),
    ]
    towns, known = _town_points(places), _known_points(places)
    heathrow = _airport("London Heathrow Airport", "London", 51.47, -0.46)
    assert airport_population(*heathrow, towns, known, set()) == round(
        AIRPORT_CITY_SHARE * 8_961_989)  # Heathrow, Florida is no namesake: 7,000 km away
    # Luton lies 3 km from its airport: the name is the town's
    assert airport_population(*_airport("London Luton Airport", "London", 51.87, -0.37),
                              towns, known, set()) == 0
    # a short name several airports carry ('Downtown') names none of them
    assert airport_population(*heathrow, towns, known, {"heathrow"}) == 0
    # no town of the airport's city within reach: no prior
    assert airport_population(*_airport("Heathrow Airport", "Leeds", 51.47, -0.46),
                              towns, known, set()) == 0


def test_a_big_citys_airport_beats_a_village_of_its_name() -> None:
    parser = Geoparser(get_gazetteer(), ner=False)
    (toponym,) = parser.parse("Flights were cancelled at Heathrow on Monday.")
    assert toponym.place is not None and toponym.place.country == "GB"


def test_region_and_county_short_names() -> None:
    assert short_region_names(["Dagestan, Respublika", "Republic of Dagestan"]) == [
        "Dagestan", "Dagestan"]
    assert short_region_names(["Luhansk Oblast", "Western Province", "Central Region"]) == [
        "Luhansk"]
    assert _bare_area_name("DeKalb County") == ("DeKalb", "DeKalb Co.")
    assert _bare_area_name("Pointe Coupee Parish") == ("Pointe Coupee",)
    assert _bare_area_name("Raion Kyivskyi") == ()
    assert _bare_area_name("Province of Nueva Ecija") == ("Nueva Ecija",)
    assert _bare_area_name("County of Ceredigion") == ("Ceredigion",)


def test_hidden_names_resolve_but_are_not_detectable() -> None:
    county = PlaceRow(-1, "Oconee County", "US", "US.GA", "Georgia", 33.9, -83.5, 30000, "A",
                      "ADM2", hidden_names=("Oconee",))
    names = _name_rows([county, _town(-3_000_001, "Harwinton", hidden=True),
                        _town(10, "Harwinton"), _town(11, "Crescent", "Lake")])
    assert names[("oconee county", -1)] == (KIND_PRIMARY, True)
    assert names[("oconee", -1)] == (KIND_ALTERNATE, False)
    assert names[("harwinton", -3_000_001)] == (KIND_PRIMARY, False)
    assert names[("harwinton", 10)] == (KIND_PRIMARY, True)  # a detectable twin stays detectable


def test_a_hidden_name_never_turns_variant_noise_into_a_place() -> None:
    """'Lake' is only a variant spelling of some town: Lake County's bare name must not join it,
    or the geoparser would report every capitalised 'Lake'."""
    county = PlaceRow(-1, "Lake County", "US", "US.MN", "Minnesota", 47.5, -91.4, 10000, "A",
                      "ADM2", hidden_names=("Lake",))
    names = _name_rows([county, _town(11, "Crescent", "Lake")])
    assert ("lake", -1) not in names
    assert names[("lake", 11)] == (KIND_ALTERNATE, True)


def _tiny_index(path: Path) -> Path:
    connection = sqlite3.connect(path)
    connection.executescript(SCHEMA)
    connection.executemany("INSERT INTO place VALUES (?,?,?,?,?,?,?,?,?,?,?)", [
        (1, "Harwinton", "US", "US.CT", "Connecticut", 41.77, -73.06, 0, "P", "PPL", None),
        (2, "Hartford", "US", "US.CT", "Connecticut", 41.76, -72.68, 120000, "P", "PPL", None),
    ])
    connection.executemany("INSERT INTO name VALUES (?,?,?,?)",
                           [("harwinton", 1, KIND_PRIMARY, 0), ("hartford", 2, KIND_PRIMARY, 1)])
    connection.execute("INSERT INTO meta VALUES ('schema_version', ?)", (str(SCHEMA_VERSION),))
    connection.commit()
    connection.close()
    return path


def test_gazetteer_hides_resolution_only_names_from_detection(tmp_path: Path) -> None:
    gazetteer = Gazetteer(_tiny_index(tmp_path / "g.sqlite"))
    assert gazetteer.has_name("hartford") and not gazetteer.has_name("harwinton")
    assert [p.name for p in gazetteer.lookup("harwinton")] == ["Harwinton"]
    parser = Geoparser(gazetteer, ner=False)
    text = "Harwinton voters met in Hartford on Monday."
    assert [t.text for t in parser.parse(text)] == ["Hartford"]
    (resolution,) = parser.resolve_spans(text, [(0, 9)])
    assert resolution.toponym.place is not None
    assert resolution.toponym.place.name == "Harwinton"


@pytest.mark.parametrize(("name", "kind", "near"), [
    ("harwinton", KIND_PRIMARY, (41.77, -73.06)),        # a ZIP town, not in cities500
    ("abainville", KIND_PRIMARY, (48.53, 5.48)),         # a commune only countrystatecity has
    ("heathrow", KIND_PRIMARY, (51.47, -0.46)),  # London Heathrow Airport: the name it goes by
    ("dagestan", KIND_ALTERNATE, (43.0, 47.0)),          # 'Dagestan, Respublika'
    ("south ossetian", KIND_DEMONYM, (42.3, 44.0)),
    ("palestinian", KIND_DEMONYM, (31.9, 35.2)),
    ("european union", KIND_ALTERNATE, (48.7, 9.1)),  # hidden: at Europe's GeoNames point
    ("ghouta", KIND_ALTERNATE, (33.5, 36.4)),
    ("nueva ecija", KIND_ALTERNATE, (15.58, 121.0)),  # 'Province of Nueva Ecija', hidden
    ("usa", KIND_ABBREVIATION, (39.8, -98.5)),
    ("newcastle", KIND_PRIMARY, (54.97, -1.61)),  # Newcastle upon Tyne's everyday name
    ("herts", KIND_ALTERNATE, (51.8, -0.25)),  # Hertfordshire, hidden
    ("qamishli", KIND_ALTERNATE, (37.05, 41.22)),  # Al Qāmishlī without the article
])
def test_built_index_has_the_new_sources(name: str, kind: int, near: tuple[float, float]) -> None:
    from polemos.geo.geometry import haversine_km

    entries = get_gazetteer().entries(name)
    assert any(k == kind and haversine_km(p.lat, p.lon, *near) < 161 for p, k in entries)


def test_region_point_is_between_the_towns_and_the_reference() -> None:
    towns = [(42.0, -80.0), (46.0, -76.0)]  # town box middle 44, -78
    assert region_point(towns, None) == (44.0, -78.0)
    assert region_point(towns, (50.0, -86.0)) == (47.0, -82.0)
    # a reference on one of the region's big towns marks the town, not the region
    assert region_point(towns, (42.01, -80.0), big_towns=[(42.0, -80.0)]) == (44.0, -78.0)
    lat, lon = region_point([(65.0, 178.0), (67.0, 179.0)], (66.0, -178.0))  # antimeridian
    assert lat == 66.0 and abs(lon + 179.75) < 1e-9  # 178.5 E and 178 W


def test_hidden_names_make_no_new_toponym() -> None:
    """'EU' is a hidden abbreviation of Europe and 'eu' also a French town (detectable, not an
    abbreviation): in running text 'the EU' is no place, as a given span it is Europe."""
    parser = Geoparser(ner=False)
    text = "Ministers of the EU and the European Union met in Brussels. EU leaders agreed."
    assert [t.text for t in parser.parse(text)] == ["Brussels"]
    eu, union = parser.resolve_spans(text, [(17, 19), (28, 42)])
    assert eu.toponym.place is not None and eu.toponym.place.name == "Europe"
    assert union.toponym.place is not None and union.toponym.place.name == "Europe"


def test_a_short_upper_case_word_opening_a_sentence_is_a_town_only_in_a_dateline() -> None:
    parser = Geoparser(ner=False)
    assert [t.text for t in parser.parse("EU leaders met on Monday.")] == []
    assert [t.text for t in parser.parse("ROME, May 3 - The pope spoke.")] == ["ROME"]
    assert [t.text for t in parser.parse("GAZA — Strikes hit the city.")] == ["GAZA"]
    # a direction word the name sheds ('WEST' of no place 'West Eu') took the sentence start
    # with it: the bare 'EU' opens no dateline
    assert [t.text for t in parser.parse("WEST EU: leaders met.")] == []


def test_hidden_abbreviations_stay_beside_a_detectable_name() -> None:
    union = PlaceRow(1, "Europe", None, None, None, 48.7, 9.1, 0, "L", "CONT",
                     hidden_names=("European Union",), hidden_abbreviations=("EU", "EEA"))
    names = _name_rows([union, _town(2, "Eu")])
    assert names[("eu", 1)] == (KIND_ABBREVIATION, False)
    assert names[("eea", 1)] == (KIND_ABBREVIATION, False)


def test_a_killed_builders_half_built_index_is_removed_a_running_ones_kept(
        tmp_path: Path) -> None:
    import os
    import subprocess
    import sys

    from polemos.geo.build import _remove_abandoned_builds

    dead = subprocess.Popen([sys.executable, "-c", "pass"])
    dead.wait()
    target = tmp_path / "gazetteer.sqlite"
    abandoned = tmp_path / f"gazetteer.tmp{dead.pid}"
    running = tmp_path / f"gazetteer.tmp{os.getpid()}"
    for path in (abandoned, running):
        path.write_bytes(b"half")
    _remove_abandoned_builds(target)
    assert not abandoned.exists()
    assert running.exists()


def test_a_town_lies_in_the_adm2_area_of_the_nearest_cities1000_point_of_its_region() -> None:
    anchors = [("US.TX", 31.00, -95.00, -7), ("US.TX", 31.50, -95.00, -8),
               ("US.LA", 31.02, -95.00, -9)]  # nearer, but another state's
    near = _town(1, "Grapeland")  # at 31.0, -95.0: on the first anchor
    drifted = PlaceRow(2, "Lovelady", "US", "US.TX", "Texas", 31.40, -95.0, 0, "P", "PPL")
    remote = PlaceRow(3, "Far", "US", "US.TX", "Texas", 32.50, -95.0, 0, "P", "PPL")
    county = PlaceRow(-7, "Houston County", "US", "US.TX", "Texas", 31.0, -95.0, 0, "A", "ADM2")
    found = containing_admin2([near, drifted, remote, county], anchors)
    # 11 km from the second point, 44 km from the first; nothing within CONTAINED_KM of 'Far';
    # areas lie in no area
    assert found == {1: -7, 2: -8}


def test_adm2_areas_and_their_anchors_come_from_the_same_points() -> None:
    from collections import Counter

    grapeland = _town(1, "Grapeland")
    points = [(("US", "Texas"), "Houston County", 31.0, -95.0),  # Grapeland's point
              (("US", "Texas"), "Houston County", 31.3, -95.4),  # a town cities500 lacks
              (("US", "Nowhere"), "Other County", 40.0, -90.0)]  # a region no town matched
    admin2 = Admin2Points(points, {("US.TX", "Houston County"): [grapeland]},
                          {("US", "Texas"): Counter({"US.TX": 1})},
                          {("US.TX", "Houston County"): -1})
    (row,) = admin2_rows(admin2)
    assert (row.geonameid, row.name, row.admin1_code, row.feature_code) == (
        -1, "Houston County", "US.TX", "ADM2")
    assert admin2_anchors(admin2) == [("US.TX", 31.0, -95.0, -1), ("US.TX", 31.3, -95.4, -1)]


@pytest.mark.parametrize(("town", "state", "county"), [
    ("paris", "Tennessee", "Henry County"),
    ("huntsville", "Texas", "Walker County"),
    ("harwinton", "Connecticut", "Litchfield County"),  # a ZIP town, resolution only
])
def test_built_index_puts_towns_in_their_county(town: str, state: str, county: str) -> None:
    gazetteer = get_gazetteer()
    place = next(p for p in gazetteer.lookup(town) if p.admin1 == state and
                 p.feature_class == "P")
    area = gazetteer.place(place.admin2_id) if place.admin2_id is not None else None
    assert area is not None and area.name == county and area.feature_code == "ADM2"
    assert area.admin1_code == place.admin1_code


def test_a_town_on_a_river_or_the_sea_goes_by_its_first_part() -> None:
    """'Newcastle upon Tyne' is 'Newcastle' in everyday English; GeoNames lists only 'Newcastle
    on Tyne', and the other GB town named Newcastle must not take the short name away as a
    borrowed variant (`_drop_borrowed_names`)."""
    assert _short_town_name("Newcastle upon Tyne") == ("Newcastle",)
    assert _short_town_name("Stoke-on-Trent") == ("Stoke",)
    assert _short_town_name("Weston-super-Mare") == ("Weston",)
    assert _short_town_name("Frankfurt am Main") == ()
    assert _short_town_name("Ho Chi Minh City") == ()
    tyne = PlaceRow(1, "Newcastle upon Tyne", "GB", "GB.ENG", "England", 55.0, -1.6, 300000, "P",
                    "PPL", alternate_names=("Newcastle on Tyne",), short_names=("Newcastle",))
    down = PlaceRow(2, "Newcastle", "GB", "GB.NIR", "Northern Ireland", 54.2, -5.9, 7000, "P",
                    "PPL")
    names = _name_rows([tyne, down])
    assert names[("newcastle", 1)] == (KIND_PRIMARY, True)
    assert names[("newcastle", 2)] == (KIND_PRIMARY, True)


def test_a_towns_variant_naming_another_region_of_its_country_is_dropped() -> None:
    """GeoNames gives Clinton, Wisconsin the variant 'New York'; a region's seat named after it
    ('Kratié', 'Kracheh' in Kracheh province) keeps the region's name."""
    state = PlaceRow(5128638, "New York", "US", "US.NY", "New York", 43.0, -75.5, 19_000_000,
                     "A", "ADM1")
    clinton = PlaceRow(20, "Clinton", "US", "US.WI", "Wisconsin", 42.56, -88.86, 2140, "P", "PPL",
                       alternate_names=("New York",))
    province = PlaceRow(1830937, "Kracheh", "KH", "KH.09", "Kracheh", 12.5, 106.0, 300_000, "A",
                        "ADM1")
    seat = PlaceRow(21, "Kratié", "KH", "KH.09", "Kracheh", 12.49, 106.02, 19975, "P", "PPL",
                    alternate_names=("Kracheh",))
    names = _name_rows([state, clinton, province, seat])
    assert ("new york", 20) not in names and ("new york", 5128638) in names
    assert names[("kracheh", 21)] == (KIND_ALTERNATE, True)


def test_a_countrys_name_is_not_its_capitals_variant() -> None:
    """GeoNames lists 'Mexico' among Mexico City's variants; in English the bare name is the
    country ('MEXICO CITY (AP) Mexico's Senate...')."""
    country = PlaceRow(3996063, "Mexico", "MX", None, None, 23.0, -102.0, 126_000_000, "A", "PCLI")
    city = PlaceRow(3530597, "Mexico City", "MX", "MX.09", "Mexico City", 19.43, -99.13,
                    12_000_000, "P", "PPLC", alternate_names=("Mexico", "Ciudad de Mexico"))
    names = _name_rows([country, city])
    assert ("mexico", 3530597) not in names and ("ciudad de mexico", 3530597) in names
    assert names[("mexico", 3996063)] == (KIND_PRIMARY, True)


def test_a_countrys_initials_read_a_given_span_only() -> None:
    assert initials("South Africa") == ("SA",)
    assert initials("Democratic Republic of the Congo") == ("DRC",)
    assert initials("Trinidad and Tobago") == ("TT", "T&T")
    assert initials("Guinea-Bissau") == () and initials("Czechia") == ()
    parser = Geoparser(ner=False)
    text = "Mining in SA matters to millions of South Africans. T&T missed the meeting."
    sa, tt = parser.resolve_spans(text, [(10, 12), (text.index("T&T"), text.index("T&T") + 3)])
    assert sa.toponym.place is not None and sa.toponym.place.country == "ZA"
    assert tt.toponym.place is not None and tt.toponym.place.country == "TT"
    assert not {"SA", "T&T"} & {t.text for t in parser.parse(text)}


def test_an_arab_towns_name_without_the_article() -> None:
    assert _without_article("Al Qāmishlī", "SY") == ("Qāmishlī",)
    assert _without_article("Ash Shaykh Miskīn", "SY") == ("Shaykh Miskīn",)
    assert _without_article("El Paso", "US") == ()  # Spanish, not Arabic
    assert _without_article("Al Bāb", "SY") == ()  # too short a rest: 'Bab'


def test_a_country_of_two_lands_goes_by_the_first() -> None:
    assert _first_part("Bosnia and Herzegovina") == ("Bosnia",)
    assert _first_part("Saint Vincent and the Grenadines") == ("Saint Vincent",)
    assert _first_part("Turks and Caicos Islands") == ()  # a plural people, not a land
    assert _first_part("Papua New Guinea") == ()
    places = {t.text: t.place for t in Geoparser(ner=False).parse(
        "Troops from Bosnia and officials of the ministry in Trinidad met.")}
    assert places["Bosnia"] is not None and places["Bosnia"].country == "BA"
    assert places["Trinidad"] is not None and places["Trinidad"].feature_code == "PCLI"
