"""A run killed with SIGKILL mid-way and started again ends with the same events, none lost or
doubled, as a run that was never interrupted."""

from __future__ import annotations

import dataclasses
import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from polemos.bench import synthetic_corpus, write_jsonl
from polemos.runner import run_inputs
from polemos.store import Store

DOCS, BATCH = 120, 10
SCRIPT = ("import sys; from polemos.runner import run_inputs; "
          "run_inputs([sys.argv[1]], sys.argv[2], batch_size=int(sys.argv[3]))")


def _comparable(url: str) -> list[dict]:
    return [{k: v for k, v in dataclasses.asdict(e).items() if k != "timestamp"}
            for e in Store(url).events(include_statements=True)]


def _stored_articles(path: Path) -> int:
    try:
        with sqlite3.connect(path, timeout=1) as connection:
            return connection.execute("SELECT count(*) FROM articles").fetchone()[0]
    except sqlite3.Error:
        return 0


@pytest.mark.slow
def test_kill_9_then_rerun_equals_an_uninterrupted_run(tmp_path: Path) -> None:
    corpus = write_jsonl(synthetic_corpus(DOCS, seed=3), tmp_path / "corpus.jsonl")
    killed_db = tmp_path / "killed.db"
    url = f"sqlite:///{killed_db}"
    command = [sys.executable, "-c", SCRIPT, str(corpus), url, str(BATCH)]
    process = subprocess.Popen(command, env={**os.environ}, stdout=subprocess.DEVNULL,
                               stderr=subprocess.PIPE)
    deadline = time.monotonic() + 120
    while _stored_articles(killed_db) < 2 * BATCH and process.poll() is None:
        assert time.monotonic() < deadline, "the run never stored a batch"
        time.sleep(0.05)
    assert process.poll() is None, process.stderr.read().decode()[-2000:]
    os.kill(process.pid, signal.SIGKILL)
    process.wait()
    interrupted_at = _stored_articles(killed_db)
    assert 0 < interrupted_at < DOCS

    summary = run_inputs([str(corpus)], url, batch_size=BATCH)
    assert summary.articles_skipped == interrupted_at
    assert summary.articles_processed == DOCS - interrupted_at

    clean = f"sqlite:///{tmp_path / 'clean.db'}"
    run_inputs([str(corpus)], clean, batch_size=BATCH)
    events = _comparable(url)
    assert events and events == _comparable(clean)
    counts, clean_counts = Store(url).counts(), Store(clean).counts()
    for table in ("articles", "candidates", "events"):
        assert counts[table] == clean_counts[table], table
