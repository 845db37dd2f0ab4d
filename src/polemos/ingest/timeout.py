"""A wall-clock bound for calls that cannot be made interruptible (HTML parsing, processing of
one article), in any thread.

In the main thread the bound is SIGALRM. Elsewhere (a Dask worker runs its tasks in a thread,
which cannot receive signals) a watchdog thread raises `TimedOut` inside the guarded thread
through `PyThreadState_SetAsyncExc`. Either way the exception arrives between two Python
bytecodes, so a single long call into C code ends first; the size limits bound those.

An exception that arrives while the interpreter runs a garbage-collection callback (a weakref
callback, a `__del__`) is printed as "Exception ignored" and lost; SQLAlchemy registers such
callbacks, and CI once saw a 0.3 s bound run on for 6 s so. So a bound that has fired and not
yet ended fires again every `REFIRE_S` until its block ends.
"""

from __future__ import annotations

import ctypes
import heapq
import itertools
import os
import signal
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass

REFIRE_S = 0.5  # a fired bound that has not ended fires again so often (see above)


class TimedOut(BaseException):
    """The guarded call ran past its time limit.

    A BaseException, like KeyboardInterrupt, so that no `except Exception` inside the guarded
    code (a library's fallback path) swallows it and runs on.
    """


@contextmanager
def time_limit(seconds: float) -> Iterator[None]:
    if seconds <= 0:
        yield
    elif _alarm_free():
        with _alarm(seconds):
            yield
    else:
        with _watchdog(seconds):
            yield


def _alarm_free() -> bool:
    """SIGALRM is usable: main thread, and no outer bound owns the one real-time timer."""
    return (hasattr(signal, "setitimer")
            and threading.current_thread() is threading.main_thread()
            and signal.getitimer(signal.ITIMER_REAL)[0] == 0)


@contextmanager
def _alarm(seconds: float) -> Iterator[None]:
    def _expire(signum, frame):  # noqa: ARG001 - signal handler signature
        raise TimedOut(f"took longer than {seconds:g} s")

    previous = signal.signal(signal.SIGALRM, _expire)
    signal.setitimer(signal.ITIMER_REAL, seconds, REFIRE_S)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


@dataclass(slots=True)
class _Bound:
    """One guarded block: the thread to interrupt, when, and whether it was."""

    thread: int
    deadline: float
    done: bool = False
    fired: bool = False


class _Watchdog:
    """One daemon thread per process that raises `TimedOut` in guarded threads past their
    deadline. A thread per guarded block cost ~100 us CPU and ~430 us wall to start and join,
    twice per article on every Dask worker; arming this one is a lock and a heap push."""

    def __init__(self) -> None:
        self._reset()
        os.register_at_fork(after_in_child=self._reset)  # a child has no thread, maybe no lock

    def _reset(self) -> None:
        self._lock = threading.Condition()
        self._heap: list[tuple[float, int, _Bound]] = []
        self._count = itertools.count()
        self._started = False

    def arm(self, seconds: float) -> _Bound:
        bound = _Bound(threading.get_ident(), time.monotonic() + seconds)
        with self._lock:
            if not self._started:
                self._started = True
                threading.Thread(target=self._watch, name="polemos-time-limit",
                                 daemon=True).start()
            while self._heap and self._heap[0][2].done:
                heapq.heappop(self._heap)  # blocks that ended in time, so the heap stays small
            heapq.heappush(self._heap, (bound.deadline, next(self._count), bound))
            if self._heap[0][2] is bound:
                self._lock.notify()  # the earliest deadline changed
        return bound

    def disarm(self, bound: _Bound) -> None:
        with self._lock:
            bound.done = True
            if bound.fired:  # not delivered yet (the block ended first): take it back
                ctypes.pythonapi.PyThreadState_SetAsyncExc(ctypes.c_ulong(bound.thread), None)

    def _watch(self) -> None:
        with self._lock:
            while True:
                while self._heap and self._heap[0][2].done:
                    heapq.heappop(self._heap)  # ended in time: forget it
                if not self._heap:
                    self._lock.wait()
                    continue
                deadline, _, bound = self._heap[0]
                wait = deadline - time.monotonic()
                if wait > 0:
                    self._lock.wait(wait)
                    continue
                heapq.heappop(self._heap)
                bound.fired = True
                ctypes.pythonapi.PyThreadState_SetAsyncExc(ctypes.c_ulong(bound.thread),
                                                           ctypes.py_object(TimedOut))
                refire = time.monotonic() + REFIRE_S  # in case this one is swallowed
                heapq.heappush(self._heap, (refire, next(self._count), bound))


_WATCHDOG = _Watchdog()


@contextmanager
def _watchdog(seconds: float) -> Iterator[None]:
    bound = _WATCHDOG.arm(seconds)
    try:
        yield
    except TimedOut as error:
        raise TimedOut(f"took longer than {seconds:g} s") from error
    finally:
        _WATCHDOG.disarm(bound)
