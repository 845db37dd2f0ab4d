"""Poll a directory and hand new or changed files to a callback (`polemos watch`).

Polling, not inotify: it works the same on network mounts and in containers, and a poll every
few seconds costs nothing next to extracting events. A file is handed over once it has not
changed for `settle_s` seconds, so a file still being copied in is not read half-written. On
start every file present counts as new; reruns are cheap because the store skips articles it
already holds (content hash).
"""

from __future__ import annotations

import os
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass, field

from polemos.ingest.sources import walk

Process = Callable[[list[str]], object]
_MAX_FAILURES = 3


@dataclass(slots=True)
class DirectoryPoller:
    """Remembers which version (size, mtime) of each file was handed over already."""

    directory: str
    settle_s: float = 2.0
    clock: Callable[[], float] = time.time
    _done: dict[str, tuple[int, int]] = field(default_factory=dict)
    _failures: dict[str, int] = field(default_factory=dict)

    def ready(self, settle: bool = True) -> list[str]:
        """Files new or changed since they were last handed over, and settled."""
        now = self.clock()
        found = []
        for path in walk(self.directory):
            try:
                stat = os.stat(path)
            except OSError:
                continue  # vanished between listing and stat
            version = (stat.st_size, stat.st_mtime_ns)
            if self._done.get(path) == version:
                continue
            if settle and now - stat.st_mtime < self.settle_s:
                continue
            found.append(path)
        return found

    def mark_done(self, paths: list[str]) -> None:
        for path in paths:
            try:
                stat = os.stat(path)
            except OSError:
                continue
            self._done[path] = (stat.st_size, stat.st_mtime_ns)
            self._failures.pop(path, None)

    def mark_failed(self, paths: list[str]) -> None:
        """Retry a failed batch on the next polls, then give its files up."""
        given_up = []
        for path in paths:
            self._failures[path] = self._failures.get(path, 0) + 1
            if self._failures[path] >= _MAX_FAILURES:
                given_up.append(path)
        self.mark_done(given_up)


def watch(directory: str, process: Process, interval: float = 5.0, once: bool = False, *,
          settle_s: float = 2.0, stop: Callable[[], bool] = lambda: False,
          sleep: Callable[[float], None] = time.sleep,
          clock: Callable[[], float] = time.time) -> int:
    """Poll `directory`; call `process(paths)` with each batch of new files. Returns the count
    of files handed over. `once` processes what is there now (settled or not) and returns."""
    if not os.path.isdir(directory):
        raise NotADirectoryError(directory)
    poller = DirectoryPoller(directory, settle_s, clock)
    handed = 0
    while True:
        batch = poller.ready(settle=not once)
        if batch:
            handed += _hand_over(batch, process, poller)
        if once or stop():
            return handed
        sleep(interval)


def _hand_over(batch: list[str], process: Process, poller: DirectoryPoller) -> int:
    try:
        process(batch)
    except Exception as error:  # noqa: BLE001 - a failing batch must not end the watch
        print(f"polemos watch: processing {len(batch)} file(s) failed: "
              f"{type(error).__name__}: {error}", file=sys.stderr)
        poller.mark_failed(batch)
        return 0
    poller.mark_done(batch)
    return len(batch)
