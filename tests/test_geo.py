"""Geoparser behaviour on hand-written sentences (no third-party text), against the real index."""

from __future__ import annotations

import numpy as np
import pytest

from polemos.geo.build_sources import KIND_ALTERNATE, KIND_PRIMARY
from polemos.geo.detect import span_candidate
from polemos.geo.features import FEATURES, DocContext, PickContext, static_features
from polemos.geo.gazetteer import get_gazetteer
from polemos.geo.geometry import haversine_km
from polemos.geo.geoparser import Geoparser
from polemos.geo.names import fold
from polemos.geo.person_names import speakers
from polemos.geo.resolve import DocumentFeatures, first_guesses
from polemos.models import Place


@pytest.fixture(scope="module")
def parser() -> Geoparser:
    return Geoparser()


def _places(parser: Geoparser, text: str) -> dict[str, tuple]:
    return {
        t.text: (t.place.name, t.place.country, t.place.feature_code) if t.place else None
        for t in parser.parse(text)
    }


def test_offsets_point_into_text(parser: Geoparser) -> None:
    text = "Shelling hit Kharkiv and Kramatorsk on Monday, officials in Kyiv said."
    toponyms = parser.parse(text)
    assert [t.text for t in toponyms] == ["Kharkiv", "Kramatorsk", "Kyiv"]
    for t in toponyms:
        assert text[t.start : t.end] == t.text
        assert 0.0 <= t.score <= 1.0
        assert t.place is not None and t.place.country == "UA"


@pytest.mark.parametrize(
    "variants",
    [("Slovyansk", "Sloviansk", "Slavyansk"),
     ("Sievierodonetsk", "Severodonetsk"),
     ("Kyiv", "Kiev"), ("Kharkiv", "Kharkov"),
     ("Zaporizhzhia", "Zaporizhzhya")],  # not the village called Zaporizhzhia
)
def test_transliteration_variants_resolve_to_one_town(parser: Geoparser, variants) -> None:
    ids = set()
    for name in variants:
        toponyms = parser.parse(f"Russian forces shelled {name} in eastern Ukraine overnight.")
        found = [t for t in toponyms if t.text == name]
        assert found and found[0].place is not None, name
        ids.add(found[0].place.geonameid)
    assert len(ids) == 1, variants


@pytest.mark.parametrize(("name", "country"), [
    ("Deir ez-Zor", "SY"), ("Dar es Salaam", "TZ"), ("Sharm el-Sheikh", "EG"),
    ("Zaporizhzhia", "UA")])
def test_arabic_articles_and_a_citys_own_spelling(parser: Geoparser, name: str,
                                                  country: str) -> None:
    """The assimilated Arabic article ('ez-', 'es') is part of the name, and a city keeps its
    English spelling that a village has as its primary name; the city, not its region."""
    found = [t for t in parser.parse(f"Shelling hit {name} on Monday.") if t.text == name]
    assert found and found[0].place is not None, name
    assert found[0].place.country == country and found[0].place.feature_class == "P"


def test_big_city_beats_its_region_and_abbreviation_beats_villages(parser: Geoparser) -> None:
    places = _places(parser, "Talks in Moscow ended. The UK and the U.S. sent envoys.")
    assert places["Moscow"][2] in ("PPLC", "PPL")
    assert places["UK"][1] == "GB" and places["UK"][2] == "PCLI"
    assert places["U.S."][1] == "US"


def test_common_words_and_people_are_not_toponyms(parser: Geoparser) -> None:
    text = ("In March the Media office said President Vladimir Putin met Alexander. "
            "Western drones hit a depot, the drone unit said.")
    assert [t.text for t in parser.parse(text)] == []


def test_acronym_is_no_lower_case_word(parser: Geoparser) -> None:
    """'US' is the country though the text also writes 'us': an upper-case acronym matches
    abbreviations only, so its lower-case letters are another word."""
    text = "The US policy puzzles us, said the envoy in Cairo."
    assert _places(parser, text)["US"][2] == "PCLI"


def test_the_city_is_the_common_word(parser: Geoparser) -> None:
    """'The City Council' (GeoNames lists 'The City' among Oakville's names) is the word
    'city' with its article: a word the text writes in lower case is no place."""
    text = "The City Council of Paris met. The city will vote in Paris, France."
    assert "The City" not in _places(parser, text)


def test_a_saints_possessive_names_his_church(parser: Geoparser) -> None:
    """'St. John's Lutheran School' is the saint's school, not a village called after him;
    'St. Petersburg's Pulkovo Airport' is the city's."""
    found = _places(parser, "Pupils at St. John's Lutheran School in Lombard, Illinois. "
                            "Flights left St. Petersburg's Pulkovo Airport.")
    assert "St. John" not in found and "Lombard" in found
    assert found["St. Petersburg"][1] == "RU"


def test_names_joined_by_an_ampersand_are_a_firm(parser: Geoparser) -> None:
    """'Stevens & Wilkinson' (two surnames that are towns) and 'Texas Parks & Wildlife' are
    bodies; 'Trinidad & Tobago' are islands."""
    found = _places(parser, "Columbia owes the firm Stevens & Wilkinson money, a Texas Parks & "
                            "Wildlife warden said. Trinidad & Tobago won.")
    assert "Stevens" not in found and "Wilkinson" not in found and "Parks" not in found
    assert "Texas" in found and "Trinidad" in found


def test_a_small_town_after_a_year_is_a_make_or_an_event(parser: Geoparser) -> None:
    """'a 2001 Cadillac', 'the 2007 Spring Elections' are no towns; 'the 2016 Iowa caucuses'
    is the state's."""
    found = _places(parser, "Police stopped a 2001 Cadillac near Austin, Texas, before the "
                            "2007 Spring Elections and the 2016 Iowa caucuses.")
    assert "Cadillac" not in found and "Spring" not in found
    assert found["Iowa"][2] == "ADM1" and "Austin" in found


def test_a_town_hyphened_to_an_unknown_word_is_a_name(parser: Geoparser) -> None:
    """"Macy-O’Toole" is a double surname and the 'Star-Advertiser' a paper; 'Egypt-US' are
    two places."""
    found = _places(parser, "Macy-O’Toole sailed from Honolulu, the Star-Advertiser said, "
                            "as Egypt-US talks went on.")
    assert "Macy" not in found and "Star" not in found
    assert "Egypt" in found and "Honolulu" in found


def test_a_small_town_before_a_bodys_word_is_the_body(parser: Geoparser) -> None:
    """'Lipscomb University', 'Landmark Bank', 'Chapman University' are bodies named after a
    person or a word; 'Cambridge University' and 'Malaysia Airlines' keep their places."""
    found = _places(parser, "A Lipscomb University student banks at Landmark Bank in "
                            "Nashville, Tennessee, and studied at Cambridge University.")
    assert "Lipscomb" not in found and "Landmark" not in found
    assert "Nashville" in found and "Cambridge" in found


def test_a_small_town_before_a_direction_is_a_schools_name(parser: Geoparser) -> None:
    """'the Scott West Panthers' (a school), 'Valley West Community Hospital'; 'the Canada
    West Foundation' keeps its country."""
    found = _places(parser, "The Scott West Panthers beat Delano, Minnesota, near the Canada "
                            "West Foundation.")
    assert "Scott" not in found and "Delano" in found and found["Canada"][2] == "PCLI"


def test_demonyms_only_on_request() -> None:
    text = "Ukrainian troops advanced near Bakhmut."
    plain = [t.text for t in Geoparser().parse(text)]
    assert "Ukrainian" not in plain and "Bakhmut" in plain
    with_demonyms = {t.text: t for t in Geoparser(include_demonyms=True).parse(text)}
    assert with_demonyms["Ukrainian"].place.feature_code == "PCLI"
    assert with_demonyms["Ukrainian"].place.country == "UA"


def test_region_word_selects_the_region(parser: Geoparser) -> None:
    toponyms = parser.parse("Fighting continued in the Luhansk region and in Donetsk oblast.")
    codes = {t.text: t.place.feature_code for t in toponyms if t.place}
    assert codes == {"Luhansk": "ADM1", "Donetsk": "ADM1"}


def test_context_pulls_ambiguous_names_to_the_document_country(parser: Geoparser) -> None:
    text = ("A fire broke out in Paris, Texas, on Tuesday. Firefighters from Dallas "
            "and Sherman helped.")
    paris = next(t for t in parser.parse(text) if t.text == "Paris")
    assert paris.place.country == "US"


def test_resolve_spans_returns_one_resolution_per_span(parser: Geoparser) -> None:
    text = "British and French officials met in Germany."
    spans = [(0, 7), (12, 18), (36, 43)]
    resolutions = parser.resolve_spans(text, spans)
    assert [(r.toponym.start, r.toponym.end) for r in resolutions] == spans
    assert [r.toponym.place.country for r in resolutions] == ["GB", "FR", "DE"]


def test_names_never_reported_are_no_context(parser: Geoparser) -> None:
    text = ("The Highway Patrol said Sgt. Kyle Smith led the patrol near Dublin.")
    start = text.index("Dublin")
    candidates, _ = parser.mentions_in_context(text, [span_candidate(text, start, start + 6)])
    found = {c.text for c in candidates}
    assert "Dublin" in found
    assert not found & {"Patrol", "Kyle"}  # lower case elsewhere; after a title


def test_a_streets_name_is_no_context(parser: Geoparser) -> None:
    """'Memphis St.' and 'Augusta Street' name streets, not Memphis or Augusta: as context they
    pulled the article's Alexandria (Louisiana) away. A name that stands alone ('to Memphis')
    still counts, and so does a road's ('Hertford Road' leads to Hertford)."""
    text = ("Warden, 44, of 2517 Memphis St., Alexandria, and Williams of 420 Augusta Street, "
            "Alexandria, were charged. She lived on Gladstone Avenue in Alexandria.")
    start = text.index("Alexandria")
    given = [span_candidate(text, start, start + len("Alexandria"))]
    found = {c.text for c in parser.mentions_in_context(text, given)[0]}
    assert "Alexandria" in found
    assert not found & {"Memphis", "Augusta", "Gladstone"}
    detected = {c.text for c in parser.mentions_in_context(text)[0]}
    assert not detected & {"Memphis", "Augusta", "Gladstone"}
    text = "Warden, 44, moved to Memphis from Alexandria on Hertford Road."
    assert {"Memphis", "Hertford"} <= {c.text for c in parser.mentions_in_context(text)[0]}


def test_a_persons_name_is_no_context_for_given_spans(parser: Geoparser) -> None:
    """'Scott Miller' (Scott, a small town or county in many states) beside a given 'Grant
    County' is a person, and so is his lone 'Scott' later."""
    text = ("Grant County schools met. Scott Miller, the chairman, spoke. Scott said no. "
            "The meeting was in Scott.")
    start = text.index("Grant County")
    given = [span_candidate(text, start, start + len("Grant County"))]
    candidates, _ = parser.mentions_in_context(text, given)
    assert [c.text for c in candidates] == ["Grant County"]
    # end to end (no given spans) NER decides instead
    assert "Scott" in {c.text for c in parser.mentions_in_context(text)[0]}


def test_the_and_a_common_noun_is_no_place(parser: Geoparser) -> None:
    text = "MANSFIELD — The City Council approved the city budget on Monday."
    assert "The City" not in {t.text for t in parser.parse(text)}
    assert "The City" not in {c.text for c in parser.mentions_in_context(text)[0]}


def test_unknown_names_stay_unresolved(parser: Geoparser) -> None:
    resolution = parser.resolve_spans("They reached Qwxzyville at dawn.", [(13, 24)])[0]
    assert resolution.toponym.place is None and resolution.candidates == ()


def test_country_points_are_geonames_style() -> None:
    gazetteer = get_gazetteer()
    germany = next(p for p in gazetteer.lookup("germany") if p.feature_code == "PCLI")
    assert haversine_km(germany.lat, germany.lon, 51.5, 10.5) < 50
    assert fold("Slov’yansk") == "slovyansk"
    assert gazetteer.country_iso3("UA") == "UKR" and gazetteer.country_name("UA") == "Ukraine"


def test_region_abbreviations_need_their_dot_or_a_town(parser: Geoparser) -> None:
    found = _places(parser, "A storm hit Dublin, Ga., and Macon, GA, on Monday.")
    assert found["Ga"] == ("Georgia", "US", "ADM1")
    assert found["GA"] == ("Georgia", "US", "ADM1")
    assert found["Dublin"][1] == "US" and found["Macon"][1] == "US"
    # without a dot or a town before it, the word is no state
    assert "Miss" not in _places(parser, "Miss Jones thanked the crowd in Atlanta.")


def test_a_big_citys_dotted_short_form_is_the_city(parser: Geoparser) -> None:
    """'L.A.' is Los Angeles (a dotted alternate name of a city of millions); dotted acronyms
    of bodies ('U.N.', 'F.B.I.') stay no place."""
    found = _places(parser, "L.A. police said the U.N. and F.B.I. agents met on Monday.")
    assert found["L.A."][:2] == ("Los Angeles", "US")
    assert set(found) == {"L.A."}


def test_co_mentioned_names_support_each_other(parser: Geoparser) -> None:
    text = "Residents of Paris and Henry County met on Monday."
    found = _places(parser, text)
    assert found["Paris"][1] == "US"


def test_a_town_and_its_county_resolve_as_a_pair(parser: Geoparser) -> None:
    """Each name alone has a more populous namesake (Paris, Kentucky; Henry County, Georgia;
    Athens, Alabama), and the 161-km support fires for other pairs too: the town inside the
    county decides."""
    found = {t.text: t.place for t in parser.parse(
        "Residents of Paris and Henry County met on Monday.") if t.place}
    assert (found["Paris"].admin1, found["Henry County"].admin1) == ("Tennessee", "Tennessee")
    assert found["Paris"].admin2_id == found["Henry County"].geonameid
    found = {t.text: t.place for t in parser.parse(
        "Athens police and the Henderson County sheriff searched the lake.") if t.place}
    assert (found["Athens"].admin1, found["Henderson County"].admin1) == ("Texas", "Texas")


def test_contains_marks_a_town_inside_a_written_out_county_and_the_county() -> None:
    text = "Paris and Henry County and Boone"
    county = _place("Henry County", "US", "ADM2", 30_000, 36.3, -88.3, -5)
    other_county = _place("Henry County", "US", "ADM2", 200_000, 33.4, -84.1, -6)
    bare = _place("Boone County", "US", "ADM2", 60_000, 38.9, -92.3, -7)
    inside = Place(1, "Paris", "US", None, 36.3, -88.3, "P", "PPL", 10_000, "US.01", -5)
    elsewhere = Place(2, "Paris", "US", None, 38.2, -84.2, "P", "PPL", 9_000, "US.01", -9)
    in_bare = Place(3, "Paris", "US", None, 39.4, -92.0, "P", "PPL", 1_000, "US.01", -7)
    entries = [[(inside, KIND_PRIMARY), (elsewhere, KIND_PRIMARY), (in_bare, KIND_PRIMARY)],
               [(other_county, KIND_PRIMARY), (county, KIND_PRIMARY)],
               [(bare, KIND_ALTERNATE)]]
    candidates = [span_candidate(text, 0, 5), span_candidate(text, 10, 22),
                  span_candidate(text, 27, 32)]
    context = DocContext.build(entries, candidates)
    rows = [(i, entry) for i, options in enumerate(entries) for entry in options]
    hits = context.contains(np.array([i for i, _ in rows]), [entry for _, entry in rows])
    # the Paris inside the Henry County named, and that county; not the Paris beside 'Boone',
    # a county's bare name (or a state's, or a surname), nor the bare-named county itself
    assert hits.tolist() == [1.0, 0.0, 0.0, 0.0, 1.0, 0.0]
    # a name's own candidates are never its context
    alone = DocContext.build([entries[0] + entries[1]], candidates[:1])
    assert not alone.contains(np.zeros(5, dtype=int), entries[0] + entries[1]).any()


def test_two_districts_of_one_city_resolve_together(parser: Geoparser) -> None:
    """Each name alone means a bigger namesake abroad (Richmond, Virginia; Woolwich, Maine);
    named together, the two neighbouring districts of London (`support_close`)."""
    for text in ("Police in Richmond and Twickenham closed the roads on Monday.",
                 "The ferry runs between Woolwich and Greenwich every hour."):
        found = {t.text: t.place for t in parser.parse(text) if t.place}
        assert len(found) == 2 and {p.country for p in found.values()} == {"GB"}
        first, second = found.values()
        assert haversine_km(first.lat, first.lon, second.lat, second.lon) < 20


def test_support_close_counts_names_with_a_candidate_nearby() -> None:
    text = "Northam and Southby"
    near = Place(1, "Northam", "GB", None, 51.50, -0.10, "P", "PPL", 80_000, "GB.01")
    far = Place(2, "Northam", "CA", None, 53.50, -113.50, "P", "PPL", 900_000, "CA.01")
    southby = Place(3, "Southby", "GB", None, 51.60, -0.05, "P", "PPL", 90_000, "GB.01")
    # 100 km from the first Southby: within `support`'s 161 km, not within `support_close`'s
    other = Place(4, "Southby", "GB", None, 52.40, -0.10, "P", "PPL", 5_000, "GB.01")
    entries = [[(near, KIND_PRIMARY), (far, KIND_PRIMARY)], [(southby, KIND_PRIMARY)],
               [(other, KIND_PRIMARY)]]
    candidates = [span_candidate(text, 0, 7), span_candidate(text, 12, 19)]
    context = DocContext.build(entries[:1] + [entries[1] + entries[2]], candidates)
    rows = [near, far, southby, other]
    shares = context.support(np.array([0, 0, 1, 1]), rows)
    assert shares.tolist() == [[1.0, 1.0], [0.0, 0.0], [1.0, 1.0], [1.0, 0.0]]


def test_first_guesses_prefer_a_town_inside_a_named_county() -> None:
    text = "Huntsville and Walker County"
    big = Place(1, "Huntsville", "US", None, 34.7, -86.6, "P", "PPL", 200_000, "US.AL", -1)
    small = Place(2, "Huntsville", "US", None, 30.7, -95.6, "P", "PPL", 40_000, "US.TX", -2)
    county = _place("Walker County", "US", "ADM2", 60_000, 30.7, -95.6, -2)
    entries = [[(big, KIND_PRIMARY), (small, KIND_PRIMARY)], [(county, KIND_PRIMARY)]]
    candidates = [span_candidate(text, 0, 10), span_candidate(text, 15, 28)]
    document = DocumentFeatures.build(candidates, entries)
    assert first_guesses(candidates, entries) == [big, county]
    assert first_guesses(candidates, entries, document.contained()) == [small, county]


def test_person_names_are_not_places(parser: Geoparser) -> None:
    text = "Fighting went on, said Andriy Yermak. President Ivan Duque spoke in Bogota."
    found = _places(parser, text)
    assert "Yermak" not in found and "Duque" not in found
    assert found["Bogota"][1] == "CO"


def test_a_middle_initial_makes_a_surname(parser: Geoparser) -> None:
    """'Tyrise M. Bell' is a person whatever NER calls him, and so is every lone 'Bell' of
    the article; 'Bell, Eggers fired' is no 'Town, State' qualifier (Eggers is no place)."""
    text = ("A judge ruled that the shooting of Tyrise M. Bell in Las Vegas was justified. "
            "Officer Michael Eggers chased Bell. When that did not stop Bell, Eggers fired.")
    found = _places(parser, text)
    assert "Bell" not in found and found["Las Vegas"][1] == "US"


def test_a_minor_region_alone_is_the_big_town_of_its_name(parser: Geoparser) -> None:
    """A lone 'Portland' is the city of 650k, not Jamaica's parish (22k in the gazetteer), and
    a lone 'Gaza' the city, not Mozambique's province, which every first-level region's bonus
    had preferred; with Jamaica named it is the parish."""
    assert _places(parser, "Portland police arrested two men on Tuesday.")["Portland"][:2] == (
        "Portland", "US")
    assert _places(parser, "Mobile phone networks failed in Gaza.")["Gaza"][1] == "PS"
    found = _places(parser, "Flooding hit Portland and Kingston in Jamaica.")
    assert found["Portland"] == ("Portland", "JM", "ADM1")


def test_a_town_written_in_an_area_lies_in_it(parser: Geoparser) -> None:
    """'X, in Haiti's Artibonite department': X is in Haiti. The gazetteer knows only a French
    Liancourt, so Liancourt is not resolved rather than put in France."""
    text = ("Gunmen attacked the police station in Liancourt, in Haiti's Artibonite department, "
            "and killed six officers. Officers in Port-au-Prince protested.")
    found = {r.toponym.text: r.toponym.place for r in parser.analyse(text)}
    assert found.get("Liancourt") is None
    assert found["Artibonite"].country == "HT"
    found = _places(parser, "Troops burned homes in Kanbalu, in Myanmar's Sagaing region.")
    assert found["Kanbalu"][1] == "MM"
    # the appositive says so too: the only Moura in the gazetteer is Portugal's
    text = "Soldiers executed hundreds of civilians in Moura, a small town in central Mali."
    found = {r.toponym.text: r.toponym.place for r in parser.analyse(text)}
    assert found.get("Moura") is None and found["Mali"].country == "ML"
    found = _places(parser, "They met in Paris, a city in northern France, on Monday.")
    assert found["Paris"][1] == "FR"


def test_a_town_qualified_through_its_unit_word_lies_in_that_region(parser: Geoparser) -> None:
    """'Pale Township, Sagaing Region': the unit word stands between the town and its
    qualifier. The gazetteer's only Pale is in Bosnia, so neither this mention nor the bare
    ones before and after it are resolved; a town that has an entry there takes it."""
    text = ("Jets bombed a school in Pale Township on Monday. The strikes in Pale Township, "
            "Sagaing Region, killed four. Pale residents fled to the hills.")
    found = {r.toponym.text: r.toponym.place for r in parser.analyse(text)}
    assert not any(name.startswith("Pale") and place for name, place in found.items())
    assert found["Sagaing Region"].admin1 == "Sagaing"
    found = _places(parser, "Troops burned houses in Kanbalu Township, Sagaing Region.")
    assert found["Kanbalu"][1] == "MM"
    # a later qualifier may name a namesake: it is not the article's town, nor does it unmake
    # the mentions before it (the gazetteer has no Lismore in Scotland)
    text = ("Floods hit Lismore, New South Wales. Lismore residents fled. Lismore was named "
            "after Lismore, Scotland.")
    found = {t.start: t.place for t in parser.parse(text)}
    assert [found[text.index("Lismore", at)].admin1 for at in (0, 20, 40)] == \
        ["New South Wales"] * 3
    assert text.rindex("Lismore") not in found
    # in a list, the comma after a name is no qualifier: these are four towns
    found = _places(parser, "It has offices in Miami, West Palm Beach, New York, and Detroit.")
    assert found["West Palm Beach"][:2] == ("West Palm Beach", "US")


def test_a_village_elsewhere_in_the_country_is_not_its_namesake(parser: Geoparser) -> None:
    """A village the article places in Sagaing Region, which the gazetteer knows only in Yangon
    Region, 600 km south: the article names Sagaing twice and the village once, and nothing
    else of the article is near Yangon's village, so it is not resolved. A town the article is
    about, named more often than the other region, stays (Laconia, New Hampshire)."""
    text = ("Junta jets bombed a monastery in Nyaung Kone village on Tuesday. Rescuers from "
            "across Sagaing Region searched the rubble, a Sagaing official said.")
    found = {r.toponym.text: r.toponym.place for r in parser.analyse(text)}
    assert found.get("Nyaung Kone") is None
    assert found["Sagaing Region"].admin1 == "Sagaing"
    text = ("Laconia police closed Main Street. The Laconia fire chief said a Laconia family "
            "had moved from Alaska last year.")
    assert _places(parser, text)["Laconia"][:2] == ("Laconia", "US")


def test_lone_korea_is_south_korea(parser: Geoparser) -> None:
    found = _places(parser, "The Korea Baseball Organization postponed three games in Seoul.")
    assert found["Korea"] == ("South Korea", "KR", "PCLI")


def test_a_part_written_in_a_town_is_near_it_or_no_place(parser: Geoparser) -> None:
    """'Hampton Park in Charleston': the gazetteer's only Hampton Park is a Melbourne suburb, far
    from every Charleston, so the park is no place of it, nor evidence that the story is
    Australian; a part near the town ('Salford in Manchester') stays."""
    text = ("Police found a body in a car parked near Hampton Park in Charleston. "
            "Charleston police said the man had been shot.")
    found = _places(parser, text)
    assert "Hampton Park" not in found and found["Charleston"][1] == "US"
    found = _places(parser, "Floods closed roads in Salford in Manchester.")
    assert found["Salford"][1] == "GB" and found["Manchester"][1] == "GB"


def test_a_surname_is_no_context_for_given_spans(parser: Geoparser) -> None:
    """Given spans (the gold-spans protocol), the detected context still passes NER's check:
    the lone 'Sullivan' of the next sentences is the woman's surname, not Sullivan, Missouri,
    and must not draw Gainesville to a Missouri village (the names' admin1 focus; they are
    250 km apart)."""
    text = ("Police in Gainesville arrested Nakishia Sullivan, 24, on Monday. Sullivan pulled a "
            "box cutter from her purse, police said. Sullivan was charged with assault.")
    start = text.index("Gainesville")
    (resolution,) = parser.resolve_spans(text, [(start, start + len("Gainesville"))])
    assert resolution.toponym.place.admin1 == "Florida"
    assert [t.text for t in parser.parse(text)] == ["Gainesville"]


def test_a_storm_and_its_name_are_no_places(parser: Geoparser) -> None:
    """'Hurricane Harvey' is no Hurricane, Utah, nor Harvey, Illinois, and neither is the lone
    'Harvey' after it; 'Storm Lake' is a town, and the town of Hurricane stays one."""
    found = _places(parser, "Hurricane Harvey flooded Houston. After Harvey, the city rebuilt.")
    assert set(found) == {"Houston"}
    found = _places(parser, "Typhoon Haiyan struck Tacloban in the Philippines.")
    assert set(found) == {"Tacloban", "Philippines"}
    found = _places(parser, "Storm Lake officials met in Iowa. Police in Hurricane, West "
                            "Virginia, found the two.")
    assert found["Storm Lake"][1] == "US" and found["Hurricane"][1] == "US"


def test_a_small_town_that_speaks_is_a_person(parser: Geoparser) -> None:
    """'Welch said': a small town says nothing, so every lone 'Welch' of the article is the
    speaker's; a country speaks ('Georgia says'), and 'from Brampton said' is a place."""
    text = ("Welch said the school in Atlanta would close. The board met Welch on Monday. "
            "Georgia says it agrees. A man from Brampton said so.")
    found = _places(parser, text)
    assert "Welch" not in found and "Georgia" in found and "Brampton" in found
    quoted = _places(parser, '"They were fine people," said Logan. Logan lives in Utah.')
    assert "Logan" not in quoted and "Utah" in quoted


def test_a_surname_loses_its_possessive_and_suffix(parser: Geoparser) -> None:
    """NER's "Antonella Bruno's" and 'George Bush Jr' make 'Bruno' and 'Bush' surnames."""
    from polemos.geo.person_names import Entity, surnames

    text = "Antonella Bruno's shop in Toronto. George Bush Jr said so."
    bush = text.index("George")
    found = surnames(text, [Entity(0, 17, "PERSON"), Entity(bush, bush + 15, "PERSON")])
    assert {"bruno", "bush"} <= found


def test_a_full_names_first_word_is_a_given_name(parser: Geoparser) -> None:
    """NER's 'Martha Peiffer' makes 'Martha' a given name, but not a place before an
    institution's word the text also writes in lower case ('Huntsville Fire' of a fire ban)."""
    from polemos.geo.person_names import Entity, surnames

    text = "Martha Peiffer died. Huntsville Fire crews put out a fire."
    fire = text.index("Huntsville")
    found = surnames(text, [Entity(0, 14, "PERSON"), Entity(fire, fire + 15, "PERSON")])
    assert {"martha", "peiffer"} <= found and "huntsville" not in found


def test_according_to_is_no_place_writing(parser: Geoparser) -> None:
    """'according to Taylor' after 'Sheriff Greg Taylor' is the sheriff, not Taylor, Texas."""
    text = ("Deputies arrested a man in Palestine, Texas, said Sheriff Greg Taylor. The car "
            "was stolen, according to Taylor.")
    assert "Taylor" not in _places(parser, text)


def test_contested_areas_and_seas_resolve(parser: Geoparser) -> None:
    found = _places(parser, "Troops moved into the Donbas while ships left the Black Sea.")
    assert found["Donbas"][1] == "UA"
    assert found["Black Sea"][2] == "SEA"


def test_ner_vetoes_names_that_are_people_or_off_the_map(parser: Geoparser) -> None:
    text = (
        "Russian forces shelled Kharkiv and Bakhmut in Ukraine on Monday. Fighters of Wagner "
        "claimed the advance, Wagner said. Oleh Synehubov, the governor, urged calm."
    )
    found = _places(parser, text)
    assert found["Kharkiv"][1] == "UA" and found["Bakhmut"][1] == "UA"
    assert "Wagner" not in found and "Oleh" not in found
    # without the NER check both stay, so the test exercises the veto itself
    unchecked = _places(Geoparser(ner=False), text)
    assert "Wagner" in unchecked and "Oleh" in unchecked


def test_a_capital_off_the_map_stays_unless_inside_a_longer_name(parser: Geoparser) -> None:
    """The small model calls a lone 'Sanaa' a PERSON and no other place of the text is in
    Yemen: the capital stays all the same; 'Madrid' inside the ORG 'Real Madrid' is vetoed."""
    found = _places(parser, "Coalition jets struck Sanaa overnight, a spokesman told "
                            "reporters in Riyadh.")
    assert found["Sanaa"][1] == "YE" and found["Riyadh"][1] == "SA"
    text = "Fans in Leeds and Manchester watched as Real Madrid won the final."
    assert "Madrid" not in _places(parser, text)
    assert "Madrid" in _places(Geoparser(ner=False), text)  # the veto, not detection, drops it


@pytest.mark.parametrize("text,town,country", [
    ("Russian artillery shelled the centre of Kherson on Tuesday.", "Kherson", "UA"),
    ("Israeli air strikes hit Rafah overnight, medics said.", "Rafah", "PS"),
])
def test_a_demonym_alone_puts_no_lone_town_off_the_map(
    parser: Geoparser, text: str, town: str, country: str
) -> None:
    # the small model calls such towns PERSON; the demonym's country may widen the article's
    # map, but a report naming one place has no map that place could be off
    assert _places(parser, text)[town][1] == country


def test_towns_inside_organisation_names_that_fit_the_article_stay(parser: Geoparser) -> None:
    text = "Protesters gathered outside the Minneapolis Police Department in Minnesota."
    assert _places(parser, text)["Minneapolis"][1] == "US"


def test_area_points_are_the_middle_of_their_towns_without_remote_outliers() -> None:
    from polemos.geo.build_sources import area_point

    mainland = [(-33.0, -71.6), (-32.8, -70.6), (-33.6, -71.2)]
    assert area_point(mainland + [(-27.1, -109.4)]) == area_point(mainland)  # Easter Island
    lat, lon = area_point([(66.0, 179.0), (65.0, -178.0)])  # across the antimeridian
    assert 65 <= lat <= 66 and abs(lon) > 179
    gazetteer = get_gazetteer()
    canada = next(p for p in gazetteer.lookup("canada") if p.feature_code == "PCLI")
    assert haversine_km(canada.lat, canada.lon, 60.10867, -113.64258) < 1  # GeoNames' point


def test_glued_sentences_hyphenated_regions_and_area_aliases(parser: Geoparser) -> None:
    found = _places(parser, "Clashes hit Omdurman city.Sudan has seen months of war.")
    assert found["Sudan"][1] == "SD"
    found = _places(parser, "Protesters in Zahedan, Sistan-Baluchestan, were shot in Iran.")
    assert found["Sistan-Baluchestan"][1:] == ("IR", "ADM1")
    assert _places(parser, "Armenians can remain in Karabakh, Azerbaijan said.")["Karabakh"]


def test_a_name_shared_by_a_country_and_its_region_means_the_country(parser: Geoparser) -> None:
    found = _places(parser, "Migrants crossed from Guatemala into Mexico on Sunday.")
    assert found["Mexico"][1:] == ("MX", "PCLI")


def test_every_city_of_a_dateline_is_a_place(parser: Geoparser) -> None:
    found = _places(parser, "CAIRO/DUBAI, Aug 9 (Reuters) - Fighting in Khartoum went on.")
    assert found["CAIRO"][1] == "EG" and found["DUBAI"][1] == "AE"


def test_a_demonym_shared_by_countries_means_the_most_populous() -> None:
    found = _places(Geoparser(include_demonyms=True), "French and Chinese diplomats met.")
    assert found["French"][1] == "FR" and found["Chinese"][1] == "CN"


def test_macro_regions_are_places_of_their_own(parser: Geoparser) -> None:
    text = ("Aid agencies in South Asia and Southern Africa warned of floods; the Central African "
            "Republic was spared.")
    found = {t.text: t.place for t in parser.parse(text)}
    assert found["South Asia"].feature_code == "RGN"
    assert found["Southern Africa"].feature_code == "RGN"
    assert haversine_km(found["Southern Africa"].lat, found["Southern Africa"].lon,
                        -25.7, 28.2) < 1000  # near Pretoria, not at Africa's middle
    assert found["Central African Republic"].feature_code == "PCLI"



def _place(name: str, country: str, code: str, population: int, lat: float, lon: float,
           geonameid: int) -> Place:
    return Place(geonameid, name, country, None, lat, lon, "A" if code == "ADM2" else "P", code,
                 population, f"{country}.01")


def test_a_capital_among_local_picks_is_marked_as_such() -> None:
    text = "The Dublin board met. Parents from Plainfield and Oakdale County came."
    capital = _place("Dublin", "IE", "PPLC", 1_000_000, 53.3, -6.3, 1)
    town = _place("Dublin", "US", "PPL", 40_000, 40.1, -83.1, 2)
    village = _place("Plainfield", "US", "PPL", 4_000, 40.2, -83.3, 3)
    county = _place("Oakdale County", "US", "ADM2", 90_000, 40.3, -83.0, 4)
    city = _place("Plainfield", "US", "PPL", 900_000, 40.2, -83.3, 5)
    entries = [[(capital, KIND_PRIMARY), (town, KIND_PRIMARY)]]
    candidates = [span_candidate(text, 4, 10)]
    context = DocContext.build(entries, candidates)
    column = FEATURES.index("capital_local")
    rows = [(0, capital), (0, town)]
    picks = PickContext.build(rows)
    matrix = static_features(0, candidates[0], entries[0], context)
    # the other picks are a village and a county: the capital row is marked, the town is not
    picks.fill(matrix, [(0, capital), (1, village), (2, county)])
    assert matrix[:, column].tolist() == [1.0, 0.0]
    # half of the other picks are big: half the mark; the name's own pick is never its context
    picks.fill(matrix, [(0, town), (1, city), (2, county)])
    assert matrix[:, column].tolist() == [0.5, 0.0]
    picks.fill(matrix, [(0, town)])
    assert matrix[:, column].tolist() == [0.0, 0.0]


def test_an_abbreviated_primary_name_is_primary(parser: Geoparser) -> None:
    """'St. Petersburg' is the primary name of the Florida city and Saint Petersburg's written
    short: neither is a mere variant, so Russia's city is not marked down beside Russia."""
    from polemos.geo.names import expand_abbreviations

    assert expand_abbreviations("st petersburg") == "saint petersburg"
    assert expand_abbreviations("mt vernon") == "mount vernon"
    assert expand_abbreviations("stanley") == "stanley"
    kinds = {place.country: kind for place, kind in parser.gazetteer.entries("st petersburg")}
    assert kinds["RU"] == kinds["US"] == KIND_PRIMARY
    near_russia = _places(parser, "Russia expelled diplomats from St. Petersburg, the US said.")
    assert near_russia["St. Petersburg"][1] == "RU"
    in_florida = _places(parser, "The mayor of St. Petersburg, Florida, spoke.")
    assert in_florida["St. Petersburg"][1] == "US"


def test_short_and_listed_demonyms_name_their_country(parser: Geoparser) -> None:
    """News writes 'Saudi', 'Uzbek', 'Serb' where countryinfo has only 'Saudi Arabian',
    'Uzbekistani', 'Serbian', and lists Bosnia's two demonyms as one 'Bosnian,Herzegovinian'."""
    demonyms = Geoparser(include_demonyms=True)
    found = {t.text: t.place.country for t in demonyms.parse(
        "Saudi officials met Bosnian, Uzbek and Serb envoys in Geneva.") if t.place}
    assert {found[n] for n in ("Saudi", "Bosnian", "Uzbek", "Serb")} == {"SA", "BA", "UZ", "RS"}


def test_names_joined_by_and_are_found_whole(parser: Geoparser) -> None:
    places = _places(parser, "Troops from Bosnia and Herzegovina and Trinidad and Tobago arrived"
                             " in Paris and London.")
    assert set(places) == {"Bosnia and Herzegovina", "Trinidad and Tobago", "Paris", "London"}


def test_a_given_span_with_an_abbreviation_finds_the_written_out_name(parser: Geoparser) -> None:
    text = "A cargo ship under the flag of St. Kitts and Nevis sank."
    start = text.index("St.")
    [resolution] = parser.resolve_spans(text, [(start, start + len("St. Kitts and Nevis"))])
    assert resolution.toponym.place is not None and resolution.toponym.place.country == "KN"


def test_a_regions_bare_name_means_its_town_only_when_the_town_is_most_of_it() -> None:
    """'Kharkiv' is the city (half the oblast's people), 'Quebec' the province (its city holds
    6 %); a district named after its town ('Moura') is the town, but 'Madison' for Madison
    County, a county's name without its 'County', stays the county."""
    from polemos.geo.build_sources import KIND_ALTERNATE
    from polemos.geo.resolve import _town_over_own_region

    def place(name: str, code: str, population: int, admin1: str) -> Place:
        return Place(hash((name, code)) % 10**6, name, "XX", None, 0.0, 0.0,
                     "P" if code.startswith("PPL") else "A", code, population, admin1)

    def meaning(region_kind: int, region: Place, town: Place) -> str:
        options = [(region, region_kind), (town, KIND_PRIMARY)]
        chosen = _town_over_own_region(span_candidate(region.name, 0, len(region.name)),
                                       options, 0)
        return options[chosen][0].feature_code

    assert meaning(KIND_PRIMARY, place("Kharkiv", "ADM1", 2_600_000, "UA.07"),
                   place("Kharkiv", "PPLA", 1_430_000, "UA.07")) == "PPLA"
    assert meaning(KIND_PRIMARY, place("Quebec", "ADM1", 8_200_000, "CA.10"),
                   place("Quebec", "PPLA", 530_000, "CA.10")) == "ADM1"
    assert meaning(KIND_PRIMARY, place("Moura", "ADM2", 9_360, "PT.02"),
                   place("Moura", "PPL", 9_360, "PT.02")) == "PPL"
    assert meaning(KIND_ALTERNATE, place("Madison County", "ADM2", 100_000, "US.AL"),
                   place("Madison", "PPL", 13_000, "US.AL")) == "ADM2"


def test_region_demonyms_name_their_region() -> None:
    """'Tigrayan forces', 'Crimean officials', 'Welsh police': the people's adjective names the
    first-level region (and so its country), reported only when demonyms are asked for."""
    demonyms = Geoparser(include_demonyms=True)
    texts = {"Tigrayan forces shelled Alamata.": ("Tigrayan", "ET"),
             "Crimean officials reported drones over Sevastopol.": ("Crimean", "UA"),
             "Welsh police said a man died in Cardiff.": ("Welsh", "GB")}
    for text, (name, country) in texts.items():
        found = {t.text: (t.place.feature_code, t.place.country)
                 for t in demonyms.parse(text) if t.place}
        assert found[name] == ("ADM1", country), text
    plain = {t.text for t in Geoparser().parse("Tigrayan forces shelled Alamata.")}
    assert "Tigrayan" not in plain


def test_state_demonyms_and_plurals_name_their_place() -> None:
    """Local news' 'Ohioans', 'a Texan rancher', 'Ontarians', and any demonym's plural
    ('Americans') are found in running text as their singular's place."""
    demonyms = Geoparser(include_demonyms=True, ner=False)
    found = {t.text: (t.place.name, t.place.feature_code) for t in demonyms.parse(
        "Ohioans and a Texan rancher joined Ontarians and Americans at the fair.") if t.place}
    assert found == {"Ohioans": ("Ohio", "ADM1"), "Texan": ("Texas", "ADM1"),
                     "Ontarians": ("Ontario", "ADM1"), "Americans": ("United States", "PCLI")}
    assert not Geoparser(ner=False).parse("Ohioans and Americans joined the fair.")


def test_north_macedonias_former_name_names_the_country(parser: Geoparser) -> None:
    """GeoNames dropped 'Macedonia' from the country renamed in 2019; news kept writing it."""
    found = {t.text: t.place.country for t in parser.parse(
        "Protesters marched in Skopje, the capital of Macedonia.") if t.place}
    assert found == {"Skopje": "MK", "Macedonia": "MK"}


def test_a_persons_surname_is_no_place_anywhere_in_the_article(parser: Geoparser) -> None:
    """'Austin told reporters' after 'Defense Secretary Lloyd Austin': the article's person, not
    Austin, Texas (one name, one sense per article); written as a place it stays one."""
    text = ("Defense Secretary Lloyd Austin visited Kyiv on Monday. Austin told reporters that "
            "Russian forces had lost ground near Bakhmut.")
    assert [t.text for t in parser.parse(text)] == ["Kyiv", "Bakhmut"]
    farmer = "Tom Jones, a local farmer, spoke in Dallas. Jones said the storm hit Tyler."
    assert [t.text for t in parser.parse(farmer)] == ["Dallas", "Tyler"]
    places = "Tom Austin spoke on Monday. Flooding hit Austin, Texas, and homes in Austin."
    assert [t.place.admin1 for t in parser.parse(places) if t.text == "Austin"] == ["Texas"] * 2


def test_a_possessive_after_a_preposition_is_no_place_writing(parser: Geoparser) -> None:
    """'in Paris' case' of a murdered Mr. Paris governs 'case', not Paris: his surname stays a
    person's and is no town (`person_names.written_as_places`)."""
    text = ("Deputies found Melton Lewis Paris, 51, shot at his home near Palestine. Paris had "
            "been shot once, the sheriff said. A reward in Paris' case was raised to $5,000.")
    assert "Paris" not in {t.text for t in parser.parse(text)}
    assert "Paris" in {t.text for t in parser.parse("Crowds filled the streets in Paris's "
                                                     "centre on Sunday.")}


def test_a_vetoed_name_leaves_the_other_places_context() -> None:
    """'Sullivan said' was Sullivan, Missouri, and pulled 'Washington' to Washington, Missouri;
    once NER shows Sullivan is a person, Washington is resolved again without it."""
    text = ("Jake Sullivan, the national security adviser, spoke in Washington. Sullivan said "
            "the strikes on Odesa, Ukraine, were deliberate.")
    found = {t.text: t.place.admin1 for t in Geoparser().parse(text) if t.place}
    assert found == {"Washington": "District of Columbia", "Odesa": "Odesa Oblast",
                     "Ukraine": None}


def test_titles_and_institution_words_make_no_place(parser: Geoparser) -> None:
    text = ("Mayor Sullivan said the Superior Court ruled on Dec. 5 that the Chamber of Commerce "
            "must pay. Sheriff Jackson said the suspect fled to Memphis.")
    assert [t.text for t in parser.parse(text)] == ["Memphis"]


def test_a_given_name_or_a_title_marks_a_surname(parser: Geoparser) -> None:
    """'John' is a common word to the detector, yet starts the person's name 'John Kelly'; a
    name after a title ('Sheriff Jackson') is a surname without NER's word."""
    text = ("Chief of staff John Kelly met officials in Cheyenne. Kelly said the talks "
            "went well. Sheriff Jackson said the suspect fled. Jackson added that police "
            "searched Memphis.")
    assert [t.text for t in parser.parse(text)] == ["Cheyenne", "Memphis"]


def test_a_big_town_in_a_bordering_country_is_on_the_articles_map(parser: Geoparser) -> None:
    """A war report names one side and strikes next door: 'Russia struck Odesa' keeps Odesa
    (Ukraine borders Russia), while an alternate name or code of a big town off the map stays
    out."""
    assert [t.text for t in parser.parse("Russia struck Odesa overnight, officials said.")] == [
        "Russia", "Odesa"]
    # a small town only after a place cue: the small model calls Avdiivka a PERSON
    assert [t.text for t in parser.parse("Moscow said its forces took Avdiivka.")] == [
        "Moscow", "Avdiivka"]


def test_a_towns_county_is_reported(parser: Geoparser) -> None:
    found = {t.text: t.as_json()["admin2"] for t in parser.parse(
        "Storms hit Paris, Tennessee, and the rest of Henry County.")}
    assert found == {"Paris": "Henry County", "Tennessee": None, "Henry County": "Henry County"}


def test_initials_and_bare_county_names_mark_longer_names(parser: Geoparser) -> None:
    """'Tyrise M. Bell', then 'shot Bell': a surname through a middle initial; 'Scott Newsham' is
    no Scott County; 'Anderson County Sheriff' stays a county."""
    text = ("The shooting of Tyrise M. Bell was ruled justified; an officer shot Bell during a "
            "struggle in Las Vegas. Incumbent Scott Newsham spoke at the meeting. Anderson "
            "County Sheriff Greg Taylor said the suspect fled.")
    assert [t.text for t in parser.parse(text)] == ["Las Vegas", "Anderson County"]


def test_an_acronym_ending_a_persons_name_is_no_surname(parser: Geoparser) -> None:
    text = ("By Henry Lazenby US tariffs on Chinese aluminium rose. The US measures hit "
            "Pittsburgh, Pennsylvania.")
    later = text.index("The US") + 4
    assert ("US", later) in [(t.text, t.start) for t in parser.parse(text)]


def test_a_town_named_after_a_person_stays_a_town(parser: Geoparser) -> None:
    """'named after Alexander Mitchell' makes Mitchell a surname, but the article writes
    Mitchell as a place ('Mitchell is a city'), so its lone mentions stay the town."""
    text = ("Mitchell is a city in Davison County, South Dakota. It was named after Alexander "
            "Mitchell, a railroad president.")
    assert ("Mitchell", 0) in [(t.text, t.start) for t in parser.parse(text)]


def test_a_hamlet_of_no_people_puts_no_town_off_the_map(parser: Geoparser) -> None:
    """'Main' (of 'the Main office') matches a Jordanian village of no recorded people; it
    must not make the article's only real place, Whitestown, look off the map."""
    text = ("Donors paid for new water lines in Whitestown. Whitestown invited them to a "
            "ceremony at the Main office.")
    assert [t.text for t in parser.parse(text)] == ["Whitestown", "Whitestown"]


def test_a_place_defined_as_one_is_no_surname(parser: Geoparser) -> None:
    text = ("Brandon (pronounced BRAN-dən) is a census-designated place in Florida. It was named "
            "after John Brandon, a settler. Brandon grew after the railway came.")
    assert [t.text for t in parser.parse(text)].count("Brandon") == 2


def test_a_given_acronym_or_region_form_reads_every_kind_of_name(parser: Geoparser) -> None:
    """An upper-case word matches abbreviations only and 'Ky' without its dot is no region form
    in running text; a span the caller gives is a place, so its alternates count ('ACT' is an
    alternate name of the Australian Capital Territory) - but never a town's variant ('OAS')."""
    text = "No deaths were reported in Tasmania or the ACT. EDMONTON, Ky - A fire. The OAS met."
    act, ky, oas = (text.index(w) for w in ("ACT", "Ky", "OAS"))
    act_r, ky_r, oas_r = parser.resolve_spans(text, [(act, act + 3), (ky, ky + 2),
                                                     (oas, oas + 3)])
    assert act_r.toponym.place is not None and act_r.toponym.place.country == "AU"
    assert act_r.toponym.place.feature_code == "ADM1"
    assert ky_r.toponym.place is not None and ky_r.toponym.place.name == "Kentucky"
    assert oas_r.toponym.place is None
    assert [t.text for t in parser.parse("The ACT and NSW agreed.")] == []


def test_a_given_span_the_gazetteer_lacks_reads_the_place_named_inside_it(
        parser: Geoparser) -> None:
    """'Dubai World Cup', 'University of Alberta', 'North London': a facility or body named
    after where it is. The inner name must be an area, a big town or a name the article writes
    alone ('Cavan'); 'West Wing' is no mention of the small town Wing, and 'Lake Vermont' is a
    lake of its own."""
    text = ("The Dubai World Cup drew crowds. Staff of the Cavan Institute said Cavan was calm."
            " Aides in the West Wing and anglers at Lake Vermont and North London.")
    spans = [(text.index(n), text.index(n) + len(n)) for n in
             ("Dubai World Cup", "Cavan Institute", "West Wing", "Lake Vermont", "North London")]
    dubai, cavan, wing, lake, london = parser.resolve_spans(text, spans)
    assert [(r.toponym.start, r.toponym.end) for r in (dubai, cavan, wing, lake, london)] == spans
    assert dubai.toponym.place is not None and dubai.toponym.place.country == "AE"
    assert cavan.toponym.place is not None and cavan.toponym.place.country == "IE"
    assert wing.toponym.place is None and lake.toponym.place is None
    assert london.toponym.place is not None and london.toponym.place.name == "London"


def test_an_upper_case_dateline_without_qualifier_means_the_capital(parser: Geoparser) -> None:
    """A report filed from 'WASHINGTON' is filed from the capital, whatever else the article
    names (the turkey came from Iowa; London and England are elsewhere in the story), also
    when the text lost the dateline's mark."""
    for text in ("WASHINGTON Barack Obama pardoned a turkey from Iowa on Wednesday, farmers"
                 " in Iowa said.",
                 "WASHINGTON (Reuters) - Officials in London said England and Sunderland"
                 " would host the talks."):
        washington = next(t for t in parser.parse(text) if t.text == "WASHINGTON")
        assert washington.place is not None and washington.place.feature_code == "PPLC"
        assert washington.place.country == "US"
    # a qualified dateline is the town its qualifier says
    for text, region in (("PARIS, Texas (AP) — A fire broke out downtown.", "Texas"),
                         ("ATHENS, Ga. — The university said on Monday.", "Georgia")):
        town = parser.parse(text)[0]
        assert town.place is not None and town.place.admin1 == region


def test_the_english_language_is_no_town_of_indiana(parser: Geoparser) -> None:
    """'English' (English, Indiana, 630 people) is the language: as context it drew Ireland to
    Ireland, Indiana, 30 km away."""
    text = "English will remain an official EU language as one of the languages of Ireland."
    places = _places(parser, text)
    assert "English" not in places
    assert places["Ireland"] is not None and places["Ireland"][1] == "IE"


def test_a_name_listed_with_regions_is_a_region(parser: Geoparser) -> None:
    """'England and Wales': Wales the country of the UK, not the village Wales in England;
    a town its region qualifies is no list member ('Washington, Pennsylvania'), and a capital
    listed with regions stays the capital ('Maryland, Virginia and Washington')."""
    text = ("The number of officers in England and Wales has fallen since 2010, police in"
            " London said.")
    wales = next(t for t in parser.parse(text) if t.text == "Wales")
    assert wales.place is not None and wales.place.feature_code == "ADM1"
    for text in ("A fire broke out in Washington, Pennsylvania, on Tuesday.",
                 "Firefighters from Washington, Pennsylvania, and Ohio helped."):
        washington = next(t for t in parser.parse(text) if t.text == "Washington")
        assert washington.place is not None and washington.place.admin1 == "Pennsylvania"
    text = "Commuters from Maryland, Virginia and Washington crowded the Metro."
    washington = next(t for t in parser.parse(text) if t.text == "Washington")
    assert washington.place is not None and washington.place.feature_code == "PPLC"


def test_names_listed_before_counties_are_counties(parser: Geoparser) -> None:
    """'Butler, Clark, Madison, Montgomery or Warren counties': each member is its county
    (Madison, Ohio, the town, lies 292 km from Madison County); a list's first-level region
    stays one, and the same names without 'counties' stay towns."""
    text = ("Ohio contest: it is open to students who live or attend school in Butler, Clark, "
            "Madison, Montgomery or Warren counties.")
    names = ["Ohio", "Butler", "Madison", "Warren"]
    spans = [(text.index(n), text.index(n) + len(n)) for n in names]
    places = [r.toponym.place for r in parser.resolve_spans(text, spans)]
    assert [(p.feature_code, p.admin1) for p in places] == (
        [("ADM1", "Ohio")] + [("ADM2", "Ohio")] * 3)
    text = "Madison and Warren are growing, the governor of Ohio said."
    spans = [(text.index(n), text.index(n) + len(n)) for n in ["Madison", "Warren"]]
    assert all(r.toponym.place.feature_code == "PPL" for r in parser.resolve_spans(text, spans))


def test_a_later_qualified_namesake_keeps_its_area(parser: Geoparser) -> None:
    """A qualifier carries to a name's bare repeats only from its first mention; a later
    'Madison, Wisconsin' names a namesake, itself in Wisconsin (`_qualified_towns`)."""
    text = ("Madison is a city in Lake County, South Dakota. Madison was laid out in 1873 and "
            "renamed after Madison, Wisconsin. Madison has a state university.")
    found = [(t.start, t.place.admin1) for t in parser.parse(text) if t.text == "Madison"]
    qualified = text.index("Madison, Wisconsin")
    assert found == [(s, "Wisconsin" if s == qualified else "South Dakota")
                     for s, _ in found] and len(found) == 4


def test_a_list_is_no_qualifier(parser: Geoparser) -> None:
    """'Washington, New York and Boston' lists three places: New York does not qualify
    Washington."""
    text = "After stops in Washington, New York and Boston, the prince flew home."
    found = {t.text: t.place for t in parser.parse(text) if t.place}
    assert found["Washington"].admin1 == "District of Columbia"


def test_a_country_after_a_comma_qualifies_nothing(parser: Geoparser) -> None:
    """'... in Russia, U.S. officials said': the country opens the next clause."""
    text = "He reported on the entanglements in Russia, U.S. officials said on Wednesday."
    found = {t.text: t.place for t in parser.parse(text) if t.place}
    assert found["Russia"].feature_code == "PCLI"


def test_a_towns_qualifier_is_the_region_it_lies_in(parser: Geoparser) -> None:
    """'Tacoma, Washington' is the state, not the capital (`_qualifying_regions`); in a list
    ('Seattle, Washington and Chicago') Washington stays the capital."""
    text = "Mary Ann Quitugua from a cake studio in Tacoma, Washington shares her tips."
    found = {t.text: t.place for t in parser.parse(text) if t.place}
    assert found["Washington"].feature_code == "ADM1" and found["Tacoma"].admin1 == "Washington"
    text = "After stops in Seattle, Washington and Chicago, the prince flew home."
    found = {t.text: t.place for t in parser.parse(text) if t.place}
    assert found["Washington"].feature_code == "PPLC"


def test_function_words_plural_titles_and_middle_initials_make_no_place(
        parser: Geoparser) -> None:
    """'Ever since' opens a sentence with an adverb (Ever, a hamlet somewhere); 'Sens.' is
    senators' title; 'Harvey A. Rittle' is a person, no context for the given 'Lebanon'."""
    text = "Ever since the flood, Sens. Tim Grendell and Bob Gibbs have pressed Ohio for aid."
    assert [t.text for t in parser.parse(text)] == ["Ohio"]
    text = ("She died at the Good Samaritan Hospital in Lebanon. She was the wife of Harvey A. "
            "Rittle. Harvey lived in Lebanon all his life.")
    start = text.index("Lebanon")
    candidates, _ = parser.mentions_in_context(text, [span_candidate(text, start, start + 7)])
    assert "harvey" not in {c.key for c in candidates}


def test_a_variant_spelling_is_no_hyphen_partner_and_an_airport_no_area(
        parser: Geoparser) -> None:
    """'Wal-Mart': 'Wal' is only a variant spelling of two far villages, so 'Mart' (Texas) is
    half of a firm's name, not a town joined to another ('Watertown-Mayer'); 'a 2000 Ford
    Taurus' is a car, and Ford's airport does not make the name an area that survives it."""
    text = "Ohio will review whether Wal-Mart kept its promise on tax breaks."
    assert [t.text for t in parser.parse(text)] == ["Ohio"]
    text = "She was driving a 2000 Ford Taurus on County Road 109 near Albany, Minnesota."
    assert "Ford" not in {t.text for t in parser.parse(text)}
    assert {"Watertown", "Mayer"} <= {t.text for t in parser.parse(
        "The Watertown-Mayer wrestlers beat Delano in Minnesota on Friday.")}


def test_x_city_written_for_the_town_x(parser: Geoparser) -> None:
    """'Dublin City Council' of an Ohio suburb is Dublin's council: read as 'Dublin', not as
    Dublin, Ireland's council area, so it adds no Irish context; 'New York City', 'Kansas
    City' and 'Quebec City' keep their own readings."""
    text = "Dublin City Council met on Monday. Dublin Mayor Jane Roe spoke."
    candidates, _ = parser.mentions_in_context(text)
    assert [c.key for c in candidates][:2] == ["dublin", "dublin"]
    text = "New York City, Kansas City and Quebec City sent mayors."
    found = {t.text: t.place for t in parser.parse(text) if t.place}
    assert found["New York City"].name == "New York City"
    assert found["Kansas City"].feature_class == "P"
    assert found["Quebec City"].feature_class == "P" and found["Quebec City"].country == "CA"


def test_a_name_before_a_feature_word_names_the_feature(parser: Geoparser) -> None:
    """'Madison Creek and Hampton Hills apartment complexes', 'Rolling Hills Country Club':
    subdivisions and venues, not Madison or Hampton (no context either); an area's feature
    stays the area's ('the Vatican Gardens')."""
    text = ("Arlington will demolish the Madison Creek and Hampton Hills apartment complexes "
            "near Rolling Hills Country Club in Texas.")
    assert [t.text for t in parser.parse(text)] == ["Arlington", "Texas"]
    text = "The statue was unveiled in the Vatican Gardens on Thursday."
    assert [t.text for t in parser.parse(text)] == ["Vatican"]


def test_party_words_are_no_places(parser: Geoparser) -> None:
    """'the Liberal budget' is the party's (not Liberal, Kansas), nor is a 'Democratic' or
    'Republican' anything but a party word."""
    text = ("Ontario business leaders liked the Liberal budget; Republican and Democratic "
            "senators in Ohio did not.")
    assert [t.text for t in parser.parse(text)] == ["Ontario", "Ohio"]


def test_a_small_town_with_kin_or_an_age_is_a_person(parser: Geoparser) -> None:
    """'Harlan and his mother', "Harlan's attorney", 'Harlan, 48,': only a person has kin, a
    lawyer or an age; the article's Harlan is never Harlan, Kentucky. (Welch, West Virginia, is
    no longer the example: 'welch' is an English verb, so a lone Welch is no place at all
    unless written as one, `filters.english_words_as_words`.)"""
    drafted = Geoparser(ner=False).analyse  # the rule itself, without NER's second opinion
    for text in ("Prosecutors say Harlan, 48, was stabbed in Independence.",
                 "Harlan and his mother left Independence in a truck.",
                 "Harlan's attorney spoke to reporters in Independence.",
                 "Harlan, his friend Andrew and a driver left Independence."):
        resolutions = drafted(text)
        assert "harlan" in speakers(text, resolutions), text
    floods = "Floods hit Harlan and its schools."
    assert [t.text for t in Geoparser(ner=False).parse(floods)] == ["Harlan"]
    assert not speakers(floods, drafted(floods))


def test_an_english_word_is_no_small_town_unless_written_as_one(parser: Geoparser) -> None:
    def found(text: str) -> list[str]:
        return [t.text for t in parser.parse(text)]

    assert found("Early in the second half, Ohio State scored again.") == ["Ohio"]
    assert found("The city will begin a Junior Firefighter program in Denver.") == ["Denver"]
    # written as a place: a locative preposition, a qualifier, a dateline
    assert "Bright" in found("The parade went through Bright and onto Plattsville, Indiana.")
    assert "Bright" in found("A barn burned on Monday in Bright, Indiana.")
    assert "BANTAM" in found("BANTAM — A Danbury stonework mason was charged on Friday.")
    assert "Bright" in found("Bright is a small tourist town in Victoria, Australia.")
    assert "Pale" in found("Two airstrikes killed six villagers in Pale Township on Tuesday.")
    # one sense per article: written as a place once, the name is a place throughout
    assert found("Bright has an old mill. Tourists drive to Bright in May.") == ["Bright"] * 2
    # a bigger town of such a name stays a town ('mobile' is an adjective)
    assert found("Storms flooded Mobile on Tuesday.") == ["Mobile"]


def test_near_mass_counts_the_picks_twins() -> None:
    """A town and its own region split the probability, yet both answers are right: the mass
    within 161 km of the pick counts them together; a far namesake stays out."""
    from polemos.geo.resolve import near_mass
    city = Place(1, "Kyiv", "UA", "Kyiv", 50.45, 30.52, "P", "PPLC", 2_900_000)
    region = Place(2, "Kyiv Oblast", "UA", "Kyiv Oblast", 50.33, 30.33, "A", "ADM1", 1_700_000)
    far = Place(3, "Kiev", "US", "Texas", 31.0, -97.0, "P", "PPL", 100)
    p = np.array([0.5, 0.4, 0.1])
    assert near_mass([city, region, far], p, 0) == pytest.approx(0.9)
    assert near_mass([city, region, far], p, 2) == pytest.approx(0.1)


def test_victoria_is_a_place_and_victoria_beckham_a_person(parser: Geoparser) -> None:
    """'Victoria' names an Australian state and a Canadian capital far more often than news
    writes a lone given name; a full name stays a person's."""
    found = {t.text: t.place for t in parser.parse(
        "Three deaths were recorded in Western Australia and two in Victoria.") if t.place}
    assert found["Victoria"].country == "AU"
    assert "Victoria" not in {t.text for t in parser.parse(
        "Victoria Beckham opened a shop in London on Monday.")}


def test_a_name_before_a_governor_is_the_region(parser: Geoparser) -> None:
    """A governor governs the region: 'New York Gov.' is the state, 'the Luhansk governor' the
    oblast, while the bare names stay the cities."""
    text = "New York Gov. Kathy Hochul toured flooded streets in Buffalo."
    assert _places(parser, text)["New York"] == ("New York", "US", "ADM1")
    text = "The Luhansk governor said Russian shelling hit Lysychansk and Luhansk overnight."
    found = {t.start: t.place for t in parser.parse(text)}
    assert found[4].feature_code == "ADM1" and found[4].admin1_code == "UA.14"
    luhansk = found[text.rindex("Luhansk")]
    assert luhansk is not None and luhansk.feature_class == "P"


@pytest.mark.parametrize(("adjective", "region"), [
    ("Central American", "Central America"), ("South-East Asian", "Southeast Asia"),
    ("Latin American", "Latin America"), ("Middle Eastern", "Middle East")])
def test_a_macro_regions_adjective_is_that_region(parser: Geoparser, adjective: str,
                                                  region: str) -> None:
    """'Central American migrants' are of Central America, not of the United States that the
    last word alone would mean."""
    text = f"Thousands of {adjective} migrants crossed the border last month."
    start = text.index(adjective)
    [resolution] = parser.resolve_spans(text, [(start, start + len(adjective))])
    assert resolution.toponym.place is not None and resolution.toponym.place.name == region


def test_the_self_proclaimed_republics_are_their_oblasts(parser: Geoparser) -> None:
    """'Donetsk People's Republic' is one name (the possessive inside it does not end it) and
    the oblast it claims, not the city of Donetsk."""
    text = ("Officials of the Donetsk People's Republic said shelling hit Horlivka. Forces of "
            "the Luhansk People’s Republic entered Popasna.")
    found = _places(parser, text)
    assert found["Donetsk People's Republic"] == ("Donetsk Oblast", "UA", "ADM1")
    assert found["Luhansk People’s Republic"] == ("Luhansk Oblast", "UA", "ADM1")
    assert "Donetsk" not in found


def test_an_acronym_the_article_defines_names_the_same_place(parser: Geoparser) -> None:
    """'the Nagorno-Karabakh Republic (NKR)': NKR is that place wherever the article writes it,
    in the brackets and before them too; an acronym that does not spell the name ('Syria (ISIS)') is
    none."""
    text = ("NKR forces laid down their arms. Under the deal the unrecognised Nagorno-Karabakh "
            "Republic (NKR) will dissolve. The Islamic State of Iraq and Syria (ISIS) said "
            "ISIS fighters left.")
    toponyms = parser.parse(text)
    nkr = [t for t in toponyms if t.text == "NKR"]
    assert [t.start for t in nkr] == [0, text.index("(NKR)") + 1]
    assert all(t.place.name == "Nagorno-Karabakh" for t in nkr)
    assert not any(t.text == "ISIS" for t in toponyms)


def test_a_town_the_gazetteer_lacks_is_reported_at_the_area_the_text_states(
        parser: Geoparser) -> None:
    """'Hamilton is an unincorporated community in Boone County, Kentucky': the gazetteer has
    no Hamilton in Kentucky, so every Hamilton of the article is reported at Boone County,
    flagged approximate, rather than at Hamilton, Ohio; the copula reads like 'X, a town in'."""
    text = ("Hamilton is an unincorporated community in Boone County, Kentucky. Hamilton has a "
            "post office.")
    hamilton = [t for t in parser.parse(text) if t.text == "Hamilton"]
    assert len(hamilton) == 2
    for toponym in hamilton:
        assert toponym.approximate and toponym.place.name == "Boone County"
        assert toponym.place.admin1 == "Kentucky" and 0.3 < toponym.score < 0.9
    # a part of a town lies near it: 'a district in Oakland' is no San Antonio of Texas; a town
    # 'in Donetsk' keeps its reading, Donetsk being a city and a region
    found = {t.text: t for t in parser.parse("San Antonio is a large district in Oakland, "
                                              "California. Fighting hit Bakhmut, in Donetsk.")}
    assert found["San Antonio"].approximate and found["San Antonio"].place.name == "Oakland"
    assert found["Bakhmut"].place.name == "Bakhmut" and not found["Bakhmut"].approximate
    # a namesake the article qualifies later is that namesake, and leaves the article's own
    text = ("Chester is a town in Plumas County, California. The town was named after Chester, "
            "Vermont. Chester lies on Lake Almanor.")
    assert [t.place.admin1 for t in parser.parse(text) if t.text == "Chester"] == \
        ["California", "Vermont", "California"]
    # a township may stand before the county, even one named like a town ('Jackson')
    text = "Trenton is an unincorporated community in Jackson Township, Blackford County, Indiana."
    trenton = parser.parse(text)[0]
    assert trenton.text == "Trenton" and trenton.place.admin1 == "Indiana"
    text = "Lodi is a town in Seneca County, New York, on the shore of Seneca Lake."
    (lodi,) = (r.toponym for r in parser.resolve_spans(text, [(0, 4)]))
    assert lodi.place.admin1 == "New York"


def test_the_province_of_a_name_is_the_province(parser: Geoparser) -> None:
    """'the province of Davao del Sur' is GeoNames' 'Province of Davao del Sur' (whose bare name
    only resolves), not the city of Davao; 'the province of Idlib' is the province."""
    found = _places(parser, "Santa Cruz is a municipality in the province of Davao del Sur.")
    assert found["Davao del Sur"] == ("Province of Davao del Sur", "PH", "ADM2")
    assert found["Santa Cruz"][1] == "PH"
    found = _places(parser, "Air strikes hit the province of Idlib overnight.")
    assert found["Idlib"] == ("Idlib", "SY", "ADM1")
