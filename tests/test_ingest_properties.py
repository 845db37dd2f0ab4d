"""Property tests: whatever bytes arrive, ingest yields Article | Rejected and never raises,
and every Article keeps the cleaning invariants later stages rely on for offsets."""

from __future__ import annotations

import json
import unicodedata
from datetime import date

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from polemos.ingest import Limits, read_bytes
from polemos.ingest.clean import break_line, clean_text
from polemos.ingest.dispatch import READERS
from polemos.ingest.neardup import NearDuplicateIndex
from polemos.models import Article, Rejected

LIMITS = Limits(max_article_bytes=20_000, max_feed_bytes=50_000, max_line_chars=300,
                today=date(2024, 1, 1))
NAMES = {"text": "a.txt", "jsonl": "a.jsonl", "json": "a.json", "csv": "a.csv",
         "html": "a.html", "mhtml": "a.mhtml", "webarchive": "a.webarchive", "feed": "a.xml"}
FAST = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
# Text with the characters that break naive cleaners: controls, surrogates, odd spaces.
nasty_text = st.lists(
    st.one_of(
        st.text(max_size=20),
        st.sampled_from(["\x00", "\r", "\n", "\u2028", "\u00a0", "\u200b", "\ufeff", "\x96",
                         "\ud800", "e\u0301", "REUTERS/Jane Doe", "By John Smith\n", "©", ". ",
                         "Shelling hit Izium on Monday, killing five. "]),
    ),
    max_size=60,
).map("".join)


def check_article(article: Article) -> None:
    text = article.text
    assert text and text == text.strip()
    text.encode("utf-8")
    assert unicodedata.is_normalized("NFC", text)
    assert "\r" not in text and "\x00" not in text and "\n\n\n" not in text
    assert max(len(line) for line in text.split("\n")) <= LIMITS.max_line_chars
    assert clean_text(text, LIMITS.max_line_chars).text == text
    assert article.published is None or date(1900, 1, 1) <= article.published <= date(2024, 1, 2)


def check_all(records: list) -> None:
    for record in records:
        assert isinstance(record, Article | Rejected), record
        if isinstance(record, Article):
            check_article(record)
        else:
            assert record.reason and record.origin
            assert "internal error" not in record.reason, record


@FAST
@given(data=st.binary(max_size=3_000), kind=st.sampled_from([None, *READERS]))
def test_any_bytes_any_reader_never_raises(data: bytes, kind: str | None) -> None:
    check_all(list(read_bytes(data, NAMES.get(kind, "input"), kind=kind, limits=LIMITS)))


@FAST
@given(text=nasty_text, doc_id=st.one_of(st.text(max_size=20), st.integers(), st.none()),
       when=st.one_of(st.text(max_size=25), st.dates().map(str), st.none()))
def test_jsonl_records_with_hostile_fields(text: str, doc_id: object, when: object) -> None:
    line = json.dumps({"id": doc_id, "date": when, "text": text}) + "\n"
    records = list(read_bytes(line.encode(), "a.jsonl", limits=LIMITS))
    check_all(records)
    assert len(records) == 1


@FAST
@given(text=nasty_text)
def test_dated_text_files(text: str) -> None:
    data = f" date 2022-07-05 {text}".encode("utf-8", "surrogatepass")
    records = list(read_bytes(data, "a.txt", limits=LIMITS))
    check_all(records)
    assert len(records) == 1


@FAST
@given(text=nasty_text)
def test_cleaning_is_idempotent_and_bounded(text: str) -> None:
    once = clean_text(text, 120).text
    assert clean_text(once, 120).text == once
    assert all(len(line) <= 120 for line in once.split("\n"))


@FAST
@given(line=st.text(alphabet=st.sampled_from("ab .!?"), max_size=2_000),
       cap=st.integers(min_value=2, max_value=400))
def test_break_line_loses_only_spaces(line: str, cap: int) -> None:
    line = " ".join(line.split())
    pieces = break_line(line, cap)
    assert all(0 < len(piece) <= cap for piece in pieces)
    assert "".join(pieces).replace(" ", "") == line.replace(" ", "")


@FAST
@given(texts=st.lists(nasty_text, max_size=6))
def test_neardup_never_points_forward_or_at_itself(texts: list[str]) -> None:
    index = NearDuplicateIndex()
    seen: list[str] = []
    for number, text in enumerate(texts):
        doc_id = f"d{number}"
        original = index.add(Article(doc_id=doc_id, text=text))
        assert original is None or original in seen
        seen.append(doc_id)
