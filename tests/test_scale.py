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
