"""`polemos run` in a subprocess that stops at a known point, to be killed there with SIGKILL.

    python tests/kill_child.py BATCH PAUSE MARKER INPUT DB_URL

Runs the real command line (`polemos run INPUT --db DB_URL -q`) with partitions of BATCH
records. PAUSE names where to stop, writing MARKER and sleeping until killed (10 min at most):
  none       nowhere (run to the end)
  read:N     reading input, after the N-th record of the JSONL reader
  write:N    inside the N-th batch's write transaction: its articles inserted, not committed
  rebuild    inside the event rebuild transaction: events written, not committed
"""

from __future__ import annotations

import functools
import sys
import time
from pathlib import Path

import polemos.store
from polemos import runner
from polemos.cli import main
from polemos.ingest import dispatch


def _stop_here(marker: str) -> None:
    Path(marker).write_text("paused\n")
    time.sleep(600)  # the test kills us long before; if it died itself, do not linger
    raise SystemExit("never killed")


def _pause_reading(after: int, marker: str) -> None:
    real = dispatch.READERS["jsonl"]
    seen = 0

    def reading(*args, **kwargs):  # noqa: ANN002, ANN003, ANN202
        nonlocal seen
        for item in real(*args, **kwargs):
            seen += 1
            if seen > after:
                _stop_here(marker)
            yield item

    dispatch.READERS["jsonl"] = reading


def _pause_writing(batch: int, marker: str) -> None:
    real = polemos.store.insert_ignore
    writes = 0

    def inserting(connection, table, rows) -> None:  # noqa: ANN001
        nonlocal writes
        if table.name == "candidates":  # articles of this batch are in, uncommitted
            writes += 1
            if writes == batch:
                _stop_here(marker)
        real(connection, table, rows)

    polemos.store.insert_ignore = inserting


def _pause_rebuilding(marker: str) -> None:
    real = polemos.store.rebuild

    def rebuilding(connection) -> None:  # noqa: ANN001
        real(connection)
        _stop_here(marker)

    polemos.store.rebuild = rebuilding


def run(batch: int, pause: str, marker: str, source: str, url: str) -> None:
    runner.run_inputs = functools.partial(runner.run_inputs, batch_size=batch)
    where, _, count = pause.partition(":")
    if where == "read":
        _pause_reading(int(count), marker)
    elif where == "write":
        _pause_writing(int(count), marker)
    elif where == "rebuild":
        _pause_rebuilding(marker)
    elif where != "none":
        raise SystemExit(f"unknown pause point {pause!r}")
    sys.argv = ["polemos", "run", source, "--db", url, "-q"]
    main()


if __name__ == "__main__":
    batch_arg, pause_arg, marker_arg, source_arg, url_arg = sys.argv[1:6]
    run(int(batch_arg), pause_arg, marker_arg, source_arg, url_arg)
