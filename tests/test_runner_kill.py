"""A `polemos run` killed with SIGKILL and started again ends with the same articles, events
and quarantine as a run that was never interrupted: nothing lost, nothing doubled. Killed
while reading input, inside a batch's write transaction, inside the event rebuild, and at
random moments several times over; on SQLite and on PostgreSQL."""

from __future__ import annotations

import dataclasses
import json
import os
import random
import signal
import subprocess
import sys
import time
import uuid
from pathlib import Path

import pytest
from sqlalchemy import create_engine, func, select, text

from conftest import pg_url
from polemos.bench import synthetic_corpus
from polemos.runner import run_inputs
from polemos.store import Store
from polemos.store.engine import normalise_url

DOCS, BATCH = 40, 10
BROKEN_AFTER = (7, 23)  # broken JSONL lines go after these records: the quarantine is checked
CHILD = Path(__file__).with_name("kill_child.py")
pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("kill") / "corpus.jsonl"
    lines = [json.dumps(record) for record in synthetic_corpus(DOCS, seed=3)]
    for position in sorted(BROKEN_AFTER, reverse=True):
        lines.insert(position, '{"id": "cut-off", "text": "Shelling hit')
    path.write_text("\n".join(lines) + "\n")
    return path


@pytest.fixture(params=["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)])
def new_url(request: pytest.FixtureRequest, tmp_path: Path):  # noqa: ANN201
    """Makes empty databases of one backend: the killed run's and the reference run's."""
    if request.param == "sqlite":
        return lambda name: f"sqlite:///{tmp_path / name}.db"
    prefix = request.getfixturevalue("pg_session_schema")
    return lambda name: pg_url(f"{prefix}_{name}_{uuid.uuid4().hex[:6]}")


def _start(url: str, pause: str, marker: Path, corpus: Path) -> subprocess.Popen:
    command = [sys.executable, str(CHILD), str(BATCH), pause, str(marker), str(corpus), url]
    return subprocess.Popen(command, env={**os.environ}, stdout=subprocess.DEVNULL,
                            stderr=subprocess.PIPE)


def _kill_when(process: subprocess.Popen, ready, delay: float = 0.0) -> bool:  # noqa: ANN001
    """SIGKILL `process` `delay` seconds after `ready()` holds; False: it had ended by then."""
    deadline = time.monotonic() + 300
    while not ready():
        assert process.poll() is None, process.stderr.read().decode()[-3000:]
        if time.monotonic() > deadline:
            process.kill()
            pytest.fail("the run never reached the kill point")
        time.sleep(0.02)
    time.sleep(delay)
    if process.poll() is not None:
        assert process.returncode == 0, process.stderr.read().decode()[-3000:]
        return False
    os.kill(process.pid, signal.SIGKILL)
    process.wait()
    return True


def _stored(url: str, table: str = "articles") -> int:
    """Committed rows of `table` as another connection sees them (0 before the schema exists)."""
    engine = create_engine(normalise_url(url))
    try:
        with engine.connect() as connection:
            return int(connection.execute(select(func.count()).select_from(text(table)))
                       .scalar_one())
    except Exception:  # noqa: BLE001 - no table yet, or the database file is being created
        return 0
    finally:
        engine.dispose()


def _state(url: str) -> dict:
    """Everything a run leaves behind, without run ids and timestamps."""
    store = Store(url)
    events = [{k: v for k, v in dataclasses.asdict(e).items() if k != "timestamp"}
              for e in store.events(include_statements=True)]
    quarantined = sorted((r.origin, r.line, r.reason) for r in store.quarantined())
    counts = {k: v for k, v in store.counts().items() if k != "runs"}
    store.close()
    return {"events": events, "quarantine": quarantined, "counts": counts}


_REFERENCES: dict[str, dict] = {}  # backend -> state after an uninterrupted run


def _reference(new_url, backend: str, corpus: Path) -> dict:  # noqa: ANN001
    if backend not in _REFERENCES:
        url = new_url("clean")
        run_inputs([str(corpus)], url, batch_size=BATCH)
        _REFERENCES[backend] = _state(url)
    state = _REFERENCES[backend]
    assert state["events"] and len(state["quarantine"]) == len(BROKEN_AFTER)
    assert state["counts"]["articles"] == DOCS
    return state


def _rerun_matches(url: str, corpus: Path, new_url, stored_before: int) -> None:  # noqa: ANN001
    summary = run_inputs([str(corpus)], url, batch_size=BATCH)
    assert summary.articles_skipped == stored_before
    assert summary.articles_processed == DOCS - stored_before
    assert _state(url) == _reference(new_url, url.split(":", 1)[0], corpus)
    again = run_inputs([str(corpus)], url, batch_size=BATCH)
    assert again.articles_processed == 0 and again.articles_skipped == DOCS


# Where the run is killed -> articles committed by then (batches are BATCH input records).
_FIRST_TWO_BATCHES = 2 * BATCH - sum(position < 2 * BATCH for position in BROKEN_AFTER)
KILL_POINTS = {
    "read:25": _FIRST_TWO_BATCHES,  # reading batch 3
    "write:3": _FIRST_TWO_BATCHES,  # batch 3's articles inserted, never committed
    "rebuild": DOCS,  # every article committed, the events being written not
}


@pytest.mark.parametrize(("pause", "committed"), KILL_POINTS.items())
def test_kill_at_a_known_point_then_rerun(pause: str, committed: int, new_url,  # noqa: ANN001
                                          corpus: Path, tmp_path: Path) -> None:
    url, marker = new_url("killed"), tmp_path / "paused"
    assert _kill_when(_start(url, pause, marker, corpus), marker.exists)
    assert (_stored(url), _stored(url, "events")) == (committed, 0)
    _rerun_matches(url, corpus, new_url, committed)


def test_killed_at_random_moments_three_times(new_url, corpus: Path,  # noqa: ANN001
                                              tmp_path: Path) -> None:
    url, rng = new_url("killed"), random.Random(6)
    kills = 0
    for _ in range(3):
        target = min(_stored(url) + rng.randint(1, BATCH), DOCS)  # after some progress,
        process = _start(url, "none", tmp_path / "unused", corpus)
        kills += _kill_when(process, lambda: _stored(url) >= target,  # noqa: B023
                            delay=rng.uniform(0, 0.5))  # then anywhere in the next batch
    assert kills >= 2
    _rerun_matches(url, corpus, new_url, _stored(url))
