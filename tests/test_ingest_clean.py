"""Cleaning: boilerplate lines go, story lines stay, whitespace and Unicode are normalised."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest

from polemos.ingest import Limits
from polemos.ingest.boilerplate import boilerplate_kind
from polemos.ingest.clean import break_line, clean_text
from polemos.ingest.dates import parse_published

NEWS = Path(__file__).resolve().parents[1] / ".." / "shared" / "eval" / "news" / "dev.jsonl"


@pytest.mark.parametrize("line, kind", [
    ("A man walks past a damaged building in Kharkiv, Ukraine June 27, 2022. "
     "REUTERS/Jane Doe", "caption"),
    ("Firefighters at the site. REUTERS/Gleb Garanich/File Photo", "caption"),
    ("Smoke rises over the city (Photo: John Smith/AFP)", "caption"),
    ("Smoke rises over the city. Photograph: Jane Doe/AP", "caption"),
    ("Soldiers patrol the town. AFP via Getty Images", "caption"),
    ("Image caption, Residents queue for water", "caption"),
    ("Smoke rises over Goma on Monday. (AP Photo/Jane Doe)", "caption"),
    ("By John Smith", "byline"),
    ("By Nafisa Eltahir and Khalid Abdelaziz", "byline"),
    ("By Kate Seamons, Newser Staff", "byline"),
    ("Reporting by Jane Doe; Editing by John Roe", "byline"),
    ("Read more: The war in maps", "call to action"),
    ("Sign up for our newsletter", "call to action"),
    ("© 2022 Reuters. All rights reserved.", "copyright"),
    ("Copyright 2024 The Associated Press.", "copyright"),
])
def test_boilerplate_lines_are_recognised(line: str, kind: str) -> None:
    assert boilerplate_kind(line) == kind


@pytest.mark.parametrize("line", [
    "Russian shelling of Kharkiv killed five people, the governor told Reuters.",
    "By Monday, Russian forces had taken the last Ukrainian-held city in Luhansk.",
    "By then the town was surrounded.",
    "Photographs posted online showed the bridge destroyed.",
    "Watchdogs said the strike violated international law, according to a statement.",
    "Reuters could not independently verify the report.",
    "Updated casualty figures released on Tuesday showed 21 dead in the strike on the mall.",
])
def test_story_lines_are_kept(line: str) -> None:
    assert boilerplate_kind(line) is None


def test_whitespace_unicode_and_blank_lines() -> None:
    raw = "  Cafe\u0301\u00a0owners\t\tsaid\u200b  so.\r\n\r\n\r\n\r\nSecond\u2028line \x96 here.  "
    cleaned = clean_text(raw)
    assert cleaned.text == "Café owners said so.\n\nSecond\nline – here."
    assert cleaned.removed_invisible == 1


def test_clean_text_is_identity_on_clean_text() -> None:
    text = "Shelling hit Izium.\nFive people died.\n\nThe governor said so."
    assert clean_text(text).text == text


def test_break_line_prefers_sentence_ends_and_keeps_offsets() -> None:
    line = " ".join(f"Sentence number {n} ends here." for n in range(200))
    pieces = break_line(line, 500)
    assert all(len(piece) <= 500 for piece in pieces)
    assert all(piece.endswith("here.") for piece in pieces)
    assert " ".join(pieces) == line  # one space became one newline: offsets are unchanged


def test_break_line_hard_cuts_text_without_spaces() -> None:
    pieces = break_line("x" * 2_500, 1_000)
    assert [len(piece) for piece in pieces] == [1_000, 1_000, 500]


def test_eval_news_texts_keep_offsets_except_where_boilerplate_goes() -> None:
    """Cleaning the annotated news set changes a text only by dropping whole lines, blank-line
    runs or edge whitespace: every kept line is unchanged, so gold offsets can be mapped."""
    if not NEWS.exists():
        pytest.skip("shared eval data not beside the checkout")
    for line in NEWS.read_text().splitlines():
        text = json.loads(line)["text"]
        kept = clean_text(text).text.split("\n")
        raw_lines = [" ".join(raw.split()) for raw in text.split("\n")]
        assert all(line in raw_lines for line in kept if line)


@pytest.mark.parametrize("value, expected", [
    ("2022-07-05", date(2022, 7, 5)),
    ("2022-07-05T23:10:00+02:00", date(2022, 7, 5)),
    ("Tue, 05 Jul 2022 10:00:00 GMT", date(2022, 7, 5)),
    ("July 5, 2022", date(2022, 7, 5)),
    ("5 July 2022", date(2022, 7, 5)),
    (date(2022, 7, 5), date(2022, 7, 5)),
    (1657022400, date(2022, 7, 5)),
    (1657022400000, date(2022, 7, 5)),
])
def test_dates_parse(value: object, expected: date) -> None:
    assert parse_published(value, Limits(today=date(2024, 1, 1))).day == expected


@pytest.mark.parametrize("value, warning", [
    ("2024-01-03", "in the future"),
    ("1850-01-01", "before 1900"),
    ("2022-02-30", "unreadable date"),
    ("yesterday-ish", "unreadable date"),
    (12345, "unreadable date"),
    (float("nan"), "unreadable date"),
    (True, "unreadable date"),
])
def test_bad_dates_are_nulled_with_a_warning(value: object, warning: str) -> None:
    published = parse_published(value, Limits(today=date(2024, 1, 1)))
    assert published.day is None and warning in published.warning


def test_boilerplate_rules_do_not_backtrack_on_adversarial_lines() -> None:
    """Runs of name-like tokens once made the caption rule backtrack for minutes on one line;
    this grid hangs (and fails under any CI timeout) if that comes back."""
    units = ["A-", "A ", "Ab, ", "A and ", "/A", "(", "Photo: ", ". ", "REUTERS/", " & ", "A."]
    for prefix in ["", "By ", "REUTERS/", "(Photo: ", "Read more ", "© "]:
        for first in units:
            for second in units:
                line = (prefix + (first + second) * 300)[:598] + "!"
                assert boilerplate_kind(line) in (None, "caption", "byline", "call to action",
                                                  "copyright")
    assert boilerplate_kind("Smoke rises. REUTERS/" + "A-" * 290 + "!") is None
