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
from collections.abc import Iterator, Sequence

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


def matches_at(pattern: re.Pattern[str], text: str, starts: Sequence[int]
               ) -> Iterator[re.Match[str]]:
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


class Folded:
    """`bool(pattern.search(text))` for an IGNORECASE pattern, several times faster.

    Python's engine skips ahead fast only for case-sensitive literals. The pattern's twin has
    every cased letter lower-cased and no IGNORECASE; on `text.lower()` it finds a match exactly
    where the pattern finds one in `text`, provided lower-casing kept every character one
    character long and the text holds neither "ı" nor "ſ" (which IGNORECASE matches to "i"
    and "s"); test_extract_fastpaths checks the character-level facts this rests on over all
    of Unicode. Otherwise, and for a pattern the twin cannot express (inline flags, group
    references, cased non-ASCII literals), the pattern itself is searched.
    """

    __slots__ = ("pattern", "twin")

    def __init__(self, pattern: re.Pattern[str]) -> None:
        self.pattern = pattern
        self.twin = _twin(pattern)

    def search(self, text: str, start: int = 0, end: int | None = None) -> bool:
        """Does the pattern match in text[start:end] (a slice, as search() on it sees it)?"""
        if start or end is not None:
            text = text[start:end]
        if self.twin is not None:
            lower = text.lower()
            if text.isascii() or (len(lower) == len(text) and "ı" not in lower
                                  and "ſ" not in lower):
                return self.twin.search(lower) is not None
        return self.pattern.search(text) is not None


class _Unsupported(Exception):
    pass


def _twin(pattern: re.Pattern[str]) -> re.Pattern[str] | None:
    if not pattern.flags & re.IGNORECASE:
        return None
    try:
        from re import _compiler, _constants, _parser  # CPython's own regex front end
    except ImportError:
        return None
    try:
        tree = _parser.parse(pattern.pattern, pattern.flags)
        _lower_tree(tree, _constants)
    except (_Unsupported, re.error):
        return None
    tree.state.flags &= ~re.IGNORECASE
    return _compiler.compile(tree, pattern.flags & ~re.IGNORECASE)


def _lower_char(code: int) -> int:
    char = chr(code)
    if code < 128:
        return ord(char.lower())
    if char.lower() != char or char.upper() != char:
        raise _Unsupported(char)  # a cased non-ASCII literal: leave the pattern as it is
    return code


def _lower_tree(tree: object, c: object) -> None:
    """Lower-case the literals of a parsed pattern in place (see Folded)."""
    data = tree.data  # type: ignore[attr-defined]
    for index, (op, av) in enumerate(data):
        if op in (c.LITERAL, c.NOT_LITERAL):  # type: ignore[attr-defined]
            data[index] = (op, _lower_char(av))
        elif op is c.IN:  # type: ignore[attr-defined]
            data[index] = (op, _lower_set(av, c))
        elif op is c.BRANCH:  # type: ignore[attr-defined]
            for branch in av[1]:
                _lower_tree(branch, c)
        elif op is c.SUBPATTERN:  # type: ignore[attr-defined]
            if av[1] or av[2]:
                raise _Unsupported("inline flags")
            _lower_tree(av[3], c)
        elif op in (c.MAX_REPEAT, c.MIN_REPEAT, c.POSSESSIVE_REPEAT):  # type: ignore[attr-defined]
            _lower_tree(av[2], c)
        elif op in (c.ASSERT, c.ASSERT_NOT):  # type: ignore[attr-defined]
            _lower_tree(av[1], c)
        elif op is c.ATOMIC_GROUP:  # type: ignore[attr-defined]
            _lower_tree(av, c)
        elif op not in (c.AT, c.ANY):  # type: ignore[attr-defined]
            raise _Unsupported(str(op))


def _lower_set(items: list, c: object) -> list:
    """A character set's items, each letter lower-cased (the set IGNORECASE compares with)."""
    lowered = []
    for op, av in items:
        if op is c.LITERAL:  # type: ignore[attr-defined]
            lowered.append((op, _lower_char(av)))
        elif op is c.RANGE:  # type: ignore[attr-defined]
            low, high = av
            if high < 128:
                lowered += [(c.LITERAL, ord(chr(code).lower()))  # type: ignore[attr-defined]
                            for code in range(low, high + 1)]
            else:
                for code in range(low, high + 1):
                    _lower_char(code)  # raises on a cased character
                lowered.append((op, av))
        elif op in (c.NEGATE, c.CATEGORY):  # type: ignore[attr-defined]
            lowered.append((op, av))
        else:
            raise _Unsupported(str(op))
    return lowered
