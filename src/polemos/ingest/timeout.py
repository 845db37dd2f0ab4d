"""A wall-clock bound for calls that cannot be made interruptible (HTML parsing, processing of
one article), in any thread.

In the main thread the bound is SIGALRM. Elsewhere (a Dask worker runs its tasks in a thread,
which cannot receive signals) a watchdog thread raises `TimedOut` inside the guarded thread
through `PyThreadState_SetAsyncExc`. Either way the exception arrives between two Python
bytecodes, so a single long call into C code ends first; the size limits bound those.
"""

from __future__ import annotations

import ctypes
import signal
import threading
from collections.abc import Iterator
from contextlib import contextmanager


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
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


@contextmanager
def _watchdog(seconds: float) -> Iterator[None]:
    target = ctypes.c_ulong(threading.get_ident())
    lock, finished = threading.Lock(), threading.Event()
    state = {"done": False, "fired": False}

    def _expire() -> None:
        if finished.wait(seconds):
            return
        with lock:
            if not state["done"]:
                state["fired"] = True
                ctypes.pythonapi.PyThreadState_SetAsyncExc(target, ctypes.py_object(TimedOut))

    watcher = threading.Thread(target=_expire, name="polemos-time-limit", daemon=True)
    watcher.start()
    try:
        yield
    except TimedOut as error:
        raise TimedOut(f"took longer than {seconds:g} s") from error
    finally:
        with lock:
            state["done"] = True
            if state["fired"]:  # not delivered yet (the block ended first): take it back
                ctypes.pythonapi.PyThreadState_SetAsyncExc(target, None)
        finished.set()
        watcher.join()
