"""Read access to the embedded gazetteer (see `polemos.geo.build`)."""

from __future__ import annotations

import sqlite3
import threading
from functools import lru_cache
from pathlib import Path

from polemos.config import gazetteer_path
from polemos.geo.build import SCHEMA_VERSION, build_gazetteer
from polemos.geo.build_sources import KIND_ALTERNATE, KIND_DEMONYM, KIND_PRIMARY
from polemos.geo.names import (
    expand_abbreviations,
    fold,
    has_abbreviable_word,
    romanized_key,
    singular,
)
from polemos.models import Place

_PLACE_COLUMNS = (
    "p.geonameid, p.name, p.country, p.admin1, p.lat, p.lon, p.feature_class, p.feature_code,"
    " p.population, p.admin1_code, p.admin2_id, a2.name"
)
# A town's ADM2 area, for its name (`Place.admin2`): one lookup by primary key per row.
_WITH_ADMIN2 = "LEFT JOIN place a2 ON a2.geonameid = p.admin2_id"
MAX_CANDIDATES = 200
# A romanisation-blind match (`names.romanized_key`) makes a toponym of a word in running text only
# for a first-level region or a town this big, and a key of this many letters: the hamlets and
# short keys of the `romanized` table would meet English words.
ROMANIZED_DETECT_MIN = 20_000
ROMANIZED_DETECT_LETTERS = 6


class GazetteerMissing(RuntimeError):
    pass


class Gazetteer:
    """Name -> candidate places, over a read-only, memory-mapped SQLite file.

    One connection per thread (sqlite3 connections are not shareable across threads); the OS
    page cache holds the file once for every process on the machine.
    """

    def __init__(self, path: Path) -> None:
        if not path.exists():
            raise GazetteerMissing(f"gazetteer index not found at {path}; run `polemos setup`")
        self.path = path
        self._local = threading.local()
        self.entries = lru_cache(maxsize=100_000)(self._entries)
        self.has_name = lru_cache(maxsize=400_000)(self._has_name)
        self.hidden_ids = lru_cache(maxsize=10_000)(self._hidden_ids)
        self.neighbours = lru_cache(maxsize=512)(self._neighbours)
        self._demonyms = lru_cache(maxsize=1)(self._demonym_keys)
        self.area_code_region = lru_cache(maxsize=1024)(self._area_code_region)
        self.is_english_word = lru_cache(maxsize=65_536)(self._is_english_word)
        self.romanized = lru_cache(maxsize=100_000)(self._romanized)
        if schema_version(path) != SCHEMA_VERSION:
            raise GazetteerMissing(f"gazetteer at {path} is outdated; run `polemos setup --force`")

    def _connection(self) -> sqlite3.Connection:
        connection = getattr(self._local, "connection", None)
        if connection is None:
            connection = sqlite3.connect(
                f"file:{self.path}?mode=ro&immutable=1", uri=True, check_same_thread=False
            )
            connection.execute("PRAGMA mmap_size=268435456")
            self._local.connection = connection
        return connection

    def _has_name(self, key: str) -> bool:
        """A name the detector may look for (hidden names only resolve, see `build.SCHEMA`), or
        a demonym's plural ('Ohioans', 'Americans'; `Geoparser.entries` looks it up through its
        singular, `names.singular`)."""
        row = self._connection().execute(
            "SELECT 1 FROM name WHERE key=? AND detect=1 LIMIT 1", (key,)
        )
        if row.fetchone() is not None:
            return True
        stem = singular(key)
        if stem is not None and stem in self._demonyms():
            return True
        return _romanized_detectable(key) and any(
            place.feature_code == "ADM1" or place.population >= ROMANIZED_DETECT_MIN
            for place, _ in self.romanized(key))

    def _romanized(self, key: str) -> tuple[tuple[Place, int], ...]:
        """The places a name means under another romanisation ('zaporozhye': Zaporizhzhya), most
        populous first, as alternate names."""
        rows = self._connection().execute(
            f"SELECT {_PLACE_COLUMNS} FROM romanized r JOIN place p USING (geonameid)"
            f" {_WITH_ADMIN2} WHERE r.key=? ORDER BY p.population DESC LIMIT ?",
            (romanized_key(key), MAX_CANDIDATES),
        ).fetchall()
        return tuple((_place(row), KIND_ALTERNATE) for row in rows)

    def _demonym_keys(self) -> frozenset[str]:
        """Every detectable demonym's key (a few thousand; read once)."""
        rows = self._connection().execute(
            "SELECT DISTINCT key FROM name WHERE kind=? AND detect=1", (KIND_DEMONYM,)
        )
        return frozenset(row[0] for row in rows)

    def _hidden_ids(self, key: str) -> frozenset[int]:
        """The places `key` names only for given spans (hidden names and abbreviations)."""
        rows = self._connection().execute(
            "SELECT geonameid FROM name WHERE key=? AND detect=0", (key,)
        )
        return frozenset(row[0] for row in rows)

    def _entries(self, key: str) -> tuple[tuple[Place, int], ...]:
        """Every (place, name kind) called `key` (a folded name), most populous first.

        The kind (see `build.SCHEMA`) tells a primary name from an alternate one, a demonym or an
        abbreviation: 'Slovyansk' is an alternate name of Sloviansk but the primary one of
        nothing, which matters when a big town lists a small one's name among its variants.
        A primary name written with abbreviated words ('St. Petersburg' for Saint Petersburg)
        counts as primary."""
        rows = self._connection().execute(
            f"SELECT {_PLACE_COLUMNS}, n.kind FROM name n JOIN place p USING (geonameid)"
            f" {_WITH_ADMIN2}"
            " WHERE n.key=? ORDER BY p.population DESC LIMIT ?",
            (key, MAX_CANDIDATES),
        ).fetchall()
        entries = tuple((_place(row), row[12]) for row in rows)
        if _romanized_detectable(key):
            entries = _with_romanized(entries, self.romanized(key))
        if not has_abbreviable_word(key):
            return entries
        expanded = expand_abbreviations(key)
        return tuple(
            (place, KIND_PRIMARY if kind == KIND_ALTERNATE
             and expand_abbreviations(fold(place.name)) == expanded else kind)
            for place, kind in entries
        )

    def lookup(self, key: str) -> tuple[Place, ...]:
        """Every place called `key` (a folded name), most populous first."""
        return tuple(place for place, _ in self.entries(key))

    def place(self, geonameid: int) -> Place | None:
        row = self._connection().execute(
            f"SELECT {_PLACE_COLUMNS} FROM place p {_WITH_ADMIN2} WHERE p.geonameid=?",
            (geonameid,)
        ).fetchone()
        return _place(row) if row else None

    def _is_english_word(self, key: str) -> bool:
        """An English adjective, adverb or verb that is also a one-word name (schema 27)."""
        row = self._connection().execute("SELECT 1 FROM english_word WHERE key = ?", (key,))
        return row.fetchone() is not None

    def _area_code_region(self, code: str) -> Place | None:
        """The first-level region a telephone area code is dialled in ('860': Connecticut)."""
        row = self._connection().execute(
            f"SELECT {_PLACE_COLUMNS} FROM area_code c JOIN place p USING (geonameid)"
            f" {_WITH_ADMIN2} WHERE c.code=?", (code,)
        ).fetchone()
        return _place(row) if row else None

    def country_name(self, iso: str) -> str | None:
        row = self._connection().execute("SELECT name FROM country WHERE iso=?", (iso,)).fetchone()
        return row[0] if row else None

    def _neighbours(self, iso: str) -> frozenset[str]:
        """The countries bordering `iso` (GeoNames' country table)."""
        row = self._connection().execute(
            "SELECT neighbours FROM country WHERE iso=?", (iso,)).fetchone()
        return frozenset(filter(None, (row[0] if row else "").split(",")))

    def country_iso3(self, iso: str) -> str | None:
        row = self._connection().execute("SELECT iso3 FROM country WHERE iso=?", (iso,)).fetchone()
        return row[0] if row else None


def _romanized_detectable(key: str) -> bool:
    """May a name be read under another romanisation? Only one of several words that opens with
    no English or French word ('Jisr al-Shughur', 'Deir al-Balah'): one word alone meets given
    names and English words ('Ismaili' became Ismailia, 'Billy', 'Angels' other towns: train
    end to end LGL 0.7943 -> 0.7904), and 'an Alexandria' would lose its article."""
    words = key.split()
    return len(words) > 1 and words[0] not in _ENGLISH_OPENERS and \
        sum(ch.isalpha() for ch in romanized_key(key)) >= ROMANIZED_DETECT_LETTERS


# English and French words that open a run of capitalised words but no Arabic name ('An
# Alexandria', 'Les Bellah'); 'al' and 'el' do open them
_ENGLISH_OPENERS = frozenset({"an", "as", "at", "the", "a", "in", "on", "of", "les", "la", "le",
                              "de", "des", "du"})


def _with_romanized(entries: tuple[tuple[Place, int], ...],
                    romanized: tuple[tuple[Place, int], ...]) -> tuple[tuple[Place, int], ...]:
    """A name's entries, and its other romanisation's places where the name itself has no area
    and no town of `ROMANIZED_DETECT_MIN` people, and the most populous of them is more populous
    than every place the name has ('zaporozhye' is a Kazakh village's primary name and a
    spelling of Zaporizhzhya, 710k; 'gaza' has Gaza and is not Giza, 'hiza')."""
    if any(place.feature_class == "A" or place.population >= ROMANIZED_DETECT_MIN
           for place, _ in entries):
        return entries
    known = {place.geonameid for place, _ in entries}
    extra = tuple(entry for entry in romanized if entry[0].geonameid not in known and (
        entry[0].feature_class == "A" or entry[0].population >= ROMANIZED_DETECT_MIN))
    if not extra or entries and extra[0][0].population <= entries[0][0].population:
        return entries
    both = sorted(entries + extra, key=lambda entry: -entry[0].population)
    return tuple(both[:MAX_CANDIDATES])


def _place(row: tuple) -> Place:
    return Place(
        geonameid=row[0], name=row[1], country=row[2], admin1=row[3], lat=row[4], lon=row[5],
        feature_class=row[6], feature_code=row[7], population=row[8], admin1_code=row[9],
        admin2_id=row[10], admin2=row[1] if row[7] == "ADM2" else row[11],
    )


def schema_version(path: Path) -> int | None:
    try:
        connection = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
        try:
            row = connection.execute("SELECT value FROM meta WHERE key='schema_version'").fetchone()
        finally:
            connection.close()
    except sqlite3.Error:
        return None
    return int(row[0]) if row else None


_shared: Gazetteer | None = None
_shared_lock = threading.Lock()


def ensure_gazetteer(force: bool = False) -> Path:
    """Build the index if it is missing, outdated (schema changed) or `force`; return its path."""
    path = gazetteer_path()
    if force or not path.exists() or schema_version(path) != SCHEMA_VERSION:
        build_gazetteer(path)
    return path


def get_gazetteer() -> Gazetteer:
    """The process-wide gazetteer, built on first use if set-up was skipped."""
    global _shared
    with _shared_lock:
        if _shared is None:
            _shared = Gazetteer(ensure_gazetteer())
        return _shared

