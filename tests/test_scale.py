"""`--cluster local`: Dask workers give the same events as one process (SQLite through the
driver as single writer; PostgreSQL written by the workers directly)."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest

from polemos.bench import synthetic_corpus, write_jsonl
from polemos.runner import run_inputs
from polemos.store import Store


def _comparable(url: str) -> list[dict]:
    return [{k: v for k, v in dataclasses.asdict(e).items() if k != "timestamp"}
            for e in Store(url).events(include_statements=True)]


@pytest.mark.slow
def test_dask_local_cluster_matches_single_process(store_url: str, tmp_path: Path) -> None:
    corpus = write_jsonl(synthetic_corpus(60, seed=5), tmp_path / "corpus.jsonl")
    seen: list[int] = []
    summary = run_inputs([str(corpus)], store_url, on_progress=seen.append, batch_size=15,
                         cluster="local", workers=2)
    assert summary.articles_processed == 60 and sum(seen) == 60
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
