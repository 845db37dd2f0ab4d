"""Places below GeoNames' cities500, from two more PyPI data packages (see `polemos.geo.build`).

* `zipcodes` (MIT; coordinates from GeoNames' postal-code export, CC BY 4.0): the towns and villages
  that US ZIP codes are named after ('Harwinton', 'Cookville', 'Tennessee Colony'), placed at the
  median of their ZIP points. cities500 misses many small US towns; local news names them.
* `airportsdata` (MIT): airports with an IATA code, under their name and its short forms
  ('London Heathrow Airport', 'Heathrow Airport', 'Heathrow'), with a prior from the city they
  serve (`airport_population`).
* `countrystatecity-countries` (data ODbL 1.0, read at build, not redistributed): a reference
  point per first-level region (ISO 3166-2), see `admin1_reference_points`, and its 152k towns,
  of which those the gazetteer lacks (19k: small French, Uruguayan, Spanish communes...) are
  added like the ZIP towns.
* `airportsdata` again: the English spelling of a town's name its airport's city writes,
  where GeoNames lacks it ('Hodeidah', `airport_city_spellings`).
* `zipcodes` again: the telephone area codes each ZIP code is dialled with, whence the state an
  area code belongs to (`area_code_states`, for `polemos.geo.phones`).

These places are *resolution only* (`PlaceRow.resolution_only`): a name they add never makes the
detector find a toponym in running text (their names are full of common words and surnames:
'Institute', 'Crescent', 'Pearson'), but a mention found otherwise (a gold span, a longer known
name) can resolve to them, and where a detected name is shared ('Brandon') they join its candidates.
"""

from __future__ import annotations

import csv
import json
import re
import statistics
from collections import Counter, defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import replace

from polemos.geo.build_sources import (
    KIND_PRIMARY,
    ROMANIZED_COUNTRIES,
    Admin1,
    PlaceRow,
    package_dir,
    romanized_keys,
)
from polemos.geo.geometry import haversine_km
from polemos.geo.names import fold, is_latin, romanized_key

ZIP_ID_BASE = -3_000_000  # ids of ZIP-code towns: below the macro-region table's
AIRPORT_ID_BASE = -4_000_000
CSC_ID_BASE = -5_000_000
# A ZIP town this close to a known place of the same name is that place (its ZIP point is not
# the GeoNames point, but both are within any resolution tolerance).
SAME_PLACE_KM = 30.0
# An area code belongs to a state when that many of its ZIP codes, and that share of them, lie in
# it: ZIP data lists the codes of the neighbouring state or province on border ZIPs (Quebec's 819
# on 5 Vermont ZIPs, Virginia's 276 on 19 West Virginia ones).
AREA_CODE_MIN_ZIPS = 20
AREA_CODE_MIN_SHARE = 0.75
# US territories GeoNames files as countries of their own; military 'states' (AA, AE, AP) have none.
ZIP_TERRITORIES = {"PR": "PR", "VI": "VI", "GU": "GU", "AS": "AS", "MP": "MP"}
ZIP_SKIP_STATES = frozenset({"AA", "AE", "AP", "FM", "MH", "PW"})
ZIP_TYPES = frozenset({"STANDARD", "PO BOX"})  # 'UNIQUE' ZIPs name a firm or an agency
_AIRPORT_WORDS = re.compile(
    r"\s*\b(?:International|Intl\.?|Regional|Municipal|Airport|Airfield|Air Base|Aerodrome)\b",
    re.IGNORECASE,  # 'Jutigalpa airport'
)
# An airport is named about as often as the city it serves is big, not as a village is: its
# prior is this share of the served city's people (London Heathrow ~90k, above Heathrow,
# Florida's 6k; Sanya's 10k, far below Phoenix, Arizona). The city is the airport's own `city`,
# the most populous town of that name within SERVED_CITY_KM (Stansted, Narita: 50-60 km out).
# 0.1 % left a GWN train "Heathrow" in Florida; 10 % measured the same as 1 % on the train parts.
AIRPORT_CITY_SHARE = 0.01
SERVED_CITY_KM = 80.0


KnownPoints = dict[tuple[str, str], list[tuple[float, float]]]


def _known_points(places: Iterable[PlaceRow]) -> KnownPoints:
    """(country, folded name) -> points of the towns and areas already called so."""
    known: KnownPoints = defaultdict(list)
    for place in places:
        for name in (place.name, *place.alternate_names):
            known[(place.country or "", fold(name))].append((place.lat, place.lon))
    return known


def _is_known(known: KnownPoints, country: str, key: str, lat: float, lon: float) -> bool:
    points = known.get((country, key), ())
    return any(haversine_km(lat, lon, a, b) <= SAME_PLACE_KM for a, b in points)


def _zip_towns() -> dict[tuple[str, str, str], tuple[str, list[tuple[float, float]]]]:
    """(country, state, folded name) -> (name, ZIP points) for every town a ZIP code names, its
    main name and the other names the Postal Service accepts for it (villages it serves)."""
    import zipcodes

    towns: dict[tuple[str, str, str], tuple[str, list[tuple[float, float]]]] = {}
    for row in zipcodes.list_all():
        state = row.get("state") or ""
        if row.get("zip_code_type") not in ZIP_TYPES or state in ZIP_SKIP_STATES:
            continue
        if not row.get("lat") or not row.get("long"):
            continue
        point = (float(row["lat"]), float(row["long"]))
        country = ZIP_TERRITORIES.get(state, "US")
        for name in [row["city"], *row.get("acceptable_cities", [])]:
            name = _town_name(name)
            if not name or not is_latin(name):
                continue
            key = (country, state, fold(name))
            towns.setdefault(key, (name, []))[1].append(point)
    return towns


def area_code_states() -> Iterator[tuple[str, str]]:
    """(area code, GeoNames admin1 code 'US.CT') for every US telephone area code whose ZIP
    codes lie mostly in one state (`AREA_CODE_MIN_ZIPS`, `AREA_CODE_MIN_SHARE`)."""
    import zipcodes

    states: dict[str, Counter[str]] = defaultdict(Counter)
    for row in zipcodes.list_all():
        state = row.get("state") or ""
        if state in ZIP_SKIP_STATES or state in ZIP_TERRITORIES:
            continue
        for code in row.get("area_codes") or ():
            states[code][state] += 1
    for code, counts in sorted(states.items()):
        state, count = counts.most_common(1)[0]
        total = sum(counts.values())
        if total >= AREA_CODE_MIN_ZIPS and count >= AREA_CODE_MIN_SHARE * total:
            yield code, f"US.{state}"


def _town_name(name: str) -> str:
    """ZIP data writes some names upper-case ('FT WASHINGTON'): title-case those."""
    name = name.strip()
    return name.title() if name.isupper() else name


def _new_towns(
    places: list[PlaceRow], towns: Iterable[tuple[str, str | None, str, float, float]],
    id_base: int, admin1: Admin1,
) -> Iterator[PlaceRow]:
    """Resolution-only towns (country, admin1 code, name, lat, lon) that no place of the same
    name within `SAME_PLACE_KM`, of `places` or an earlier town, already stands for, population
    unknown (0)."""
    known = _known_points(places)
    index = 0
    for country, code, name, lat, lon in towns:
        key = fold(name)
        if _is_known(known, country, key, lat, lon):
            continue
        known.setdefault((country, key), []).append((lat, lon))  # once per source
        region = admin1.get(code or "")
        index += 1
        yield PlaceRow(
            id_base - index, name, country, code if region else None,
            region[1] if region else None, lat, lon, 0, "P", "PPL", resolution_only=True,
        )


def csc_town_rows(places: list[PlaceRow], admin1: Admin1) -> Iterator[PlaceRow]:
    """countrystatecity's towns that the gazetteer (ZIP towns included) lacks."""
    code_of_iso = {iso: code for code, (_, _, _, iso) in admin1.items() if iso}
    root = package_dir("countrystatecity_countries") / "data" / "by-country"
    towns = []
    for path in sorted(root.glob("*/states/*/cities.json")):
        for town in json.loads(path.read_text(encoding="utf-8")):
            name = town.get("name") or ""
            if not name or not is_latin(name) or not town.get("latitude"):
                continue
            country = town.get("country_code") or path.parts[-4]
            code = code_of_iso.get(f"{country}-{town.get('state_code')}")
            towns.append((country, code, name, float(town["latitude"]),
                          float(town["longitude"])))
    return _new_towns(places, towns, CSC_ID_BASE, admin1)


def zip_town_rows(places: list[PlaceRow], admin1: Admin1) -> Iterator[PlaceRow]:
    """US towns named by ZIP codes that the gazetteer lacks (no known place of that name within
    `SAME_PLACE_KM`), at the median of their ZIP points, population unknown (0)."""
    known = _known_points(p for p in places if p.country in ("US", *ZIP_TERRITORIES.values()))
    index = 0
    for (country, state, key), (name, points) in sorted(_zip_towns().items()):
        lat = statistics.median(p[0] for p in points)
        lon = statistics.median(p[1] for p in points)
        if _is_known(known, country, key, lat, lon):
            continue
        code = f"US.{state}" if country == "US" else None
        region = admin1.get(code or "")
        index += 1
        yield PlaceRow(
            ZIP_ID_BASE - index, name, country, code, region[1] if region else None, lat, lon, 0,
            "P", "PPL", resolution_only=True,
        )


def _airport_base(name: str, city: str) -> str:
    base = name.split(" / ")[-1] if " / " in name else name
    if city and base.startswith(city + " ") and len(base) > len(city) + 1:
        base = base[len(city) + 1:]
    return base


def airport_core(name: str, city: str) -> str | None:
    """The name an airport goes by: without its city and the generic words ('Heathrow' of
    'London Heathrow Airport', 'Schiphol' of 'Amsterdam Airport Schiphol')."""
    core = " ".join(_AIRPORT_WORDS.sub(" ", _airport_base(name, city)).split())
    if city and core.startswith(city + " "):
        core = core[len(city) + 1:]
    return core if len(core) >= 4 and core != city else None


def airport_names(name: str, city: str, core: str | None) -> list[str]:
    """The airport's name, without its city ('London Heathrow Airport' -> 'Heathrow Airport'),
    and its `core` (`airport_core(name, city)`, which the caller keeps as well)."""
    base = _airport_base(name, city)
    names = [name]
    if _AIRPORT_WORDS.sub(" ", base).strip():  # not 'International Airport' (of 'Pune Airport')
        names.append(base)
    names.append(core or "")
    return list(dict.fromkeys(n for n in names if n))


def _region_codes(admin1: Admin1) -> dict[tuple[str, str], str]:
    """(country, folded region name or alias) -> GeoNames admin1 code."""
    codes: dict[tuple[str, str], str] = {}
    for code, (_, name, aliases, _) in admin1.items():
        country = code.split(".")[0]
        for alias in (name, *aliases):
            codes.setdefault((country, fold(alias)), code)
    return codes


TownPoints = dict[tuple[str, str], list[tuple[int, float, float]]]


def _town_points(places: Iterable[PlaceRow]) -> TownPoints:
    """(country, folded name) -> (population, lat, lon) of the towns called so."""
    towns: TownPoints = defaultdict(list)
    for place in places:
        if place.feature_class == "P":
            for name in (place.name, *place.alternate_names):
                key = (place.country or "", fold(name))
                towns[key].append((place.population, place.lat, place.lon))
    return towns


def _served_population(towns: TownPoints, country: str, city: str, lat: float, lon: float) -> int:
    """People of the city an airport serves ('Arnavutköy, Istanbul': either part)."""
    parts = {city, *(part.strip() for part in city.split(","))} - {""}
    return max((pop for part in parts for pop, a, b in towns.get((country, fold(part)), ())
                if haversine_km(lat, lon, a, b) <= SERVED_CITY_KM), default=0)


def airport_population(
    row: dict[str, str], names: list[str], towns: TownPoints, known: KnownPoints, taken: set[str]
) -> int:
    """The airport's prior (see AIRPORT_CITY_SHARE). 0 (none) when a short name of it is a place
    within SAME_PLACE_KM: the airport is named after that town ('Luton', 'Narita', 'Domodedovo'),
    whose name it must not take; none either when the short name is `taken`: shared by another
    airport ('Downtown', 'Metro', 'Executive' describe airports, they name none of them) or an
    area's anywhere ('Logan' of Billings', a county's; 'Santa Cruz' of Rio's, a province's)."""
    country, lat, lon = row["country"], float(row["lat"]), float(row["lon"])
    if any(fold(name) in taken or _is_known(known, country, fold(name), lat, lon)
           for name in names[1:]):
        return 0
    return round(AIRPORT_CITY_SHARE * _served_population(towns, country, row["city"], lat, lon))


# An airportsdata row, its Latin names (`airport_names`) and its core (`airport_core`).
NamedAirport = tuple[dict[str, str], list[str], str | None]


def _named_airports() -> list[NamedAirport]:
    """Airports with an IATA code (scheduled traffic; the rest are private strips)."""
    path = package_dir("airportsdata") / "airports.csv"
    with path.open(encoding="utf-8", newline="") as handle:
        rows = [row for row in csv.DictReader(handle) if row["iata"] and row["name"]]
    named = []
    for row in rows:
        core = airport_core(row["name"], row["city"])
        names = [n for n in airport_names(row["name"], row["city"], core) if is_latin(n)]
        named.append((row, names, core))
    return named


def _taken_names(named: list[NamedAirport], places: list[PlaceRow]) -> set[str]:
    """The folded short names no airport may take (`airport_population`): those several
    airports share and the areas' names."""
    counts = Counter(fold(name) for _, names, _ in named for name in set(names[1:]))
    return {key for key, count in counts.items() if count > 1} | {
        fold(name) for place in places if place.feature_class == "A"
        for name in (place.name, *place.alternate_names, *place.hidden_names)}


def airport_rows(admin1: Admin1, places: list[PlaceRow]) -> Iterator[PlaceRow]:
    """The airports (`_named_airports`), resolution only, with a prior from the city they serve
    (`airport_population`)."""
    regions = _region_codes(admin1)
    towns, known = _town_points(places), _known_points(places)
    named = _named_airports()
    taken = _taken_names(named, places)
    for index, (row, names, core) in enumerate(named, start=1):
        if not names:
            continue
        country = row["country"] or None
        code = regions.get((country or "", fold(row["subd"]))) if row["subd"] else None
        population = airport_population(row, names, towns, known, taken)
        # The core is the airport's own name, not a variant ('Heathrow' of London's airport
        # against Heathrow, Florida), where it has a prior: not a nearby town's or a descriptor.
        primary = population > 0 and core is not None and is_latin(core)
        yield PlaceRow(
            AIRPORT_ID_BASE - index, names[0], country, code,
            admin1[code][1] if code else None, float(row["lat"]), float(row["lon"]),
            population, "S", "AIRP", tuple(names[1:]),
            extra_names=((KIND_PRIMARY, core),) if primary else (),
            resolution_only=True,
        )


# An airport's city and the town it names lie this close (Hodeidah's airport is 8 km out).
CITY_SPELLING_KM = 30.0


def airport_city_spellings(places: list[PlaceRow]) -> list[PlaceRow]:
    """`places`, each town of `ROMANIZED_COUNTRIES` given the English spelling of its name that
    an airport serving it writes, as its city or in its own name, and GeoNames lacks:
    airportsdata's 'Hodeidah International Airport' names Al Ḩudaydah (`names.romanized_key`
    of both is 'hadada'), its city 'Vinnitsa' Vinnytsya. The most
    populous town within `CITY_SPELLING_KM` of the airport whose name has the city's
    romanised key takes it; a spelling some town of the country already has is left alone."""
    by_key: dict[tuple[str, str], set[int]] = defaultdict(set)
    spelled: set[tuple[str, str]] = set()
    for index, place in enumerate(places):
        if place.country not in ROMANIZED_COUNTRIES or place.feature_class != "P" or \
                place.resolution_only:
            continue
        spelled |= {(place.country, fold(name)) for name in (place.name, *place.alternate_names)}
        for key in romanized_keys(place):
            by_key[(place.country, key)].add(index)
    added: dict[int, list[str]] = defaultdict(list)
    for row, _, core in _named_airports():
        country = row["country"]
        if country not in ROMANIZED_COUNTRIES:
            continue
        for city in {row["city"].strip(), core or ""}:  # 'Hodeida'; the airport's 'Hodeidah'
            if not city or "(" in city or not is_latin(city) or (country, fold(city)) in spelled:
                continue
            near = [i for i in by_key.get((country, romanized_key(fold(city))), ())
                    if haversine_km(places[i].lat, places[i].lon, float(row["lat"]),
                                    float(row["lon"])) <= CITY_SPELLING_KM]
            if near:
                town = max(near, key=lambda i: places[i].population)
                if city not in added[town]:
                    added[town].append(city)
    return [replace(place, alternate_names=(*place.alternate_names, *added[index]))
            if index in added else place for index, place in enumerate(places)]


def admin1_reference_points() -> dict[str, tuple[float, float]]:
    """ISO 3166-2 code ('CA-ON') -> the region's point in countrystatecity's states."""
    points: dict[str, tuple[float, float]] = {}
    root = package_dir("countrystatecity_countries") / "data" / "by-country"
    for path in sorted(root.glob("*/states.json")):
        for state in json.loads(path.read_text(encoding="utf-8")):
            code, lat, lon = state.get("iso3166_2"), state.get("latitude"), state.get("longitude")
            if code and lat and lon:
                points[code] = (float(lat), float(lon))
    return points


def english_words() -> frozenset[str]:
    """English adjectives, adverbs and verbs (folded): the WordNet-derived lemma index that
    spaCy's small English model ships. Its nouns are left out: they hold Paris and Boston."""
    import spacy

    from polemos.nlp.model import MODEL_NAME

    nlp = spacy.load(MODEL_NAME, exclude=["tok2vec", "tagger", "parser", "attribute_ruler",
                                          "ner", "senter"])
    index = nlp.get_pipe("lemmatizer").lookups.get_table("lemma_index")
    return frozenset(fold(word) for pos in ("adj", "adv", "verb") for word in index.get(pos, []))
