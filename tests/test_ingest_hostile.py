"""Hostile inputs: every file in tests/hostile yields exactly the records EXPECTED.json names,
and big hostile inputs (generated here, never stored) are refused or bounded, not read whole."""

from __future__ import annotations

import json
import tracemalloc
from datetime import date
from pathlib import Path

import pytest
from sqlalchemy import select

from polemos.ingest import Limits, read_bytes, read_inputs
from polemos.models import Article, Rejected
from polemos.pipeline import process_article
from polemos.runner import run_inputs
from polemos.store import Store
from polemos.store.schema import articles

HOSTILE = Path(__file__).resolve().parent / "hostile"
EXPECTED = json.loads((HOSTILE / "EXPECTED.json").read_text())
LIMITS = Limits(today=date(2024, 1, 1))
MB = 1_000_000


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_hostile_file_yields_expected_records(name: str) -> None:
    records = list(read_inputs([HOSTILE / name], limits=LIMITS))
    expected = EXPECTED[name]
    assert len(records) == len(expected), [str(record) for record in records]
    for record, want in zip(records, expected, strict=True):
        assert str(HOSTILE / name) in (record.origin or ""), record
        if "rejected" in want:
            assert isinstance(record, Rejected), record
            assert want["rejected"] in record.reason
        else:
            _check_article(record, want)
        if "line" in want:
            assert _line(record) == want["line"]


def _line(record: Article | Rejected) -> int | None:
    if isinstance(record, Rejected):
        return record.line
    return int(record.origin.rsplit(":", 1)[-1])


def _check_article(record: Article | Rejected, want: dict) -> None:
    assert isinstance(record, Article), str(record)
    assert record.doc_id == want["article"]
    if "published" in want:
        expected = want["published"]
        assert record.published == (date.fromisoformat(expected) if expected else None)
    if "warning" in want:
        assert any(want["warning"] in warning for warning in record.warnings), record.warnings
    for key in ("language", "title", "url"):
        if key in want:
            assert getattr(record, key) == want[key]
    if "contains" in want:
        assert want["contains"] in record.text


def test_every_hostile_file_has_an_expectation() -> None:
    stored = {path.name for path in HOSTILE.iterdir()} - {"EXPECTED.json", "make_hostile.py"}
    assert stored == set(EXPECTED)


def test_whole_hostile_directory_never_raises_and_names_every_input() -> None:
    records = list(read_inputs([HOSTILE], limits=LIMITS))
    assert all(isinstance(record, Article | Rejected) for record in records)
    origins = {record.origin.split(":")[0].split("#")[0] for record in records}
    assert {str(HOSTILE / name) for name in EXPECTED} <= origins


def test_100_mb_jsonl_is_streamed_not_loaded(tmp_path: Path) -> None:
    path = tmp_path / "huge.jsonl"
    good = json.dumps({"id": "ok", "text": "Shelling hit the town of Izium on Monday."}) + "\n"
    with path.open("w") as handle:
        handle.write(good)
        handle.write('{"id": "giant", "text": "' + "a" * (100 * MB) + '"}\n')
        handle.write(good.replace('"ok"', '"ok-2"'))
    tracemalloc.start()
    records = list(read_inputs([path], limits=Limits(max_article_bytes=1 * MB)))
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    assert [type(record).__name__ for record in records] == ["Article", "Rejected", "Article"]
    assert records[1].line == 2 and "line too long" in records[1].reason
    assert peak < 20 * MB, f"peak {peak / MB:.1f} MB: the giant line was read whole"


def test_100_mb_text_file_is_refused_as_too_large(tmp_path: Path) -> None:
    path = tmp_path / "huge.txt"
    with path.open("wb") as handle:
        handle.truncate(100 * MB)  # sparse: cheap to make, still 100 MB to read
    tracemalloc.start()
    records = list(read_inputs([path]))
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    assert len(records) == 1 and isinstance(records[0], Rejected)
    assert "too large" in records[0].reason and str(path) in str(records[0])
    assert peak < 12 * MB


def test_megabyte_line_without_punctuation_is_broken_into_bounded_lines(tmp_path: Path) -> None:
    path = tmp_path / "one-line.txt"
    path.write_text(" ".join(["shelling"] * 150_000))
    (article,) = read_inputs([path])
    assert isinstance(article, Article)
    assert max(len(line) for line in article.text.split("\n")) <= Limits().max_line_chars
    assert any("over-long" in warning for warning in article.warnings)
    assert article.text.replace("\n", " ") == " ".join(["shelling"] * 150_000)


def test_long_csv_cell_and_line_rejected_without_stopping_the_file(tmp_path: Path) -> None:
    path = tmp_path / "wide.csv"
    path.write_text("id,text\nr1,Shelling hit Izium on Monday.\nr2," + "x" * 3_000 + "\n"
                    "r3,Shelling hit Kupiansk on Tuesday.\nr4," + "y" * 3_000)
    records = list(read_inputs([path], limits=Limits(max_article_bytes=1_000)))
    kinds = [type(record).__name__ for record in records]
    assert kinds == ["Article", "Rejected", "Article", "Rejected"]
    assert "too long" in records[1].reason and records[1].line == 3
    assert records[3].line == 5  # the last line too: reported, not lost at end of file
    assert [record.doc_id for record in records if isinstance(record, Article)] == ["r1", "r3"]


def test_hostile_directory_through_a_run_is_quarantined_and_loses_nothing(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'run.db'}"
    good = tmp_path / "good.jsonl"
    good.write_text(json.dumps({"id": "kept", "date": "2022-07-05", "text": ABSURD[1]}) + "\n")
    run_inputs([str(good)], url)
    summary = run_inputs([str(HOSTILE)], url)
    records = list(read_inputs([HOSTILE]))  # what the run read (real date: not LIMITS')
    rejections = sorted(str(record) for record in records if isinstance(record, Rejected))
    assert len(records) >= sum(map(len, EXPECTED.values()))
    assert sorted(str(rejected) for rejected in summary.rejected) == rejections
    assert summary.articles_read == len(records) - len(rejections)
    store = Store(url)
    assert sorted(str(rejected) for rejected in store.quarantined()) == rejections
    assert all(rejection.startswith(str(HOSTILE)) for rejection in rejections)  # names input
    counts = store.counts()
    assert counts["articles"] + counts["quarantine"] == 1 + len(records)  # nothing lost
    again = run_inputs([str(HOSTILE)], url)
    assert again.articles_processed == 0 and store.counts() == {**counts, "runs": 3}


# Absurd numbers are no counts: the event is kept, its fatality count left unknown. (Short
# single sentences: the English fallback of language detection must take them.)
ABSURD = ["Russian shelling killed 1e9 people in Kharkiv on Monday, officials said.",
          "A car bomb killed six people in Mogadishu on Monday, officials said.",
          "Gunmen killed 99999999999999999999 villagers in Maiduguri on Monday.",
          "An air strike killed 1,000,000,000 civilians in Aleppo on Monday."]


@pytest.mark.parametrize(("sentence", "fatalities"), list(zip(ABSURD, [None, 6, None, None],
                                                                 strict=True)))
def test_absurd_numbers_never_become_fatality_counts(sentence: str,
                                                     fatalities: int | None) -> None:
    (article,) = read_bytes(f" date 2022-07-05 {sentence}".encode(), "absurd.txt", kind="text")
    result = process_article(article)
    assert result.error is None and result.candidates
    assert {candidate.fatalities for candidate in result.candidates} == {fatalities}


def test_sql_in_input_is_stored_as_data(store_url: str, tmp_path: Path) -> None:
    """Every value reaches the database as a bound parameter: SQL in an id, title or text is
    stored verbatim and runs nowhere (SQLite and PostgreSQL)."""
    injection = "x'); DROP TABLE articles; -- \" ; DELETE FROM events WHERE ''='"
    record = {"id": injection, "title": injection, "date": "2022-07-05",
              "text": f"{ABSURD[1]} {injection}"}
    path = tmp_path / "sql.jsonl"
    path.write_text(json.dumps(record) + "\n")
    run_inputs([str(path)], store_url)
    run_inputs([str(path)], store_url)
    store = Store(store_url)
    with store.engine.connect() as connection:
        stored = connection.execute(select(articles.c.doc_id, articles.c.title)).all()
    assert [tuple(row) for row in stored] == [(injection, injection)]
    counts = store.counts()
    assert counts["articles"] == 1 and counts["events"] == 1 and counts["runs"] == 2
