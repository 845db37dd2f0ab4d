"""A database URL's password is never printed or logged: not by `polemos run` on success, not
when the server cannot be reached, not in any log record down to DEBUG (SQLAlchemy's too)."""

from __future__ import annotations

import json
import logging
import subprocess
import sys
import uuid
from pathlib import Path

import pytest

from conftest import pg_url
from polemos.runner import run_inputs
from polemos.store import Store

PASSWORD = "Sup3r-S3cret-pw"  # the test server trusts local connections: any password works
ARTICLE = {"id": "a", "date": "2022-07-05",
           "text": "A car bomb killed six people in Mogadishu on Monday, officials said."}


def _with_password(url: str) -> str:
    scheme, rest = url.split("://", 1)
    user, host = rest.split("@", 1)
    return f"{scheme}://{user.split(':')[0]}:{PASSWORD}@{host}"


@pytest.fixture
def pg_password_url(pg_session_schema: str) -> str:
    return _with_password(pg_url(f"{pg_session_schema}_{uuid.uuid4().hex[:8]}"))


@pytest.fixture
def corpus(tmp_path: Path) -> Path:
    path = tmp_path / "a.jsonl"
    path.write_text(json.dumps(ARTICLE) + "\n")
    return path


def _polemos(*args: str) -> subprocess.CompletedProcess:
    command = [str(Path(sys.executable).with_name("polemos")), *args]
    return subprocess.run(command, capture_output=True, text=True, timeout=300, check=False)


@pytest.mark.postgres
def test_run_and_export_never_print_the_password(pg_password_url: str, corpus: Path) -> None:
    run = _polemos("run", str(corpus), "--db", pg_password_url)
    assert run.returncode == 0, run.stderr[-2000:]
    assert "1 articles read" in run.stderr
    export = _polemos("events", "--format", "jsonl", "--db", pg_password_url)
    assert export.returncode == 0, export.stderr[-2000:]
    for output in (run.stdout, run.stderr, export.stdout, export.stderr):
        assert PASSWORD not in output


@pytest.mark.postgres
def test_no_log_record_holds_the_password(pg_password_url: str, corpus: Path,
                                          caplog: pytest.LogCaptureFixture) -> None:
    with caplog.at_level(logging.DEBUG):
        logging.getLogger("sqlalchemy.engine").setLevel(logging.DEBUG)
        try:
            summary = run_inputs([str(corpus)], pg_password_url)
            store = Store(pg_password_url)
            described = f"{store!r} {store.url!s}"
        finally:
            logging.getLogger("sqlalchemy.engine").setLevel(logging.WARNING)
    assert summary.events == 1
    assert "opening store" in caplog.text  # the store did log its URL, masked
    assert PASSWORD not in caplog.text
    assert PASSWORD not in described


def test_unreachable_server_error_hides_the_password(corpus: Path) -> None:
    url = f"postgresql://postgres:{PASSWORD}@127.0.0.1:9/test?connect_timeout=3"
    run = _polemos("run", str(corpus), "--db", url)
    assert run.returncode != 0
    assert "127.0.0.1" in run.stderr  # the error does say which server failed
    assert PASSWORD not in run.stdout + run.stderr
    assert "Traceback" not in run.stderr and "could not be used" in run.stderr  # one line
