"""A wall-clock bound for calls into libraries we cannot make interruptible (HTML parsing).

Uses SIGALRM, which only the main thread of a process can receive; elsewhere (worker threads)
the bound is skipped and the size limits alone keep inputs from stalling.
"""

from __future__ import annotations

import signal
import threading
from collections.abc import Iterator
from contextlib import contextmanager


class TimedOut(Exception):
    """The guarded call ran past its time limit."""


@contextmanager
def time_limit(seconds: float) -> Iterator[None]:
    usable = (seconds > 0 and hasattr(signal, "setitimer")
              and threading.current_thread() is threading.main_thread())
    if not usable:
        yield
        return

    def _expire(signum, frame):  # noqa: ARG001 - signal handler signature
        raise TimedOut

    previous = signal.signal(signal.SIGALRM, _expire)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)
