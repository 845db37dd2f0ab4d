"""Which detected names may be places: rules over a mention's gazetteer entries and the text
around it, before resolution. A name written as part of a longer one (a street, a firm, a
double surname, a feature named after it) is neither a toponym nor context for the others.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence

from polemos.geo.build_sources import KIND_ALTERNATE, KIND_DEMONYM
from polemos.geo.detect import Candidate
from polemos.geo.features import WIDE_CODES, Entry, inside
from polemos.geo.geometry import haversine_km
from polemos.geo.names import fold
from polemos.models import Place

_ARTICLE = re.compile(r"^the\s+", re.IGNORECASE)
WEAK_POPULATION = 20_000
ACRONYM_MAX = 5
# A town big enough to have parts named after directions ('North London', 'central Kharkiv',
# 'Greater Manchester'); a smaller town's 'North X' is mostly a place or a street of its own
# ('North Hall', 'West Tyler Street'), and 'Central Bank' or 'West Wing' no place at all.
PART_TOWN_MIN = 100_000
AREA_CLASSES = frozenset("ALH")  # areas, regions, seas: 'Western Kenya', 'North Atlantic'


def joined_areas(text: str, candidates: list[Candidate], entries: list[list[Entry]]
                 ) -> set[int]:
    """Starts of the names joined by '&' to another (`Candidate.firm` 2) where either of the
    two is an area or a big town ('Trinidad & Tobago'), not a firm ('Stevens & Wilkinson')."""
    pairs = [(c, e) for c, e in zip(candidates, entries, strict=True) if c.firm == 2]
    joined: set[int] = set()
    for (left, left_options), (right, right_options) in zip(pairs, pairs[1:], strict=False):
        if text[left.end : right.start].strip() == "&" and (
                big(left_options, True) or big(right_options, True)):
            joined |= {left.start, right.start}
    return joined


# A name right before a town's street word is a street's ('2517 Memphis St.', 'Augusta
# Avenue'): as context it pulled the article's towns towards a far namesake. Not a road's: a
# road leads to the town it names ('Hertford Road' in Edmonton, London; 'Douglas County Road 4').
_STREET_AFTER = re.compile(r" (?:St|Street|Ave|Avenue|Blvd|Boulevard|Drive|Ln|Lane)\b\.?")
# A name before a feature word it does not make a gazetteer name with (the detector found no
# longer name) names that feature, a subdivision or a venue: 'Madison Creek and Hampton Hills
# apartment complexes', 'Rolling Hills Country Club'. Not rivers, bays and valleys, which pass
# their names to the towns on them (`Geoparser._inner_name`), nor an area's ('Vatican Gardens').
_FEATURE_AFTER = re.compile(
    r" (?:Creek|Hills?|Heights|Park|Ridge|Woods|Estates|Meadows?|Springs|Gardens|Terrace|Manor"
    r"|Farms?|Commons|Crossing|Plaza|Mall|Apartments|Country Club|Golf|Stadium|Arena)\b")
_HYPHEN_AFTER = re.compile(r"-[A-Z]")
# a word in mixed case after the hyphen: 'Macy-O’Toole', 'Star-Advertiser'; not 'Watertown-ML'
_MIXED_AFTER = re.compile(r"-[A-Z](?:[a-z]|['’][A-Z][a-z])")
# a capitalised word in mixed case before the hyphen: not a party tag ('D-Charleston') nor a
# lower-case prefix ('pro-Moscow')
_HYPHEN_BEFORE = re.compile(r"\b[A-Z][\w'’]*[a-z][\w'’]*-$")


def hyphen_compounds(text: str, candidates: list[Candidate], entries: list[list[Entry]]
                     ) -> set[int]:
    """Starts of small towns' names hyphened to a capitalised word that is no name of the text
    ("Macy-O’Toole", 'Honolulu Star-Advertiser', 'Beacon-News'): a double surname or a
    title. Joined to another name, both stay ('Watertown-Mayer', 'Egypt-US'), as does an area
    or a big town."""
    if "-" not in text:
        return set()
    by_start = {c.start: (c, e) for c, e in zip(candidates, entries, strict=True)}
    by_end = {c.end: (c, e) for c, e in zip(candidates, entries, strict=True)}
    dropped = set()
    for candidate, options in zip(candidates, entries, strict=True):
        after = _HYPHEN_AFTER.match(text, candidate.end) is not None
        before = _HYPHEN_BEFORE.search(text, max(0, candidate.start - 40),
                                       candidate.start) is not None
        if not (after or before) or " " in candidate.key or big(options, True):
            continue
        partner = (by_start.get(candidate.end + 1) if after else None) or (
            by_end.get(candidate.start - 1) if before else None)
        if partner is not None and all(kind == KIND_ALTERNATE for _, kind in partner[1]):
            partner = None  # a variant spelling is no name of its own ('Wal' of 'Wal-Mart')
        if partner is None and (not after or _MIXED_AFTER.match(text, candidate.end)):
            dropped.add(candidate.start)
    return dropped


# 'X in Y': X lies in Y ('Hampton Park in Charleston', 'Lysychansk in the Luhansk region')
# what may stand between 'in' and the place: 'in the Luhansk region', 'in the city of Kharkiv'
PLACE_OPENING = r"(?:the\s+)?(?:(?:city|town|village)\s+of\s+)?"
# below this, a town or county named by an English word is the word (`english_words_as_words`)
WORD_TOWN_MAX = 50_000
_LOCATIVE_BEFORE = re.compile(
    r"\b(?:in|at|near|from|to|outside|around|into|onto|through|via|towards?)\s+$",
    re.I)
LOCATIVE_REACH = 16
_QUALIFIER_AFTER = re.compile(r",\s*[A-Z]")
_UNIT_AFTER = re.compile(r"\s+(?:Township|County|District|Region|Province|Parish|Municipality)\b")
# 'Bright is a town in Victoria', 'Sylvan was a village': the text says what the name is
_PLACE_NOUN_AFTER = re.compile(
    r"\s+(?:is|was)\s+(?:an?|the)\s+(?:[\w-]+\s+){0,3}?(?:town|city|village|hamlet|community|"
    r"borough|township|county|suburb|municipality|settlement|locality)\b")
_IN_AREA = re.compile(rf"\s+in\s+{PLACE_OPENING}")
# how far a part of a town (a suburb, a park) may lie from the town's point; a region's capital
# named for the region ('Bakhmut in Donetsk') is farther, but its region is a reading too
PART_KM = 100.0


def unplaced_parts(text: str, candidates: list[Candidate], entries: list[list[Entry]]
                   ) -> set[int]:
    """Starts of the names written 'X in Y' where no reading of X lies in or near any reading
    of Y: X is a park, a neighbourhood or a street of Y that the gazetteer lacks, and its
    namesakes are far away. As context 'Hampton Park' of 'east of Hampton Park in Charleston'
    (only a Melbourne suburb in the gazetteer) sent every 'Charleston' of a South Carolina
    story to a hamlet in South Australia. A name with a wider reading (a region, a country)
    is left alone."""
    by_start = {c.start: e for c, e in zip(candidates, entries, strict=True)}
    dropped = set()
    for candidate, options in zip(candidates, entries, strict=True):
        gap = _IN_AREA.match(text, candidate.end)
        areas = [place for place, _ in by_start.get(gap.end(), [])] if gap else []
        parts = [place for place, _ in options]
        if not areas or not parts or any(p.feature_code in WIDE_CODES for p in parts):
            continue
        if not any(_lies_in(part, area) for part in parts for area in areas):
            dropped.add(candidate.start)
    return dropped


def _lies_in(part: Place, area: Place) -> bool:
    if area.feature_code in ("PCLI", "ADM1"):
        return inside(part, area)
    if area.feature_code in WIDE_CODES:  # a sea, a continent: no test
        return True
    return part.admin2_id == area.geonameid or \
        haversine_km(part.lat, part.lon, area.lat, area.lon) <= PART_KM


def possible_place(candidate: Candidate, options: list[Entry], lowercase_words: set[str],
                   joined: set[int] = frozenset()) -> bool:
    """Not a person's title context, not a word the text also uses in lower case ('drone',
    'war'), not a lone alternate spelling of a small place, not a firm's name, not a small
    town's name after an article and a year: a make or an event ('a 2000 Ford Taurus', 'a 1997
    Holden Commodore', 'the 2016 Ballon d'Or'; 'the 2016 Iowa caucuses' is the state's)."""
    if candidate.title_before or candidate.firm == 1 or not options or (
            candidate.saints and not big(options)) or (
            candidate.firm == 2 and candidate.start not in joined) or (
            (candidate.dated or candidate.body_after) and " " not in candidate.key
            and not big(options, True)):
        return False
    if any(kind == KIND_DEMONYM for _, kind in options):
        return True
    word = _ARTICLE.sub("", candidate.name_text)  # 'The City' (Council) is the word 'city'
    single = " " not in word.strip()
    return not (single and ((word.lower() in lowercase_words
                             and not _acronym(candidate)) or _weak(options)))


def english_words_as_words(text: str, candidates: Sequence[Candidate],
                           options: Sequence[list[Entry]],
                           is_english_word: Callable[[str], bool]) -> set[int]:
    """The starts of lone capitalised English adjectives, adverbs and verbs ('Early in the
    second half', a 'Junior Firefighter program', 'the Red Crescent', 'a Royal Battle', 'Grant
    said') whose every reading is a town or county of fewer than `WORD_TOWN_MAX` people: the
    word, not the place, unless the text writes that name as a place somewhere (one sense per
    article): after a locative preposition ('through Bright and onto Plattsville'), before a
    qualifier ('Bright, Indiana') or what it is ('Bright is a town in Victoria'), or as a
    dateline ('BANTAM —'). Nouns stay: the word index's nouns hold Paris and Boston.
    `is_english_word`: the gazetteer's `english_word` table (spaCy's WordNet lemma index)."""
    worded = [candidate for candidate, entries in zip(candidates, options, strict=True)
              if _word_town(candidate, entries, is_english_word)]
    starts = {candidate.start for candidate in candidates}
    placed = {candidate.key for candidate in worded
              if _written_as_place(text, candidate, starts)}
    return {candidate.start for candidate in worded if candidate.key not in placed}


def _word_town(candidate: Candidate, options: list[Entry],
               is_english_word: Callable[[str], bool]) -> bool:
    word = candidate.name_text.strip()
    return (" " not in word and bool(options)
            and all((place.feature_class == "P" or place.feature_code == "ADM2")
                    and place.population < WORD_TOWN_MAX for place, _ in options)
            and is_english_word(fold(word)))


def _written_as_place(text: str, candidate: Candidate, starts: set[int]) -> bool:
    """An upper-case dateline ('BANTAM —'; 'Rose, 28,' opens a sentence too), another name of
    the text after a comma ('Bright, Indiana'; 'Foster, Mike Barber' is a list of people), what
    it is or the unit it names after it ('Pale Township'), or a locative preposition before it
    when no capitalised word follows ('at Healing Hands Physical Therapy' is a firm's)."""
    qualifier = _QUALIFIER_AFTER.match(text, candidate.end)
    return ((candidate.dateline and candidate.name_text.isupper())
            or (qualifier is not None and qualifier.end() - 1 in starts)
            or _UNIT_AFTER.match(text, candidate.end) is not None
            or (not candidate.name_after and _LOCATIVE_BEFORE.search(
                text, max(0, candidate.start - LOCATIVE_REACH), candidate.start) is not None)
            or _PLACE_NOUN_AFTER.match(text, candidate.end) is not None)


def big(options: list[Entry], areas: bool = False) -> bool:
    """A town of at least `PART_TOWN_MIN` people among the options (or, with `areas`, any
    area but a county; an airport is a spot, no area: 'a 2000 Ford Taurus' is no Ford Airport):
    'St. Petersburg's Pulkovo Airport' is the city's, while 'St. John's Lutheran School', 'St.
    Michael's Hospital' are the saint's (`Candidate.saints`), not the villages named after him;
    'Trinidad & Tobago' are islands, 'Stevens & Wilkinson' a firm (`Candidate.firm`)."""
    return any(place.feature_class == "P" and place.population >= PART_TOWN_MIN
               for place, _ in options) or (areas and has_area(options))


def has_area(options: list[Entry]) -> bool:
    """An area, a sea or a region among the options, a county aside."""
    return any(place.feature_class in AREA_CLASSES and place.feature_code != "ADM2"
               for place, _ in options)


def _acronym(candidate: Candidate) -> bool:
    """A short upper-case word ('US', 'UK'): it matches abbreviations only (`Geoparser.entries`),
    so the same letters written in lower case ('us') are another word, no evidence against it."""
    letters = candidate.name_text.replace(".", "")
    return 1 < len(letters) <= ACRONYM_MAX and letters.isupper() and not candidate.dateline


def _weak(options: list[Entry]) -> bool:
    """Only alternate names of small towns: GeoNames' variant lists hold many English words.
    (An area's alias, 'Karabakh' for Nagorno-Karabakh, is no such noise.)"""
    return all(kind == KIND_ALTERNATE and place.feature_class == "P"
               and place.population < WEAK_POPULATION for place, kind in options)


def part_of_a_longer_name(text: str, end: int, options: list[Entry]) -> bool:
    """The detected name ending at `end` names a street ('Augusta Avenue') or a feature
    ('Madison Creek') the gazetteer lacks, unless it has an area reading ('Vatican Gardens')."""
    return _STREET_AFTER.match(text, end) is not None or (
        _FEATURE_AFTER.match(text, end) is not None and not has_area(options))
