"""Source locality hint: what an article's URL says about where its paper is.

A local paper rarely names its own town: a Columbus, Ohio paper's "Dublin" is the suburb, not
Ireland's capital, and nothing in its text says so. Its host name often does: the paper's name
is a town or region plus newspaper words ("columbuslocalnews", "norfolkdailynews",
"thisisoxfordshire", "wvgazette"), and a country-code domain (".ca", ".co.uk") names a country.

`source_hint(url, gazetteer)` reads the host: drops the public suffix (keeping a ccTLD's
country), segments every remaining label into newspaper/media words and gazetteer names, and
accepts a label only when the segmentation covers it completely (no leftover letters:
"lfpress" names no place). The hint is evidence for resolution only: each place it names, and
the ccTLD's country, join the article's names as pseudo mentions (`resolve.with_source`), so
support, nearness, country focus and the named-country/admin1 features read them like any
other name; they never become toponyms.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache
from urllib.parse import urlsplit

from polemos.geo.build_sources import KIND_ABBREVIATION, KIND_CODE, KIND_DEMONYM, KIND_PRIMARY
from polemos.geo.features import Entry
from polemos.geo.gazetteer import Gazetteer
from polemos.geo.names import fold
from polemos.models import Place

# Words newspapers, magazines and broadcasters put in their names, from journalism vocabulary
# (mastheads, broadcast and web words), plus the filler of web names ("thisis", "my", "and").
_MEDIA_TEXT = """
news newspaper newspapers paper times herald press post journal daily weekly gazette review
register sentinel chronicle tribune advocate beacon telegram telegraph courier dispatch record
recorder star stars sun online local today leader observer examiner citizen item pi tv radio
standard express mail mirror guardian independent globe bulletin messenger mercury monitor
enquirer inquirer reporter republic republican democrat banner argus eagle free ledger notes
outlook patriot pioneer plain dealer progress reflector signal spectator statesman transcript
union vindicator voice world week wire live now channel network media report view watch info
magazine mag hub blog alert update gleaner clarion crier bee chief courant picayune intelligencer
commercial appeal constitution call sunday morning evening tonight metro community regional area
press times journal new newsday newswire newsroom headlines headline breaking story stories
insider digest gazette current currents bugle trumpet echo echoes telegraph bulletin informer
sentinel tidings mercury planet universe focus scene life living source portal eye eyewitness
ap upi afp wire fm am cable broadcast broadcasting station studio video live web net digital
abc cbs nbc fox cnn ctv cbc bbc npr pbs itv sky cw wb
the this is my our your and of on in at to for all
"""
MEDIA_WORDS = frozenset(_MEDIA_TEXT.split())
# host labels that are no part of a paper's name
SKIP_LABELS = frozenset({"www", "m", "mobile", "amp", "en", "eng", "english", "edition", "web",
                         "beta", "static", "secure", "home", "ww", "w"})
# ccTLDs (with a second level: ".co.uk", ".com.au") taken as a country; vanity ccTLDs
# (".tv" Tuvalu, ".fm" Micronesia, ".io"...) are not.
SECOND_LEVEL = frozenset({"co", "com", "net", "org", "gov", "ac", "edu", "ltd", "plc", "sch",
                          "info", "biz", "or", "ne", "go", "nic", "gen", "in"})
VANITY_TLDS = frozenset({"tv", "fm", "am", "me", "io", "co", "ly", "cc", "ws", "to", "ai", "gg",
                         "nu", "tk", "la", "eu", "su"})
TLD_COUNTRY = {"uk": "GB"}
MAX_HOST, MAX_LABEL = 253, 63  # DNS limits of a name and of each label
# a two-letter code names a first-level region only in countries whose papers use such codes
CODE_COUNTRIES = frozenset({"US", "CA", "AU"})
PLACE_MIN_LETTERS = 3
MAX_PLACES_PER_LABEL = 1
MAX_LABEL = 40  # longer labels are no paper's name (and would cost many lookups)
MAX_PLACE = 25  # letters of one place piece (longer ones are no town's name run together)
_LABEL = re.compile(r"[a-z0-9]+")


@dataclass(frozen=True, slots=True)
class SourceHint:
    """The locality a source's host names: its ccTLD's country, and the gazetteer entries of the
    places its name spells ('columbus' of 'columbuslocalnews': every Columbus)."""

    host: str
    country: str | None = None
    country_place: Place | None = None  # the ccTLD's country as a gazetteer place
    # (place name as a gazetteer key, its entries) per place the host spells
    named: tuple[tuple[str, tuple[Entry, ...]], ...] = field(default=())

    @property
    def names(self) -> tuple[str, ...]:
        return tuple(name for name, _ in self.named)

    @property
    def places(self) -> tuple[Entry, ...]:
        return tuple(entry for _, entries in self.named for entry in entries)

    def context(self) -> list[tuple[str, tuple[Entry, ...]]]:
        """Pseudo mentions for resolution: each place name, and the ccTLD's country."""
        found = list(self.named)
        if self.country_place is not None:
            found.append((fold(self.country_place.name), ((self.country_place, KIND_PRIMARY),)))
        return found

    @property
    def empty(self) -> bool:
        return self.country is None and not self.places


def host_of(url: str | None) -> str | None:
    """The URL's host name, lower case (None when it has none a site could have: a "host"
    longer than DNS allows or with spaces is bad input, and would overflow an index key)."""
    if not url:
        return None
    text = url.strip()
    if "//" not in text:
        text = "//" + text
    try:
        host = urlsplit(text).hostname
    except ValueError:
        return None
    host = host.lower().rstrip(".") if host else None
    if not host or len(host) > MAX_HOST or any(c.isspace() for c in host) \
            or any(len(label) > MAX_LABEL for label in host.split(".")):
        return None
    return host


def split_host(host: str) -> tuple[list[str], str | None]:
    """The host's labels that may name the paper (registrable label first, then subdomains from
    the nearest), and the country its ccTLD names (ISO code, or None)."""
    labels = [label for label in host.split(".") if label]
    if len(labels) < 2 or all(label.isdigit() for label in labels):
        return [], None
    tld = labels[-1]
    suffix = 1
    if len(tld) == 2 and len(labels) >= 3 and labels[-2] in SECOND_LEVEL:
        suffix = 2
    country = None
    if len(tld) == 2 and tld.isalpha() and tld not in VANITY_TLDS:
        country = TLD_COUNTRY.get(tld, tld.upper())
    names = labels[:-suffix]
    kept = [label for label in reversed(names) if label not in SKIP_LABELS]
    return kept, country


class HostSegmenter:
    """Segments host labels into media words and gazetteer place names (see `segment`)."""

    def __init__(self, gazetteer: Gazetteer, place_min_population: int = 0) -> None:
        self.gazetteer = gazetteer
        self.place_min_population = place_min_population
        self._places = lru_cache(maxsize=50_000)(self._place_entries)
        self._hints = lru_cache(maxsize=10_000)(self._host_hint)

    def country(self, iso: str) -> Place | None:
        """The country of an ISO code as a gazetteer place, or None."""
        name = self.gazetteer.country_name(iso)
        if name is None:
            return None
        for place, _ in self.gazetteer.entries(fold(name)):
            if place.feature_code == "PCLI" and place.country == iso:
                return place
        return None

    def hint(self, host: str) -> SourceHint | None:
        """`source_hint` of a host (cached: a feed's articles share their host)."""
        return self._hints(host)

    def _host_hint(self, host: str) -> SourceHint | None:
        labels, country = split_host(host)
        country_place = self.country(country) if country else None
        if country_place is None:
            country = None
        named: list[tuple[str, tuple[Entry, ...]]] = []
        for label in labels:
            pieces = (self.segment(label) or []) if len(label) <= MAX_LABEL else []
            if sum(bool(entries) for _, entries in pieces) > MAX_PLACES_PER_LABEL:
                continue  # 'money' as 'mo' + 'ney', 'tradearabia': letters, not a paper's town
            for name, entries in pieces:
                kept = [e for e in entries if country is None or e[0].country == country]
                if kept:
                    named.append((name, tuple(kept)))
        hint = SourceHint(host, country, country_place, tuple(named))
        return None if hint.empty else hint

    def _place_entries(self, letters: str) -> tuple[str, tuple[Entry, ...]] | None:
        """A place name spelled by `letters` (a one- or two-word name run together): its key and
        entries, or None."""
        keys = [letters] + [f"{letters[:i]} {letters[i:]}" for i in range(2, len(letters) - 1)]
        for key in keys:
            entries = self._usable(key)
            if entries:
                return key, entries
        return None

    def _usable(self, key: str) -> tuple[Entry, ...]:
        short = len(key) < PLACE_MIN_LETTERS
        found = []
        for place, kind in self.gazetteer.entries(key):
            if short:
                if kind == KIND_CODE and place.country in CODE_COUNTRIES:
                    found.append((place, kind))
                continue
            if kind in (KIND_PRIMARY, KIND_DEMONYM) or (
                    kind == KIND_ABBREVIATION and place.feature_code == "PCLI"):
                found.append((place, kind))
        if not found:
            return ()
        if max(p.population for p, _ in found) < self.place_min_population:
            return ()
        return tuple(found)

    def segment(self, label: str) -> list[tuple[str, tuple[Entry, ...]]] | None:
        """The label as media words and place names, covering every letter (hyphens split):
        fewest pieces, then fewest places (a word that is both, 'star', is a word). None when no
        full segmentation exists. Returns the pieces, place pieces with their entries."""
        pieces: list[tuple[str, tuple[Entry, ...]]] = []
        for part in _LABEL.findall(label):
            found = self._segment_part(part)
            if found is None:
                return None
            pieces += found
        return pieces or None

    def _segment_part(self, text: str) -> list[tuple[str, tuple[Entry, ...]]] | None:
        n = len(text)
        # best[i]: (pieces, places, segmentation) of text[:i]
        best: list[tuple[int, int, list] | None] = [None] * (n + 1)
        best[0] = (0, 0, [])
        for end in range(1, n + 1):
            for start in range(end):
                prior = best[start]
                if prior is None:
                    continue
                piece = text[start:end]
                if piece in MEDIA_WORDS or piece.isdigit():
                    option = (prior[0] + 1, prior[1], prior[2] + [(piece, ())])
                elif len(piece) <= MAX_PLACE:
                    place = self._places(piece)
                    if place is None:
                        continue
                    option = (prior[0] + 1, prior[1] + 1, prior[2] + [place])
                else:
                    continue
                if best[end] is None or option[:2] < best[end][:2]:
                    best[end] = option
        return best[n][2] if best[n] is not None else None


def source_hint(url: str | None, segmenter: HostSegmenter) -> SourceHint | None:
    """The hint a URL gives, or None (no URL, or its host names neither a country nor a place).
    Places of a ccTLD host outside its country are dropped ('london' of a '.ca' paper)."""
    host = host_of(url)
    return segmenter.hint(host) if host is not None else None
