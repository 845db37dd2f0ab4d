"""Cheap literal pre-checks that let a case-insensitive pattern be skipped on text it cannot
match, without changing what it finds.

Python's regex engine tries a long IGNORECASE alternation at every position of the text; most
sentences contain none of the words such a pattern needs, and `word in folded` rules that out
in C at a fraction of the cost. A cue must be a literal that every match of its pattern
contains (a necessary condition), so a sentence without it cannot match and skipping the
pattern there changes nothing.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

# Under IGNORECASE these non-ASCII characters match an ASCII letter that str.lower() does not
# turn them into: "ı" (dotless i) and "ſ" (long s) stay as they are, and "İ" lowers to "i"
# followed by a combining dot. Every other character an ASCII letter matches lowers to it.
_LOWER_ODD = (("i\u0307", "i"), ("ı", "i"), ("ſ", "s"))


def fold(text: str) -> str:
    """`text` lower-cased so that wherever a case-insensitive ASCII literal matches in `text`,
    the lower-case literal occurs in the result (the converse need not hold)."""
    lower = text.lower()
    if lower.isascii():
        return lower
    for odd, letter in _LOWER_ODD:
        if odd in lower:
            lower = lower.replace(odd, letter)
    return lower


def has_cue(folded: str, cues: tuple[str, ...]) -> bool:
    """Does the folded text contain one of the lower-case literals `cues`?"""
    return any(cue in folded for cue in cues)


def matches_at(pattern: re.Pattern[str], text: str, starts: list[int]) -> Iterator[re.Match[str]]:
    """pattern.finditer(text), for a pattern that matches no empty string and whose every
    match starts at one of `starts` (sorted): match() at a position sees the text around it as
    search() does (\\b, lookbehind), and the scan resumes after each match's end."""
    resume = 0
    for start in starts:
        if start < resume:
            continue
        match = pattern.match(text, start)
        if match is not None:
            yield match
            resume = max(match.end(), start + 1)
