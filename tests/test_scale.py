"""`--cluster local`: Dask workers give the same events as one process (SQLite through the
driver as single writer; PostgreSQL written by the workers directly)."""

from __future__ import annotations

import dataclasses
import json
from pathlib import Path

import pytest

from polemos.bench import synthetic_corpus, write_jsonl
from polemos.ingest import read_inputs
from polemos.models import Article, Rejected
from polemos.partitions import JsonlSlice, balanced, plan
from polemos.runner import run_inputs
from polemos.store import Store


def _comparable(url: str) -> list[dict]:
    return [{k: v for k, v in dataclasses.asdict(e).items() if k != "timestamp"}
            for e in Store(url).events(include_statements=True)]


@pytest.mark.slow
def test_dask_local_cluster_matches_single_process(store_url: str, tmp_path: Path) -> None:
    corpus = write_jsonl(synthetic_corpus(60, seed=5), tmp_path / "corpus.jsonl")
    seen: list[int] = []
    totals: list[int] = []
    summary = run_inputs([str(corpus)], store_url, on_progress=seen.append, batch_size=15,
                         cluster="local", workers=2, on_total=totals.append)
    assert summary.articles_processed == 60 and sum(seen) == 60 and totals == [60]
    # one step per partition, as each finishes; the last ones smaller, for the workers to
    # finish together
    cut = balanced(list(plan([str(corpus)], 15)), 2, 12)
    assert sorted(seen) == sorted(p.size for p in cut) and len(seen) > 4
    assert 0 < summary.peak_worker_rss_mb < 1000
    single = f"sqlite:///{tmp_path / 'single.db'}"
    run_inputs([str(corpus)], single, batch_size=15)
    assert _comparable(store_url) == _comparable(single)
    again = run_inputs([str(corpus)], store_url, batch_size=15, cluster="local", workers=2)
    assert (again.articles_processed, again.articles_skipped) == (0, 60)


def test_synthetic_corpus_recombines_the_bundled_samples() -> None:
    from polemos.bench import SAMPLES

    first, again = synthetic_corpus(30, seed=1), synthetic_corpus(30, seed=1)
    assert first == again and len({r["id"] for r in first}) == 30
    sample_paragraphs = {p.strip() for path in SAMPLES.glob("*.txt")
                         for p in path.read_text(encoding="utf-8").split("\n\n")[1:]}
    for record in first:
        assert set(record["text"].split("\n\n")) <= sample_paragraphs
    assert len({r["text"] for r in first}) > 20  # recombined, not twelve copies


def test_bench_is_a_command_and_keeps_other_stages_subcommands() -> None:
    from typer.testing import CliRunner

    from polemos.cli import app

    result = CliRunner().invoke(app, ["bench", "--help"])
    assert result.exit_code == 0 and "--docs" in result.output
    assert "geoparse" in result.output


def _described(items) -> list[tuple]:  # noqa: ANN001
    """Articles and rejections as comparable tuples (origin and line included)."""
    return [(type(i).__name__, getattr(i, "doc_id", None), i.origin, getattr(i, "line", None),
             getattr(i, "reason", None)) for i in items]


def _messy_jsonl(path: Path) -> Path:
    records = synthetic_corpus(23, seed=2)
    lines = [json.dumps(r) for r in records]
    lines[4] = "{not json"                      # a rejected line keeps its number
    lines.insert(9, "")                         # blank lines are skipped, still counted
    lines[15] = json.dumps({"id": "", "text": "no id"})
    path.write_text("\n".join(lines), encoding="utf-8")  # no newline at the end
    return path


@pytest.mark.parametrize("size", [1, 4, 7, 100])
def test_jsonl_slices_read_exactly_what_the_whole_file_holds(tmp_path: Path, size: int) -> None:
    path = _messy_jsonl(tmp_path / "messy.jsonl")
    whole = _described(read_inputs([str(path)]))
    slices = list(plan([str(path)], size))
    assert all(isinstance(s, JsonlSlice) for s in slices)
    assert len(slices) == -(-24 // size)  # 24 lines, the last without a newline
    assert _described(item for s in slices for item in s.read()) == whole
    assert sum(s.size for s in slices) == 24


@pytest.mark.parametrize(("size", "workers", "smallest"), [(4, 1, 1), (7, 2, 3), (24, 2, 5),
                                                          (100, 3, 12), (5, 2, 5)])
def test_balanced_partitions_read_the_same_and_shrink_at_the_end(
        tmp_path: Path, size: int, workers: int, smallest: int) -> None:
    messy = _messy_jsonl(tmp_path / "messy.jsonl")
    texts = tmp_path / "texts"
    texts.mkdir()
    for record in synthetic_corpus(9, seed=6):
        (texts / f"{record['id']}.txt").write_text(record["text"], encoding="utf-8")
    inputs = [str(messy), str(texts / "*.txt")]
    planned = list(plan(inputs, size))
    cut = balanced(planned, workers, smallest)
    assert _described(i for p in cut for i in p.read()) == _described(read_inputs(inputs))
    assert sum(p.size for p in cut) == sum(p.size for p in planned) == 24 + 9
    assert max(p.size for p in cut) <= size
    # sizes never grow, but after the last piece of a file; pieces under `smallest` end one
    assert all(a.size >= b.size or _ends_a_file(a, b) for a, b in zip(cut, cut[1:], strict=False))
    assert all(p.size >= smallest or p is cut[-1] or _ends_a_file(p, cut[i + 1])
               for i, p in enumerate(cut[:-1]))
    if size > smallest:
        assert len(cut) > len(planned) and cut[-1].size <= smallest


def _ends_a_file(part, following) -> bool:  # noqa: ANN001
    """`part` is the last piece of its input (the next partition reads something else)."""
    return type(part) is not type(following) or getattr(part, "path", None) != getattr(
        following, "path", None) or getattr(part, "stop", None) != getattr(following, "start", 0)


def test_balanced_keeps_a_partition_whose_file_changed(tmp_path: Path) -> None:
    path = write_jsonl(synthetic_corpus(30, seed=1), tmp_path / "c.jsonl")
    planned = list(plan([str(path)], 30))
    path.unlink()
    assert balanced(planned, 2, 5) == planned  # reading it will reject it, as before


def test_an_empty_jsonl_file_is_rejected_once(tmp_path: Path) -> None:
    empty = tmp_path / "empty.jsonl"
    empty.write_bytes(b"")
    blank_tail = write_jsonl(synthetic_corpus(3), tmp_path / "tail.jsonl")
    blank_tail.write_text(blank_tail.read_text() + "\n\n\n\n", encoding="utf-8")
    items = [item for s in plan([str(empty), str(blank_tail)], 2) for item in s.read()]
    assert [i.reason for i in items if isinstance(i, Rejected)] == ["empty file"]
    assert len([i for i in items if isinstance(i, Article)]) == 3


def test_parquet_rows_and_globs_of_files_are_partitioned(tmp_path: Path) -> None:
    import pyarrow as pa
    import pyarrow.parquet as pq

    records = synthetic_corpus(11, seed=4)
    pq.write_table(pa.Table.from_pylist(records), tmp_path / "a.parquet", row_group_size=3)
    folder = tmp_path / "texts"
    folder.mkdir()
    for record in records[:5]:
        (folder / f"{record['id']}.txt").write_text(record["text"], encoding="utf-8")
    inputs = [str(tmp_path / "*.parquet"), str(folder / "*.txt")]
    partitions = list(plan(inputs, 4))
    assert [type(p).__name__ for p in partitions] == ["ParquetSlice"] * 3 + ["FileGroup"] * 2
    assert [p.size for p in partitions] == [4, 4, 3, 4, 1]
    read = [item for p in partitions for item in p.read()]
    assert _described(read) == _described(read_inputs(inputs))
    assert [a.doc_id for a in read[:11]] == [r["id"] for r in records]


@pytest.mark.slow
def test_dask_reads_parquet_and_loads_the_gazetteer_once_per_worker(tmp_path: Path) -> None:
    import pyarrow as pa
    import pyarrow.parquet as pq

    from polemos.scale import dask_client

    records = synthetic_corpus(24, seed=6)
    pq.write_table(pa.Table.from_pylist(records), tmp_path / "corpus.parquet", row_group_size=5)
    url = f"sqlite:///{tmp_path / 'dask.db'}"
    with dask_client("local", 2) as client:
        summary = run_inputs([str(tmp_path / "corpus.parquet")], url, batch_size=4,
                             cluster=client.scheduler.address)
        loads = client.run(_gazetteer_loads)
    assert summary.articles_processed == 24 and summary.partitions == 6
    assert sum(loads.values()) <= 2 and all(n <= 1 for n in loads.values())
    single = f"sqlite:///{tmp_path / 'single.db'}"
    write_jsonl(records, tmp_path / "corpus.jsonl")
    run_inputs([str(tmp_path / "corpus.jsonl")], single)
    assert _comparable(url) == _comparable(single)


def _gazetteer_loads() -> int:
    from polemos import pipeline

    return pipeline.GEOPARSER_LOADS


def test_bench_report_has_every_figure_the_issue_asks_for() -> None:
    from polemos.bench import _report

    tasks = {"read_s": 1.0, "process_s": 18.0, "write_s": 0.5, "cpu_s": 19.0}
    spacy = {"seconds": 60.0, "docs": 600, "rss_mb": 480.0}
    single = {"seconds": 10.0, "docs": 600, "events": 500, "rss_mb": 250.0, "cpu_s": 9.5,
              "partitions": 12, "dedup_s": 0.3, "driver_write_s": 0.0, "task_s": tasks}
    dask = {**single, "seconds": 6.0, "cpu_s": 0.5, "worker_cpu_s": 10.0, "cold_start_s": 3.0,
            "worker_rss_mb": 270.0, "per_worker_rss_mb": [268.0, 270.0],
            "task_s": {"read_s": 0.5, "process_s": 10.0, "write_s": 0.0, "cpu_s": 9.8}}
    writes = {"sqlite": {"events_per_s": 800.0}, "postgresql": {"events_per_s": 900.0}}
    report = _report(600, 2, spacy, single, dask, writes, (0.5, 0.7))
    assert (report["single_docs_per_s"], report["dask_docs_per_s"]) == (60.0, 100.0)
    assert report["spacy_sm_docs_per_s"] == 10.0 and report["ratio_vs_spacy_sm"] == 6.0
    assert report["dask_ratio_vs_single"] == 1.67
    assert report["dask_ratio_vs_single_cpu_bound"] == round(2 * 9.5 / 10.5, 2)
    assert report["hours_per_1m_articles_single"] == round(1e6 / 60 / 3600, 2)
    assert report["hours_per_1m_articles_dask"] == round(1e6 / 100 / 3600, 2)
    assert report["dask_per_worker_rss_mb"] == [268.0, 270.0]
    assert report["dask_peak_worker_rss_mb"] == 270.0 and report["single_peak_rss_mb"] == 250.0
    assert (report["sqlite_events_per_s"], report["postgresql_events_per_s"]) == (800.0, 900.0)
    assert report["dask_worker_busy_share"] == round(10.5 / 12.0, 3)


def test_a_file_gone_since_the_plan_is_a_rejection_not_a_crash(tmp_path: Path) -> None:
    path = write_jsonl(synthetic_corpus(4), tmp_path / "gone.jsonl")
    (first, second) = plan([str(path)], 2)
    path.unlink()
    (rejected,) = list(second.read())
    assert isinstance(rejected, Rejected) and rejected.line == 3
    assert "cannot open" in rejected.reason


def _stored_articles(url: str) -> int:
    """Articles stored so far, read without opening a Store (which would migrate)."""
    from sqlalchemy import create_engine, text

    from polemos.store.engine import normalise_url

    engine = create_engine(normalise_url(url))
    try:
        with engine.connect() as connection:
            return int(connection.execute(text("SELECT count(*) FROM articles")).scalar_one())
    except Exception:  # noqa: BLE001 - not created yet
        return 0
    finally:
        engine.dispose()


def _first_difference(got: list[dict], expected: list[dict]) -> str:
    """Where two event lists part: the fields of the first event that differ (a flaky
    mismatch must say what it was; pytest's truncated repr does not)."""
    for index, (a, b) in enumerate(zip(got, expected, strict=False)):
        if a != b:
            fields = {k: (a.get(k), b.get(k)) for k in sorted(set(a) | set(b))
                      if a.get(k) != b.get(k)}
            return f"event {index} of {len(got)} vs {len(expected)}: {fields}"[:3000]
    return f"{len(got)} events vs {len(expected)}"


def _settled_count(url: str) -> int:
    """Stored articles once the server has finished what the killed clients left (PostgreSQL
    completes a COMMIT already received from a client that is gone)."""
    import time

    counts = [_stored_articles(url)]
    while len(counts) < 3 or len(set(counts[-3:])) > 1:
        time.sleep(0.5)
        counts.append(_stored_articles(url))
    return counts[-1]


@pytest.mark.slow
def test_a_dask_run_killed_and_rerun_equals_an_uninterrupted_run(store_url: str,
                                                                 tmp_path: Path) -> None:
    import os
    import signal
    import subprocess
    import sys
    import time

    from store_factories import another_database

    docs, batch = 80, 5
    corpus = write_jsonl(synthetic_corpus(docs, seed=8), tmp_path / "corpus.jsonl")
    script = ("import sys; from polemos.runner import run_inputs; run_inputs([sys.argv[1]], "
              "sys.argv[2], batch_size=int(sys.argv[3]), cluster='local', workers=2)")
    errors = (tmp_path / "run.err").open("wb")
    process = subprocess.Popen([sys.executable, "-c", script, str(corpus), store_url, str(batch)],
                               start_new_session=True, stdout=subprocess.DEVNULL,
                               stderr=errors)
    deadline = time.monotonic() + 400  # a loaded 2-core machine starts Dask slowly
    while _stored_articles(store_url) < 2 * batch and process.poll() is None:
        assert time.monotonic() < deadline, "the run never stored a partition"
        time.sleep(0.05)
    assert process.poll() is None, ("the run ended before it could be killed: "
                                    + (tmp_path / "run.err").read_text()[-3000:])
    os.killpg(process.pid, signal.SIGKILL)  # the driver and its workers, all at once
    process.wait()
    interrupted = _settled_count(store_url)
    assert 0 < interrupted < docs

    summary = run_inputs([str(corpus)], store_url, batch_size=batch, cluster="local", workers=2)
    assert (summary.articles_skipped, summary.articles_processed) == (interrupted,
                                                                      docs - interrupted)
    clean = another_database(store_url, tmp_path)
    run_inputs([str(corpus)], clean, batch_size=batch)
    rerun, reference = _comparable(store_url), _comparable(clean)
    assert rerun == reference, _first_difference(rerun, reference)
    counts, clean_counts = Store(store_url).counts(), Store(clean).counts()
    assert all(counts[t] == clean_counts[t] for t in ("articles", "candidates", "events"))


def test_bench_corpus_sample_takes_the_first_valid_records(tmp_path: Path) -> None:
    from polemos.bench import corpus_sample

    path = tmp_path / "real.jsonl"
    path.write_text('{"id": "a", "text": "Shelling hit Kharkiv."}\nnot json\n[1, 2]\n'
                    '{"title": "no text"}\n{"text": "Fighting near Bakhmut."}\n'
                    '{"id": "c", "text": "A third."}\n', encoding="utf-8")
    records = corpus_sample(path, 2)
    assert [r["text"] for r in records] == ["Shelling hit Kharkiv.", "Fighting near Bakhmut."]
    assert records[1]["id"] == "real-0000001"
    empty = tmp_path / "empty.jsonl"
    empty.write_text("garbage\n", encoding="utf-8")
    with pytest.raises(ValueError, match="empty.jsonl"):
        corpus_sample(empty, 5)


def test_local_workers_keep_dasks_environment_and_pad_their_heap() -> None:
    import os

    from polemos.scale import dask_client

    def environment() -> tuple[str | None, str | None]:
        return os.environ.get("MALLOC_TOP_PAD_"), os.environ.get("OMP_NUM_THREADS")

    with dask_client("local", 1) as client:
        (padding, threads), = client.run(environment).values()
    assert int(padding) >= 1 << 20
    assert threads == "1"  # Dask's own pre-spawn settings are kept
