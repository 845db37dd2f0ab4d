"""Gazetteer-aware toponym detection.

The statistical NER mislabels many towns of conflict zones (Kramatorsk as PERSON, Lysychansk as
ORG), so detection is driven by the gazetteer: every run of capitalised words is looked up, the
longest known name wins, and common-word and person-name false hits are filtered.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

from polemos.geo.names import fold

# Capitalised words that name places somewhere but in English prose are almost always something
# else (calendar words, titles, directions, generic nouns).
COMMON_WORDS = frozenset(
    """
    january february march april may june july august september october november december
    monday tuesday wednesday thursday friday saturday sunday today
    mr mrs ms dr president minister governor general colonel major captain sergeant king queen
    prime chief deputy secretary spokesman spokeswoman official officials army navy police
    north south east west northern southern eastern western central upper lower new old great
    media reuters press news agency times post herald guardian telegraph ministry defence defense
    the a an and of in on at for to by with from as is was were are be been it its this that
    these those he she they we you i his her their our my
    but or if so not no yes all any some many more most other such only own same than too very
    can will just should now also after before during while since until under over about
    god lord saint church mosque school university hospital airport station bridge street road
    city town village district region province state republic kingdom union federation
    forces troops military government people civilians rebels militants group
    western west east council parliament congress senate court justice liberty victory freedom
    unity independence democracy peace hope union alliance front movement party
    day week month year time morning evening night
    alexander vladimir victoria elizabeth george charles william john paul david michael
    """.split()
)
REGION_WORDS = ("region", "oblast", "province", "state", "governorate", "district", "county",
                "prefecture", "department", "territory")

_TOKEN = re.compile(r"[^\W\d_][\w’'\-.]*|\d+", re.UNICODE)
_CONNECTORS = frozenset({"of", "on", "de", "del", "la", "le", "el", "al", "upon", "du", "des",
                         "da", "do", "dos", "van", "von", "am", "an", "der", "sur", "en", "y"})
MAX_TOKENS = 5


@dataclass(frozen=True, slots=True)
class Candidate:
    """A span whose folded text is a gazetteer name; `region_hint` when followed by 'region' etc."""

    start: int
    end: int
    text: str
    key: str
    region_hint: bool


def _tokens(text: str) -> list[tuple[int, int, str]]:
    tokens = []
    for match in _TOKEN.finditer(text):
        word = match.group()
        end = match.end()
        for suffix in ("’s", "'s", "’", "'", "."):
            if word.endswith(suffix) and len(word) > len(suffix):
                word = word[: -len(suffix)]
                end -= len(suffix)
                break
        tokens.append((match.start(), end, word))
    return tokens


def _is_capitalised(word: str) -> bool:
    return word[:1].isupper()


def detect_candidates(text: str, has_name: Callable[[str], bool]) -> list[Candidate]:
    """Longest gazetteer names over runs of capitalised tokens, left to right, non-overlapping."""
    tokens = _tokens(text)
    candidates: list[Candidate] = []
    index = 0
    while index < len(tokens):
        start, _, word = tokens[index]
        if not _is_capitalised(word):
            index += 1
            continue
        found = _longest_match(text, tokens, index, has_name)
        if found is None:
            index += 1
            continue
        last, key = found
        end = tokens[last][1]
        after = tokens[last + 1][2].lower() if last + 1 < len(tokens) else ""
        candidates.append(Candidate(start, end, text[start:end], key, after in REGION_WORDS))
        index = last + 1
    return candidates


def _longest_match(
    text: str, tokens: list[tuple[int, int, str]], first: int, has_name: Callable[[str], bool]
) -> tuple[int, str] | None:
    best: tuple[int, str] | None = None
    for last in range(first, min(first + MAX_TOKENS, len(tokens))):
        word = tokens[last][2]
        if last > first:
            gap = text[tokens[last - 1][1] : tokens[last][0]]
            if not gap.strip(" -") == "" or "\n" in gap:
                break
            if not _is_capitalised(word) and word.lower() not in _CONNECTORS:
                break
        if not _is_capitalised(word):
            continue
        key = fold(text[tokens[first][0] : tokens[last][1]])
        if last == first and key in COMMON_WORDS:
            continue
        if has_name(key):
            best = (last, key)
    return best
