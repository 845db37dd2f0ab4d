"""Name normalisation shared by the gazetteer builder and the toponym detector.

Both sides must fold a name the same way, or lookups silently miss: this is the one place.
"""

from __future__ import annotations

import re
import unicodedata

_APOSTROPHES = re.compile(r"[’'`ʼ‘ʻ]")
_SEPARATORS = re.compile(r"[\s\-‐‑–—_./,]+")


def fold(name: str) -> str:
    """Lower-case ASCII key for a place name: 'Slov’yansk' -> 'slovyansk'."""
    if name.isascii():  # most names: NFKD leaves ASCII as it is, and casefold is lower
        return _SEPARATORS.sub(" ", _APOSTROPHES.sub("", name)).strip().lower()
    decomposed = unicodedata.normalize("NFKD", name)
    stripped = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    stripped = _APOSTROPHES.sub("", stripped)
    return _SEPARATORS.sub(" ", stripped).strip().casefold()


def is_latin(name: str) -> bool:
    """True when every letter of the name folds to ASCII (the only script English news uses)."""
    return all(ord(ch) < 128 for ch in fold(name))


# Abbreviated words of place names and their full forms: 'St. Petersburg' is Saint Petersburg's
# primary name written short, not a variant of it.
_NAME_WORDS = {"st": "saint", "ste": "sainte", "sts": "saints", "mt": "mount", "mtn": "mountain",
               "ft": "fort"}
# Abbreviated first words of place names ('St. Louis', 'Pt. Pleasant', 'Sta. Rosa'): those
# written out above, and those with no one written-out form ('pt': point or port).
NAME_ABBREVIATIONS = frozenset(_NAME_WORDS) | {"pt", "sta", "pto"}
_ABBREVIATED = re.compile(r"\b(?:" + "|".join(_NAME_WORDS) + r")\b")
_ABBREVIABLE = re.compile(r"\b(?:" + "|".join([*_NAME_WORDS, *_NAME_WORDS.values()]) + r")\b")


def has_abbreviable_word(key: str) -> bool:
    """Does the folded name hold a word that has a short and a long form ('st', 'saint')?"""
    return _ABBREVIABLE.search(key) is not None


def expand_abbreviations(key: str) -> str:
    """A folded name with its abbreviated words written out: 'st petersburg' -> 'saint
    petersburg'; a name without them is returned as it is."""
    return _ABBREVIATED.sub(lambda match: _NAME_WORDS[match.group()], key)



def singular(key: str) -> str | None:
    """A folded name without a plural 's' ('ohioans' -> 'ohioan'), None where it has none or is
    too short to be a plural (four letters or fewer). The detector (`Gazetteer.has_name`) and the
    lookup (`geoparser._key_variants`) both read plural demonyms through it, so a plural the one
    finds is one the other resolves."""
    return key[:-1] if len(key) > 4 and key.endswith("s") else None
