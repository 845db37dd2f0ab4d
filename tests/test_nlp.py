"""nlp helpers: sentences with offsets, dates relative to publication, counts."""

from __future__ import annotations

from datetime import date

import pytest

from polemos.models import Article
from polemos.nlp import analyze
from polemos.nlp.dates import default_date, find_dates
from polemos.nlp.numbers import parse_number
from polemos.nlp.sentences import split_sentences


def test_sentences_keep_offsets_and_abbreviations():
    text = "Mr. Haidai spoke on Sunday. Russian forces advanced.\n\nA new paragraph"
    spans = split_sentences(text)
    assert [s.text for s in spans] == ["Mr. Haidai spoke on Sunday.", "Russian forces advanced.",
                                       "A new paragraph"]
    assert all(text[s.start:s.end] == s.text for s in spans)


@pytest.mark.parametrize("expression,expected,precision", [
    ("yesterday", date(2022, 7, 4), 1),
    ("on Sunday", date(2022, 7, 3), 1),
    ("on Tuesday", date(2022, 7, 5), 1),  # the publication day itself
    ("last week", date(2022, 6, 28), 2),
    ("this week", date(2022, 7, 4), 2),
    ("on July 1", date(2022, 7, 1), 1),
    ("on 3 December", date(2021, 12, 3), 1),  # a future date without a year is last year's
])
def test_dates(expression, expected, precision):
    (found,) = find_dates(f"It happened {expression}.", date(2022, 7, 5))
    assert (found.day, found.precision) == (expected, precision)


def test_default_date_is_day_before_with_week_precision():
    assert default_date(date(2022, 7, 5)).day == date(2022, 7, 4)
    assert default_date(date(2022, 7, 5)).precision == 2


@pytest.mark.parametrize("text,value", [
    ("six", 6), ("twenty-two", 22), ("2,000", 2000), ("dozens", 12), ("several", 3),
    ("scores", 24), ("1e9", None), ("three hundred", 300),
    ("no one", 0), ("nobody", 0), ("twenty-one", 21),  # 'no one' is no 'no' + 'one'
])
def test_numbers(text, value):
    assert parse_number(text) == value


def test_analyze_gives_sentences():
    doc = analyze(Article("a", "One. Two.", date(2022, 1, 1)))
    assert [s.text for s in doc.sentences] == ["One.", "Two."]


def test_weekday_written_with_look_alike_letters_resolves_instead_of_failing() -> None:
    # case-insensitive matching lets dotless i and long s stand for i and s
    published = date(2022, 7, 5)  # a Tuesday
    assert [d.day for d in find_dates("Shelling on Frıday killed two", published)] == \
        [date(2022, 7, 1)]
    assert [d.day for d in find_dates("Troops moved in last Tueſday", published)] == \
        [date(2022, 6, 28)]
