"""Detection's tokenizer and name folding against straightforward reference versions, and the NER
check reading each distinct window once (its fast paths must not change what it finds)."""

from __future__ import annotations

import re
import unicodedata
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from polemos.geo import detect
from polemos.geo.detect import detect_candidates
from polemos.geo.geoparser import Geoparser
from polemos.geo.names import fold
from polemos.geo.ner_check import NerCheck
from polemos.nlp.model import load_model

FAST = settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
# Characters the tokenizer treats specially, mixed with ordinary and non-ASCII letters.
tricky_text = st.lists(
    st.one_of(
        st.sampled_from(["a", "Z", "é", "Ł", "ß", "ǅ", "1", "_", ".", "'", "’", "`", " ", "-",
                         "\n", ",", "U.S.", "Sudan's", "city.Sudan", "Ga.", "Kharkiv’", "D.C."]),
        st.text(max_size=6),
    ),
    max_size=30,
).map("".join)


def _reference_tokens(text: str) -> list[tuple[int, int, str]]:
    """The tokenizer written plainly: every word split at glued sentences, then trimmed."""
    tokens = []
    for match in re.finditer(r"[^\W\d_][\w’'.]*|\d+", text):
        start = match.start()
        for piece in re.split(r"(?<=[a-z]{2})\.(?=[A-Z])", match.group()):
            end, word = start + len(piece), piece
            for suffix in ("’s", "'s", "’ve", "'ve", "’ll", "'ll", "’re", "'re", "’m", "'m", "’d",
                           "'d", "’", "'"):
                if word.endswith(suffix) and len(word) > len(suffix):
                    word, end = word[: -len(suffix)], end - len(suffix)
                    break
            if word.endswith(".") and not detect._is_initialism(word):
                word, end = word[:-1], end - 1
            tokens.append((start, end, word))
            start += len(piece) + 1
    return tokens


def _reference_fold(name: str) -> str:
    decomposed = unicodedata.normalize("NFKD", name)
    stripped = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    stripped = re.sub(r"[’'`ʼ‘ʻ]", "", stripped)
    return re.sub(r"[\s\-‐‑–—_./,]+", " ", stripped).strip().casefold()


def test_tokens_of_marked_words() -> None:
    text = "U.S.'s envoy left city.Sudan for Ga. and Kharkiv’s 12th-floor"
    words = [word for _, _, word in detect._tokens(text)]
    assert words == ["U.S.", "envoy", "left", "city", "Sudan", "for", "Ga", "and", "Kharkiv",
                     "12", "th", "floor"]
    assert all(text[start:end] == word for start, end, word in detect._tokens(text))


def test_a_contraction_is_no_name() -> None:
    """"I’ve" is the pronoun, not 'IVe' (Paris' 4th arrondissement among GeoNames' names)."""
    assert [word for _, _, word in detect._tokens("I’ve seen We'll")] == ["I", "seen", "We"]


@FAST
@given(tricky_text)
def test_tokens_match_the_plain_tokenizer(text: str) -> None:
    assert detect._tokens(text) == _reference_tokens(text)


@FAST
@given(st.one_of(tricky_text, st.text(alphabet=st.characters(max_codepoint=127), max_size=40)))
def test_fold_fast_path_matches_unicode_folding(text: str) -> None:
    assert fold(text) == _reference_fold(text)


@FAST
@given(st.lists(st.sampled_from(["Kyiv", "shelling", "Hits", "A", "ÉTAT", "état", "12", "\n",
                                 "Donetsk-Region", "x" * 290]), max_size=40).map(" ".join),
       st.integers(0, 5))
def test_headline_test_matches_its_plain_form(text: str, line: int) -> None:
    start = [0, *[m.end() for m in re.finditer("\n", text)]][min(line, text.count("\n"))]
    end = text.find("\n", start)
    words = re.findall(r"[^\W\d_]{4,}", text[start : end if end >= 0 else len(text)][:300])
    expected = len(words) >= 3 and sum(w[0].isupper() for w in words) >= 0.85 * len(words)
    assert detect._is_headline(text, start) == expected


def test_headlines_are_judged_per_line() -> None:
    # an unknown name hides the known one after it, except in a title-case headline
    text = ("Oleh Paris Visit Draws Crowds Again\n"
            "later Oleh Paris said hello to everyone there, and Oleh Paris left.")
    found = detect_candidates(text, lambda key: key == "paris")
    assert [(c.text, c.start) for c in found] == [("Paris", 5)]


class _CountingModel:
    """The real model, recording the texts it is asked to read."""

    def __init__(self, nlp: Any) -> None:
        self.nlp = nlp
        self.texts: list[str] = []

    def memory_zone(self) -> Any:
        return self.nlp.memory_zone()

    def pipe(self, texts: Any, **kwargs: Any) -> Any:
        texts = list(texts)
        self.texts += texts
        return self.nlp.pipe(texts, **kwargs)


def test_ner_reads_a_recurring_window_once() -> None:
    text = ("Russian forces shelled Kharkiv and Bakhmut in Ukraine on Monday. Fighters of Wagner "
            "claimed the advance, Wagner said. Oleh Synehubov, the governor, urged calm.")
    parser = Geoparser(ner=False)
    alone = NerCheck(load_model()).keep_many([parser.draft(text)])[0]
    model = _CountingModel(load_model())
    twice = NerCheck(model).keep_many([parser.draft(text), parser.draft(text)])
    assert model.texts and len(model.texts) == len(set(model.texts))
    names = [[r.toponym.text for r in kept] for kept in twice]
    assert names == [[r.toponym.text for r in alone]] * 2
    assert "Wagner" not in names[0] and "Kharkiv" in names[0]


def test_an_abbreviation_with_its_dot_starts_a_name() -> None:
    """'St. Petersburg' is one name (the dot once ended it and left 'St', an alternate name of
    Sète); the abbreviation alone is no place, and a sentence's final dot still ends a name."""
    geoparser = Geoparser(ner=False)
    texts = {
        "Police in St. Louis said two men were shot.": ["St. Louis"],
        "Residents of Mt. Vernon and Ft. Worth voted.": ["Mt. Vernon", "Ft. Worth"],
        "Fighting near St. Petersburg and Moscow.": ["St. Petersburg", "Moscow"],
        "They fled Kharkiv. Moscow said nothing.": ["Kharkiv", "Moscow"],
    }
    for text, names in texts.items():
        found = detect_candidates(text, geoparser.gazetteer.has_name)
        assert [c.text for c in found] == names, text
    assert [t.place.country for t in geoparser.parse(next(iter(texts)))] == ["US"]


def test_town_names_news_uses_for_something_else_are_skipped_whole() -> None:
    from polemos.geo.geoparser import Geoparser

    text = "The White House said El Niño and La Nina brought floods to Lima, Peru."
    assert [t.text for t in Geoparser(ner=False).parse(text)] == ["Lima", "Peru"]


def test_party_tag_does_not_hide_the_home_town() -> None:
    """'Rep. Wendell Gilliard, D-Charleston': the party tag is no part of a name, so the town
    after it is found; 'K-Mart' (no comma or bracket before) stays one unknown name."""
    names = {"charleston", "mart", "elbow lake"}
    found = [c.text for c in detect_candidates(
        "Rep. Wendell Gilliard, D-Charleston, said so. Rep. Torrey Westrom (R-Elbow Lake) "
        "shops at K-Mart daily.", names.__contains__)]
    assert found == ["Charleston", "Elbow Lake"]
    county = detect_candidates("Delegate Brent Boggs, D-Braxton, spoke.",
                               {"braxton county"}.__contains__)
    assert [(c.text, c.key) for c in county] == [("Braxton", "braxton county")]


def test_a_town_before_a_common_noun_is_no_part_of_a_person() -> None:
    """NER's PERSON 'Huntsville Fire Chief Tom Grisham' does not make Huntsville a name: the
    word after it is one the text writes in lower case; 'Tom Austin' and 'Austin Rivers' stay
    people, and so does a possessive ("Tigray People's Liberation Front" is a body)."""
    from polemos.geo.person_names import Entity, inside_a_person
    from polemos.models import Toponym

    text = "Huntsville Fire Chief Tom Grisham said the fire was out. Austin Rivers scored."
    town = Toponym(0, 10, "Huntsville", None, 0.9)
    assert not inside_a_person(text, town, [Entity(0, 33, "PERSON")])
    player = Toponym(57, 63, "Austin", None, 0.9)
    assert inside_a_person(text, player, [Entity(57, 70, "PERSON")])
    front = "The Tigray People's Liberation Front said people fled."
    region = Toponym(4, 10, "Tigray", None, 0.9)
    assert inside_a_person(front, region, [Entity(4, 19, "PERSON")])


def test_a_function_word_opening_a_sentence_starts_no_name() -> None:
    """'When Alexandria police found': 'When' is unknown but no name's first word, so the
    town after it is found; an unknown name ('Tyrise Bell') still hides the place in it."""
    names = {"alexandria", "bell", "georgia"}
    found = [c.text for c in detect_candidates(
        "When Alexandria police found him, Tyrise Bell ran. Two Georgia towns.",
        names.__contains__)]
    assert found == ["Alexandria", "Georgia"]


def test_a_direction_before_an_ordinal_is_a_street_quadrant() -> None:
    """'Northwest 34th Street', 'Northwest Eighth Avenue': the town's numbered streets, not the
    village named Northwest; 'Northwest Florida' is found."""
    names = {"northwest", "florida", "northwest florida"}
    found = [c.text for c in detect_candidates(
        "They met at Northwest Eighth Avenue and Northwest 34th Street in Northwest Florida.",
        names.__contains__)]
    assert found == ["Northwest Florida"]


def test_names_listed_before_counties_are_counties() -> None:
    """'Walton and Oconee counties': each listed name is looked up with 'county' (the bare
    county name is hidden from the detector, most being surnames or words)."""
    names = {"walton", "walton county", "oconee county", "madison county"}
    found = [(c.text, c.key, c.region_hint) for c in detect_candidates(
        "The bridge between Walton and Oconee counties; Clarke, Madison or Oconee counties.",
        names.__contains__)]
    assert found == [("Walton", "walton county", True), ("Oconee", "oconee county", True),
                     ("Madison", "madison county", True), ("Oconee", "oconee county", True)]


def test_a_participle_or_adverb_starts_no_name() -> None:
    """'Connecting California', 'Distinctly Dublin': an English -ing or -ly word before a
    place is no given name, so the place is found."""
    names = {"california", "dublin"}
    found = [c.text for c in detect_candidates(
        "He writes the Connecting California column for the Distinctly Dublin contest.",
        names.__contains__)]
    assert found == ["California", "Dublin"]
