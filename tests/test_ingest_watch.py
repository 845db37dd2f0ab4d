"""`polemos watch`: new and changed files are handed over once, settled, in order."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from typer.testing import CliRunner

from polemos.ingest.watch import watch


class FakeClock:
    """Time that only moves when the watcher sleeps, so tests are exact and instant."""

    def __init__(self, start: float) -> None:
        self.now = start

    def __call__(self) -> float:
        return self.now

    def sleep(self, seconds: float) -> None:
        self.now += seconds


def write(path: Path, text: str, mtime: float) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text)
    os.utime(path, (mtime, mtime))


def test_once_hands_over_everything_present_sorted(tmp_path: Path) -> None:
    write(tmp_path / "b.txt", "b", 1_000)
    write(tmp_path / "a" / "c.txt", "c", 1_000)
    write(tmp_path / ".hidden", "h", 1_000)
    batches: list[list[str]] = []
    assert watch(str(tmp_path), batches.append, once=True) == 2
    assert batches == [[str(tmp_path / "a" / "c.txt"), str(tmp_path / "b.txt")]]


def test_polling_sees_new_and_changed_files_once_each_after_they_settle(tmp_path: Path) -> None:
    clock = FakeClock(10_000.0)
    write(tmp_path / "old.txt", "old", clock.now - 100)
    batches: list[list[str]] = []
    events = iter([
        lambda: write(tmp_path / "new.txt", "new", clock.now),  # still being written
        lambda: None,                                             # settles
        lambda: write(tmp_path / "old.txt", "old, updated", clock.now - 10),
        lambda: None,
    ])

    def stop() -> bool:
        action = next(events, None)
        if action is None:
            return True
        action()
        return False

    handed = watch(str(tmp_path), batches.append, interval=1.5, settle_s=2.0, stop=stop,
                   sleep=clock.sleep, clock=clock)
    names = [[Path(path).name for path in batch] for batch in batches]
    assert names == [["old.txt"], ["new.txt"], ["old.txt"]]
    assert handed == 3


def test_failing_batch_is_retried_then_given_up(tmp_path: Path, capsys) -> None:
    write(tmp_path / "a.txt", "a", 1_000)
    calls: list[list[str]] = []

    def process(paths: list[str]) -> None:
        calls.append(paths)
        raise RuntimeError("database locked")

    rounds = iter(range(5))
    handed = watch(str(tmp_path), process, interval=0, stop=lambda: next(rounds, None) is None,
                   sleep=lambda _: None)
    assert handed == 0 and len(calls) == 3
    assert "database locked" in capsys.readouterr().err


def test_missing_directory_raises_clearly(tmp_path: Path) -> None:
    with pytest.raises(NotADirectoryError):
        watch(str(tmp_path / "nope"), print, once=True)


def test_cli_watch_once_calls_the_pipeline(tmp_path: Path, monkeypatch) -> None:
    from polemos import runner
    from polemos.cli import app

    write(tmp_path / "in" / "a.txt", "Shelling hit Izium on Monday.", 1_000)
    seen: list[tuple[list[str], str]] = []

    class Summary:
        articles_read, articles_processed, rejected = 1, 1, []

    def fake_run_inputs(paths, db, **_):
        seen.append((paths, db))
        return Summary()

    monkeypatch.setattr(runner, "run_inputs", fake_run_inputs)
    result = CliRunner().invoke(app, ["watch", str(tmp_path / "in"), "--once", "--db",
                                      "sqlite:///x.db"])
    assert result.exit_code == 0, result.output
    assert seen == [([str(tmp_path / "in" / "a.txt")], "sqlite:///x.db")]
    assert "1 file(s) processed" in result.output
    bad = CliRunner().invoke(app, ["watch", str(tmp_path / "missing"), "--once"])
    assert bad.exit_code == 2
