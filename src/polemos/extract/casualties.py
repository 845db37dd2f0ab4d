"""Fatalities and injured counts stated in a sentence, read the ACLED way.

"killed at least six" -> 6, "between 10 and 15 dead" -> 10 (the lowest figure), "dozens
injured" -> 12, "no casualties" -> 0. Counts larger than any single event plausibly has are
rejected as noise (years, population figures, aggregates).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache

from polemos.nlp.cues import Folded, fold, has_cue, matches_at
from polemos.nlp.numbers import NUMBER, UNITS, VAGUE, parse_number

MAX_EVENT_COUNT = 5000
_QUALIFIERS = ("at least", "more than", "over", "some", "about", "around", "nearly", "almost",
               "up to", "as many as", "roughly", "approximately", "an estimated", "between",
               "another", "a further", "a total of")
_Q = r"(?:(?:" + "|".join(_QUALIFIERS) + r")\s+)?"
_N = r"(?P<n>" + NUMBER.pattern.replace("(?P<num>", "(?:").replace("(?P<scale>", "(?:") + r")"
_WORDX = r"(?!(?:and|or|but|while|killed|dead)\b)[\w’'-]+"
_NOUN = rf"(?:\s+(?:of\s+)?{_WORDX}(?:\s+{_WORDX}){{0,2}}?)"
_DEATH = r"(?:killed|dead|died|slain|lost their lives|perished|deaths|fatalities|bodies" \
         r"|burn(?:ed|t) (?:alive|to death))"
_HURT = r"(?:injured|wounded|hurt|injuries)"
_VERB = r"(?:\s+(?:were|was|have been|had been|are|is|been|reportedly|also|later|being" \
        r"|appear(?:s|ed)? to have been|seem(?:s|ed)? to have been))*\s+" \
        r"(?:(?:[a-z]+(?:ed|en)|shot)\s+and\s+)?"  # "were abducted and killed"

_PATTERNS = {
    "fatalities": [
        re.compile(rf"\b(?:kill(?:ed|ing|s)|claimed|claiming)\s+{_Q}{_N}(?!\s*(?:km|"
                   rf"kilomet|miles|metres|meters|%|per ?cent|years|hours|days))(?=[\s,.]|$)",
                   re.I),
        re.compile(rf"\b{_Q}{_N}{_NOUN}?{_VERB}{_DEATH}\b", re.I),
        re.compile(rf"\b{_Q}{_N}\s+(?:people\s+|civilians\s+)?(?:dead|deaths|died)\b", re.I),
        re.compile(rf"\b(?:death toll|toll)\s+(?:\w+\s+){{0,3}}?(?:to|at|of|reached|hit)\s+"
                   rf"{_Q}{_N}",
                   re.I),
        re.compile(rf"\bdeaths? of\s+{_Q}{_N}", re.I),
        re.compile(rf"\bkilling of\s+{_Q}{_N}", re.I),
        # "six civilians, including four children, had been killed"
        re.compile(rf"\b{_Q}{_N}(?:\s+{_WORDX})?,\s+including\s[^,;]{{1,60}},{_VERB}{_DEATH}\b",
                   re.I),
    ],
    "injured": [
        re.compile(rf"\b(?:injur(?:ed|ing)|wound(?:ed|ing)|hurt(?:ing)?)\s+{_Q}{_N}(?=[\s,.]|$)",
                   re.I),
        re.compile(rf"\b{_Q}{_N}{_NOUN}?(?:{_VERB})?\s*{_HURT}\b", re.I),
        re.compile(rf"\bleft\s+{_Q}{_N}{_NOUN}?\s+{_HURT}\b", re.I),
        re.compile(rf"\binjuring\s+{_Q}{_N}", re.I),
    ],
}
_NONE = {
    "fatalities": re.compile(r"\bno (?:casualties|deaths|fatalities|one was killed|immediate "
                             r"reports? of casualties)\b|\bno(?:body| one) (?:was|were) killed\b",
                             re.I),
    "injured": re.compile(r"\bno (?:injuries|one was (?:injured|hurt))\b", re.I),
}
# A word every pattern of the kind needs (its counts or its "no ..." phrase).
_CUE_WORDS = {
    "fatalities": ("kill", "dead", "die", "slain", "lives", "perish", "death", "fatal", "bodies",
                   "burn", "toll", "claim", "murder", "shot", "stabbed", "behead", "casualt"),
    "injured": ("injur", "wound", "hurt"),
}
_CUES = {kind: re.compile("|".join(words), re.I) for kind, words in _CUE_WORDS.items()}
_CUES_FOLDED = {kind: Folded(pattern) for kind, pattern in _CUES.items()}  # the same, faster
# Per pattern, the literals one of which its every match holds (cues.py); None for those led by
# a number, tried at lead words instead (below).
_PATTERN_CUES: dict[re.Pattern[str], tuple[str, ...] | None] = dict(zip(
    [pattern for patterns in _PATTERNS.values() for pattern in patterns],
    [("kill", "claim"), None, None, ("toll",), ("death",), ("killing",), None,
     ("injur", "wound", "hurt"), None, ("left",), ("injuring",)], strict=True))
# Most patterns open with a qualified number (_LEAD). Such a match starts at a word that is a
# qualifier's or a number's first word, or starts with a digit: the pattern is tried at those
# words only, not at every position of the sentence (the same matches, a fraction of the cost).
_LEAD = r"\b" + _Q + _N
_NUMBER_LED = frozenset(pattern for patterns in _PATTERNS.values() for pattern in patterns
                        if pattern.pattern.startswith(_LEAD))
_LEAD_WORDS = frozenset(phrase.split()[0] for phrase in (*_QUALIFIERS, *UNITS, *VAGUE))
_RUN = re.compile(r"\w+")
UPDATE = re.compile(r"\b(?:rose|risen|climbed|increased|jumped|reached|now stands)\b", re.I)


# One named victim: "a Shiite cleric was killed", "a man was shot dead" -> 1.
_ONE_VICTIM = re.compile(r"\b(?:a|an|one)\s+(?:[\w’'-]+\s+){0,3}?(?:was|has\s+been|had\s+been)\s+"
                         r"(?:\w+\s+)?(?:killed|shot\s+dead|murdered|beheaded|stabbed\s+to\s+death)\b",
                         re.I)


@dataclass(frozen=True, slots=True)
class Count:
    value: int
    start: int  # offset in the sentence
    update: bool  # "the toll rose to": replaces earlier figures


def find_counts(sentence: str, kind: str) -> list[Count]:
    """Counts of `kind` ('fatalities' or 'injured') in the sentence, in order of appearance."""
    folded = fold(sentence)
    if not has_cue(folded, _CUE_WORDS[kind]) or not _CUES_FOLDED[kind].search(sentence):
        return []  # most sentences name no casualty: skip the patterns
    found: dict[int, Count] = {}
    for pattern in _PATTERNS[kind]:
        cues = _PATTERN_CUES[pattern]
        if cues is not None and not has_cue(folded, cues):
            continue
        matches: Iterable[re.Match[str]] = (
            matches_at(pattern, sentence, _lead_starts(sentence)) if pattern in _NUMBER_LED
            else pattern.finditer(sentence))
        for match in matches:
            value = _value(match.group("n"))
            if value is None or match.start("n") in found:
                continue
            update = bool(UPDATE.search(sentence[max(0, match.start() - 40): match.start("n")]))
            low = _range_low(sentence[max(0, match.start("n") - 40):match.start("n")])
            found[match.start("n")] = Count(min(value, low) if low is not None else value,
                                            match.start("n"), update)
    if not found and kind == "fatalities":
        for match in _ONE_VICTIM.finditer(sentence):
            found[match.start()] = Count(1, match.start(), False)
    if not found and _NONE[kind].search(sentence):
        match = _NONE[kind].search(sentence)
        return [Count(0, match.start() if match else 0, False)]
    return sorted(found.values(), key=lambda c: c.start)


@lru_cache(maxsize=1)  # both kinds of count are read from the same sentence, one after the other
def _lead_starts(sentence: str) -> tuple[int, ...]:
    """Where a _LEAD match can start: a word (\\w run, as \\b sees words) that starts with a
    digit (\\d) or is, case-folded, the first word of a qualifier or a number word."""
    return tuple(match.start() for match in _RUN.finditer(sentence)
                 if match.group()[0].isdecimal() or fold(match.group()) in _LEAD_WORDS)


_RANGE = re.compile(rf"(?:between\s+{_N}\s+and|{_N.replace('?P<n>', '?P<n2>')}\s*(?:to|-|–|or))"
                    r"\s+$", re.I)


def _range_low(before: str) -> int | None:
    """The lower bound of "between 10 and 15" / "10 to 15" ending right before a count."""
    match = _RANGE.search(before)
    return _value(match.group("n") or match.group("n2")) if match else None


def _value(text: str | None) -> int | None:
    if text is None:
        return None
    phrase = re.sub(r"\s+", " ", text.strip().lower())
    if phrase in ("a", "an"):  # "a barrage killed ..." names no count
        return None
    value = parse_number(phrase)
    if value is None or value > MAX_EVENT_COUNT:
        return None
    if 1900 <= value <= 2100:  # a year, not a count
        return None
    return value


def count_near(sentence: str, kind: str, start: int, end: int) -> Count | None:
    """The count of `kind` that belongs to a trigger spanning [start, end) of the sentence.

    Prefer the first count after the trigger (the usual "X struck Y, killing N" order), else the
    last one before it ("N people were killed when ..."), within the sentence only.
    """
    counts = find_counts(sentence, kind)
    after = [c for c in counts if c.start >= start]
    if after:
        return after[0]
    before = [c for c in counts if c.start < start]
    return before[-1] if before else None
