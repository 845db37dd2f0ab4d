"""The extractor's shortcuts find what the plain scans find (cues, per-article trigger stems)."""

from __future__ import annotations

import re
import string
from pathlib import Path

import pytest

from polemos.extract import lexicon as lx
from polemos.extract.modality import clause_bounds, find_attribution
from polemos.nlp import split_sentences
from polemos.nlp.cues import fold

SAMPLES = sorted((Path(lx.__file__).parents[1] / "samples").glob("*.txt"))


def _variants(text: str) -> list[str]:
    """The text, re-cased, and with the characters whose lower-casing is odd put in."""
    return [text, text.upper(), text.title(), text.replace("'", "’"),
            text.replace("i", "ı", 3), text.replace("s", "ſ", 3), text.replace("I", "İ", 3),
            text.replace("k", "\u212a", 3), text.replace("o", "Σ", 5)]


def test_fold_keeps_every_letter_a_case_insensitive_literal_matches():
    letters = re.compile("[a-z]", re.IGNORECASE)
    for code in range(0x110000):
        char = chr(code)
        if letters.fullmatch(char):
            matched = [x for x in string.ascii_lowercase if re.fullmatch(x, char, re.I)]
            assert any(x in fold(char) for x in matched), hex(code)


def test_fold_keeps_words_whole():
    assert "kill" in fold("KİLL".replace("İ", "I")) and "kill" in fold("KıLL")
    assert "dies" in fold("DIEſ") and "civilians" in fold("CİVİLİANS")


@pytest.mark.parametrize("path", SAMPLES, ids=lambda p: p.stem)
def test_article_triggers_equal_sentence_scan(path: Path):
    for text in _variants(path.read_text(encoding="utf-8")):
        article = lx.ArticleTriggers(text)
        for sentence in split_sentences(text):
            assert article.find(sentence) == lx.find_triggers(sentence.text), sentence.text


def test_article_triggers_fall_back_where_lowering_moves_offsets():
    text = "İstanbul was quiet. Russian artillery shelled Kharkiv on Monday."
    article = lx.ArticleTriggers(text)
    assert not article.indexed
    (_, second) = split_sentences(text)
    assert [h.rule.sub_event_type for h in article.find(second)] == [
        "Shelling/artillery/missile attack", "Shelling/artillery/missile attack"]


def test_adjectival_looks_only_at_the_last_word():
    assert not lx.find_triggers("the city's smashed steel plant")
    # the second "smashed" follows "the" and spaces: an adjective
    assert [h.start for h in lx.find_triggers("Rioters smashed the   smashed windows")] == [0, 8]
    # "bathe" ends in "the" but is no determiner: \b is read before the window too
    (hit,) = lx.find_triggers("Rebels bathe   smashed windows")
    assert hit.rule.sub_event_type == "Violent demonstration"


def test_modality_memo_answers_each_sentence():
    one = "The army said its forces shelled the town, but the rebels denied it."
    two = "Residents fled, while the militia said nothing."
    assert clause_bounds(one, 50) == (47, len(one))
    assert clause_bounds(two, 0) == (0, 14)
    assert clause_bounds(one, 0) == (0, 41)
    assert find_attribution(one) == "army" and find_attribution(two) is None
    assert find_attribution("Shells fell on the town.") is None


def test_count_patterns_led_by_a_number_are_the_ones_without_cues():
    from polemos.extract import casualties

    for pattern, cues in casualties._PATTERN_CUES.items():
        assert (cues is None) == (pattern in casualties._NUMBER_LED), pattern.pattern[:40]


@pytest.mark.parametrize("text,values", [
    ("Shelling killed at least 12 people and wounded 30.", ([12], [30])),
    ("Twenty-one civilians were killed; another 3 were injured.", ([21], [3])),
    ("THREE SOLDIERS DIED AND FOUR WERE HURT.", ([3], [4])),
    ("ſix civilians were killed", ([], [])),  # "ſix" (long s) is no number word
])
def test_counts_read_at_number_words(text, values):
    from polemos.extract.casualties import find_counts

    assert ([c.value for c in find_counts(text, "fatalities")],
            [c.value for c in find_counts(text, "injured")]) == values


def test_lowering_keeps_what_ignorecase_compares():
    """The facts Folded rests on, for every character whose lower case is one other character
    (text with any other lowering, or with "ı" / "ſ", is searched as it is)."""
    word, space, digit = re.compile(r"\w"), re.compile(r"\s"), re.compile(r"\d")
    any_letter = re.compile("[a-z]", re.I)
    letters = string.ascii_lowercase
    for code in range(0x80, 0x110000):
        char = chr(code)
        lower = char.lower()
        if len(lower) != 1 or char in "ıſ":
            continue
        if lower == char:  # unchanged: it must match no ASCII letter either
            assert not any_letter.fullmatch(char), hex(code)
            continue
        for category in (word, space, digit):
            assert bool(category.match(char)) == bool(category.match(lower)), hex(code)
        for letter in letters:
            assert bool(re.fullmatch(letter, char, re.I)) == (lower == letter), hex(code)


def _folded_searches() -> list:
    """Every Folded the extractor's modules define (one by one or in a dict)."""
    from polemos.extract import casualties, events, modality, places, timing
    from polemos.nlp.cues import Folded

    found = []
    for module in (casualties, events, lx, modality, places, timing):
        for value in vars(module).values():
            values = list(value.values()) if isinstance(value, dict) else [value]
            found += [each for each in values if isinstance(each, Folded)]
    return found


def test_folded_twins_are_built():
    from polemos.extract.events import THE_TOWN
    from polemos.nlp.cues import Folded

    searches = _folded_searches()
    assert len(searches) > 20 and all(search.twin is not None for search in searches)
    assert Folded(THE_TOWN).twin is None  # "(?-i:[A-Z])": searched as it is


@pytest.mark.parametrize("path", SAMPLES[:6], ids=lambda p: p.stem)
def test_folded_search_equals_search(path: Path):
    searches = _folded_searches()
    for text in _variants(path.read_text(encoding="utf-8")):
        for sentence in split_sentences(text):
            pieces = [sentence.text] + [sentence.text[i:i + 50]
                                        for i in range(0, len(sentence.text), 17)]
            for piece in pieces:
                for fast in searches:
                    assert fast.search(piece) == bool(fast.pattern.search(piece)), (
                        fast.pattern.pattern)
                    assert fast.search(piece, 3, 40) == bool(fast.pattern.search(piece[3:40]))


def test_every_trigger_alternative_opens_with_its_stem():
    """ArticleTriggers tries a rule only where a stem starts: each top-level alternative must
    open with \\b and a literal or a group of literals that is not optional."""
    for rule in lx.RULES:
        assert rule.stems is not None, rule.pattern.pattern[:40]
        for alternative in lx._top_level_alternatives(rule.pattern.pattern):
            assert alternative.startswith(r"\b"), alternative
            group = lx._LEAD_GROUP.match(alternative)
            assert not (group and alternative[group.end():group.end() + 1] in ("?", "*", "{")), (
                alternative)
