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


# Romanisation: one town of Ukraine, Russia or the Arab world is written many ways ('Zaporizhzhia',
# 'Zaporozhye', 'Zaporizhia'; 'Hodeidah', 'Al Hudaydah'; 'Maarat al-Numan', 'Maʻarrat an
# Nuʻmān'), more than GeoNames lists. `romanized_key` reduces a folded name to what those
# spellings share: the article's assimilated forms are 'al' (and a leading one goes), digraphs of
# one sound are one letter (kh h, zh j, sh s, gh h, g h: Russian 'Lugansk' is Ukrainian
# 'Luhansk'), q is k, doubled letters are single, a run of vowels (y and a w after a vowel
# among them) is one 'a', and a final 'h' after a vowel goes ('Ghazzah', 'Gaza').
_ARTICLES = frozenset({"al", "el", "ul", "an", "ar", "as", "ash", "at", "az", "ad", "ed", "en",
                       "er", "es", "esh", "et", "ez", "adh", "ath"})
_DIGRAPHS = (("shch", "s"), ("dzh", "j"), ("tch", "c"), ("kh", "h"), ("zh", "j"), ("sh", "s"),
             ("ch", "c"), ("gh", "h"), ("dh", "d"), ("th", "t"), ("ph", "f"), ("ts", "c"),
             ("tz", "c"), ("dj", "j"), ("ck", "k"), ("q", "k"), ("g", "h"), ("x", "ks"))
_DOUBLED = re.compile(r"([a-z])\1+")
_VOWEL_RUN = re.compile(r"(?:[aeiouy]w?)+")


def romanized_key(key: str) -> str:
    """The romanisation-blind form of a folded name: 'zaporizhzhia', 'zaporozhye' and
    'zaporizhia' are all 'zaparaja'; 'al hudaydah' and 'hodeidah' 'hadada'."""
    words = [word for word in key.replace("-", " ").split() if word.isalpha()]
    words = ["al" if word in _ARTICLES else word for word in words]
    if len(words) > 1 and words[0] == "al":
        words = words[1:]
    return " ".join(_romanized_word(word) if word != "al" else word for word in words)


def _romanized_word(word: str) -> str:
    for digraph, letter in _DIGRAPHS:
        word = word.replace(digraph, letter)
    word = _VOWEL_RUN.sub("a", _DOUBLED.sub(r"\1", word)).replace("w", "v")
    return word[:-1] if len(word) > 2 and word.endswith("h") and word[-2] == "a" else word
