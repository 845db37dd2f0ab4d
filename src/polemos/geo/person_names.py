"""Person names among the toponyms the gazetteer finds: where NER should look, and which names
the article uses for people.

A town's name is also many people's name ('Austin', 'Jones', 'Kelly'). NER reads the sentence
where a reported lone name follows another capitalised word ('Lloyd Austin', 'Tyrise M. Bell',
'John Kelly'); the last word of each full PERSON it finds, and a name after a person's title
('Sheriff Jackson'), is a surname of the article, and its lone mentions are the person's
('Austin told reporters') unless the article writes the name plainly as a place ('in Austin',
'Austin, Texas', 'Mitchell is a city'): one name, one sense per article.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from polemos.geo.detect import (
    COMMON_WORDS,
    GIVEN_NAMES,
    INSTITUTION_WORDS,
    REGION_WORDS,
    STORM_WORDS,
    TITLE_WORDS,
    Candidate,
    lowercase_words,
)
from polemos.geo.features import Entry
from polemos.geo.names import fold
from polemos.geo.resolve import Resolution
from polemos.models import Place, Toponym

NAME_TOWN_MAX = 100_000  # a town this big is not taken for someone's name next to another word
# an airport is a spot like a town: its core name is often a person's ('Bishop', 'Mather')
LOCAL_CODES = frozenset({"PPL", "PPLC", "ADM1", "ADM2", "AIRP"})
_WORD_BEFORE = re.compile(r"([A-Z][\w-]*) $")  # not a possessive: "Ukraine's Kharkiv"
_WORD_AFTER = re.compile(r" ([A-Z][\w-]*)")
_NOT_NAME_WORDS = (COMMON_WORDS | REGION_WORDS) - INSTITUTION_WORDS
_MIDDLE_INITIAL_AFTER = re.compile(r" [A-Z]\. [A-Z][a-z]")
# Words before a surname: a given name ('John Kelly') starts a person's name, though the
# detector keeps it among the common words.
_NAME_STARTERS_EXCLUDED = _NOT_NAME_WORDS - GIVEN_NAMES
_PERSON_TITLES = TITLE_WORDS - {"st", "saint"}  # 'St. Louis' names a place, not a person
# a storm is named like a person: 'After Harvey' is the hurricane of 'Hurricane Harvey'
_TITLED = re.compile(
    rf"\b(?:{'|'.join(sorted(_PERSON_TITLES | STORM_WORDS))})\.? ([A-Z][\w'-]+)", re.I)
_CAPITALISED = re.compile(r"\b[A-Z][\w-]*")
# A given name, a middle initial, a surname: 'Tyrise M. Bell', 'Terry A. Corbin' (the small model
# calls some of them ORG), a person whatever NER says.
_INITIALLED = re.compile(r"\b([A-Z][a-z]+) [A-Z]\. ([A-Z][a-z][\w'-]*)")
# the next word of a name, not a possessive ("Tigray People's Liberation Front" names a body)
_ENTITY_WORD = re.compile(r" ([^\W_]{3,})(?![\w’'])")
_NAME_GAPS = frozenset({" ", ". ", '" ', "” "})  # 'Lloyd Austin', 'M. Bell', '"Sonny" Hall'
_IN_BEFORE = re.compile(r"\b(?:in|near|outside)\s+$", re.I)
# 'X is a city', 'X (pronunciation) is a census-designated place', 'X was the capital of'
_PLACE_DEFINITION = re.compile(
    r"(?:\s*(?:\([^)]{0,80}\)|/[^/]{0,40}/))?,?\s+(?:is|was)\s+(?:a|an|the)\s+"
    r"(?:[\w-]+\s+){0,3}(?:city|town|village|county|district|community|borough|township|"
    r"municipality|suburb|settlement|hamlet|place|neighbou?rhood|locality|capital|port|parish|"
    r"seat|barangay|base)\b")
GENERATION_SUFFIXES = frozenset({"jr", "sr", "ii", "iii", "iv"})
SPEAKER_CODES = frozenset({"PPL", "ADM2", "AIRP"})
_SPEECH_AFTER = re.compile(
    r" (?:said|says|told|added|explained|noted|stated|asked|replied|wrote|testified|agreed|"
    r"argued|recalled|admitted|insisted|declined|acknowledged)\b")
# what only a person has: kin, a lawyer, an age ('Welch and his mother', 'Marshall, his
# friend', "Welch's attorney", 'Paris, 51,')
_KIN = (r"(?:mother|father|wife|husband|son|daughter|brother|sister|cousin|friend|family|"
        r"parents|girlfriend|boyfriend)")
_PERSON_AFTER = re.compile(
    rf"(?:,? and (?:his|her) |, (?:his|her) {_KIN}\b|['’]s (?:{_KIN}|attorney|lawyer|body|"
    r"death|funeral)\b|, \d{1,3}, )")
# the source of a statement, alone in its clause: 'according to Taylor.', '," said Logan.'
_SOURCE_BEFORE = re.compile(r"\b(?:according to|said|says)\s$")
_CLAUSE_END = re.compile(r"[.,;:]")
_QUALIFIER_AFTER = re.compile(r", [A-Z]")  # 'Austin, Texas'; not 'Jones, a farmer'
# 'according to Taylor' is no place's 'to'
_PREPOSITION_BEFORE = re.compile(
    r"\b(?:in|at|near|from|(?<!according )to|outside|around|into|of)\s+$", re.I)


@dataclass(frozen=True, slots=True)
class Entity:
    start: int
    end: int
    label: str


def in_longer_name(text: str, resolution: Resolution) -> bool:
    """A small town's (an airport's, a county's bare) name right after or before another
    capitalised word that is neither a common word ('In', 'President', 'Monday') nor a region
    word ('Oblast'): maybe part of a person's name. (Given names and surnames that are places
    are villages: 'Oleh', 'Pedro'.)"""
    toponym = resolution.toponym
    place = toponym.place
    if place is None or place.population >= NAME_TOWN_MAX:
        return False
    bare_county = place.feature_code == "ADM2" and not REGION_WORDS & set(
        fold(toponym.text).split())  # 'Scott Newsham', not 'Anderson County Sheriff'
    if place.feature_class != "P" and place.feature_code != "AIRP" and not bare_county:
        return False
    return _next_to_a_name(text, toponym.start, toponym.end)


def context_people(text: str, candidates: Sequence[Candidate], entries: Sequence[list[Entry]]
                   ) -> set[str]:
    """Keys of the context names that read as part of a longer name, mostly a person's (for
    gold spans, where the detected names are context only and NER does not run): a lone word
    whose every reading is a small place (no country, no first-level region, no town of
    NAME_TOWN_MAX people) written right after or before another capitalised word that is no
    common word ('Officer Robert Canto', 'Adam Creager', a business's or an institution's
    'DeSoto Detention Center'), with its other lone mentions: one name, one sense per article.
    (The detector already skips a surname after a given name, 'Steve Hurley', so it is mostly
    given names and words before another name that this catches; a lone 'Hurley said' stays.
    Keeping a name the article also writes plainly as a place, 'in Hurley', measured worse on
    the train half-splits: 0.9635 -> 0.9627.)"""
    return {c.key for c, options in zip(candidates, entries, strict=True)
            if " " not in c.key and options and all(_small(place) for place, _ in options)
            and _next_to_a_name(text, c.start, c.end)}


def _small(place: Place) -> bool:
    return place.feature_code not in ("PCLI", "ADM1") and (
        place.feature_class != "P" or place.population < NAME_TOWN_MAX)


def _next_to_a_name(text: str, start: int, end: int) -> bool:
    """Right after or before another capitalised word that is no common or region word."""
    before = _WORD_BEFORE.search(text, max(0, start - 30), start)
    if _MIDDLE_INITIAL_AFTER.match(text, end):  # 'Harvey A. Rittle'
        return True
    after = _WORD_AFTER.match(text, end)
    return any(match is not None and fold(match.group(1)) not in _NOT_NAME_WORDS
               for match in (before, after))


def name_sightings(text: str, resolutions: Sequence[Resolution]) -> list[tuple[int, int]]:
    """Where a lone name the article reports stands right after another capitalised word that is
    no common word ('Lloyd Austin', 'Tom Jones', 'Tyrise M. Bell'): there NER tells whether it is
    a person's surname (`surnames`), whatever the size of the town it also names. One sighting
    a name; one pass over the text's capitalised words."""
    wanted = {r.toponym.text for r in resolutions
              if " " not in r.toponym.text.strip() and r.toponym.place is not None
              and r.toponym.place.feature_code in LOCAL_CODES}
    spans: list[tuple[int, int]] = []
    if not wanted:
        return spans
    words = list(_CAPITALISED.finditer(text))
    for before, word in zip(words, words[1:], strict=False):
        name = word.group()
        if (name in wanted and text[before.end() : word.start()] in _NAME_GAPS
                and fold(before.group()) not in _NAME_STARTERS_EXCLUDED):
            spans.append((before.start(), word.end()))
            wanted.discard(name)
    return spans


def surnames(text: str, entities: list[Entity]) -> frozenset[str]:
    """The last words of the article's full person names ('Lloyd Austin', 'Jake Sullivan'), as
    NER found them in the sentences it read, their first words where the rest reads as a
    person's name (`_plain_name`: the obituary's lone 'Martha' after 'Martha Uhrich Peiffer'),
    and the names after a title ('Sheriff Jackson')."""
    people = [e for e in entities
              if e.label == "PERSON" and len(text[e.start : e.end].split()) > 1]
    full = [text[e.start : e.end].split() for e in people]
    lowercase = lowercase_words(text) if full else set()  # a pass over the text, when needed
    last_words = [_surname(words) for words in full] + [
        words[0] for e, words in zip(people, full, strict=True)
        if _plain_name(words, lowercase) and not _WORD_AFTER.match(text, e.end)]
    # no acronym: the model runs a byline into the next word ('Henry Lazenby US')
    full_names = {fold(word) for word in last_words if not word.isupper()}
    titled = {fold(m.group(1)) for m in _TITLED.finditer(text)} - _NOT_NAME_WORDS
    initialled = {fold(m.group(2)) for m in _INITIALLED.finditer(text)
                  if fold(m.group(1)) not in _NAME_STARTERS_EXCLUDED}
    return frozenset(full_names | titled | initialled)


def _plain_name(words: list[str], lowercase: set[str]) -> bool:
    """Two or three words whose rest is a surname's shape: capitalised, no common, title or
    institution word, none the text also writes in lower case (NER's person 'Huntsville Fire'
    in a story about fires)."""
    return len(words) <= 3 and all(
        w[:1].isupper() and w[1:].islower() and fold(w) not in _NOT_A_GIVEN_NAME
        and w.lower() not in lowercase for w in words[1:])


_NOT_A_GIVEN_NAME = COMMON_WORDS | TITLE_WORDS | INSTITUTION_WORDS


def _surname(words: list[str]) -> str:
    """A full name's surname: its last word without a possessive ("Antonella Bruno's") and
    before a generational suffix ('George Bush Jr')."""
    while len(words) > 2 and words[-1].rstrip(".,").lower() in GENERATION_SUFFIXES:
        words = words[:-1]
    last = words[-1]
    for suffix in ("’s", "'s", "’", "'"):
        if last.endswith(suffix) and len(last) > len(suffix):
            return last[: -len(suffix)]
    return last


def speakers(text: str, resolutions: Sequence[Resolution]) -> frozenset[str]:
    """Lone names of small towns or counties that speak ('Welch said', '" Polk added'), have
    what only a person has ('Welch and his mother', "Welch's attorney", 'Paris, 51,') or are
    a statement's source ('according to Taylor.', '," said Logan.'): a town says nothing; a
    country, a region, a capital or a big city may ('Georgia says', 'Tbilisi
    says', 'Liverpool said' of its club), and a name after a preposition is a place ('the
    20-year-old from Brampton said')."""
    found = set()
    for resolution in resolutions:
        toponym = resolution.toponym
        place = toponym.place
        if (place is None or place.feature_code not in SPEAKER_CODES
                or place.population >= NAME_TOWN_MAX or " " in toponym.text.strip()):
            continue
        source = (_SOURCE_BEFORE.search(text, max(0, toponym.start - 14), toponym.start)
                  and _CLAUSE_END.match(text, toponym.end))
        spoke = (_SPEECH_AFTER.match(text, toponym.end) or _PERSON_AFTER.match(
            text, toponym.end)) and not _PREPOSITION_BEFORE.search(
            text, max(0, toponym.start - 12), toponym.start)
        if source or spoke:
            found.add(fold(toponym.text))
    return frozenset(found)


def inside_a_person(text: str, toponym: Toponym, entities: list[Entity]) -> bool:
    """A lone word inside a longer PERSON that NER found in a sentence it read ('Tom Austin'); a
    name of several words is no part of a person's name ('Anderson County Sheriff Greg Taylor'
    is the model's error), nor is a name before a common noun (`person_around`)."""
    if " " in toponym.text.strip():
        return False
    return any(e.label == "PERSON" and e.start <= toponym.start and toponym.end <= e.end
               and e.end - e.start > toponym.end - toponym.start
               and person_around(text, toponym, e) for e in entities)


def person_around(text: str, toponym: Toponym, entity: Entity) -> bool:
    """The words of a PERSON after the toponym can be a person's: not a word the text also
    writes in lower case nor a number. The small model calls 'Huntsville Fire Chief Tom
    Grisham', 'Alexandria Police Spokeswoman' and 'Huntsville Fire Station 1' people; a surname
    after a given name ('Austin Rivers') is no common noun."""
    after = _ENTITY_WORD.match(text, toponym.end, entity.end)
    if after is None:
        return True
    word = after.group(1)
    return not (word.isdigit() or re.search(rf"\b{re.escape(word.lower())}\b", text))


_POSSESSIVE_AFTER = re.compile(r"['’]s?\b|['’](?=\s)")


def written_as_places(text: str, resolutions: Sequence[Resolution]) -> set[str]:
    """Names the article writes as a place somewhere ('in Mitchell', 'Mitchell, South Dakota'):
    a person who shares the name ('named after Alexander Mitchell') does not make its other
    mentions his."""
    starts = {r.toponym.start for r in resolutions}
    return {fold(r.toponym.text) for r in resolutions
            if _plainly_a_place(text, r.toponym, starts)}


def _plainly_a_place(text: str, toponym: Toponym, starts: set[int]) -> bool:
    """Written so that only a place fits: 'in X', 'near X', 'X, Texas', 'X is a city...'
    ('from X', 'to X' also take people: 'a statement from Kelly'); 'in X's' is not so written,
    the preposition governs what follows ('in Paris’ case' of a murdered Mr. Paris)."""
    return (_governed(text, toponym, _IN_BEFORE, 8) or _qualified(text, toponym, starts)
            or _PLACE_DEFINITION.match(text, toponym.end) is not None)


def _qualified(text: str, toponym: Toponym, starts: set[int]) -> bool:
    """'Austin, Texas': a comma, then another name of the article's ('Bell, Eggers fired' is
    a person, then another)."""
    return (_QUALIFIER_AFTER.match(text, toponym.end) is not None
            and toponym.end + 2 in starts)


def _as_place(text: str, toponym: Toponym, starts: set[int]) -> bool:
    return _governed(text, toponym, _PREPOSITION_BEFORE, 12) or _qualified(text, toponym, starts)


def _governed(text: str, toponym: Toponym, preposition: re.Pattern, reach: int) -> bool:
    """The name is what the preposition before it governs: not when a possessive follows it
    ('to Paris' residence' governs 'residence')."""
    return preposition.search(text, max(0, toponym.start - reach), toponym.start) is not None \
        and _POSSESSIVE_AFTER.match(text, toponym.end) is None


def names_a_person(text: str, toponym: Toponym, people: frozenset[str],
                   starts: set[int]) -> bool:
    """A lone word that is the surname of a person the article names in full: 'Austin told
    reporters' after 'Defense Secretary Lloyd Austin' (one name, one sense per article), unless
    written as a place: after a locative preposition ('in Austin') or before a qualifier
    ('Austin, Texas')."""
    if (" " in toponym.text.strip() or fold(toponym.text) not in people
            or toponym.place is None or toponym.place.feature_code not in LOCAL_CODES):
        return False
    return not _as_place(text, toponym, starts)
