"""Expand the inputs a user names (files, directories, globs, URLs) into concrete sources.

Directories are walked recursively in sorted order and hidden entries (".git", ".DS_Store")
are skipped, so two runs over the same tree read the same files in the same order. A file
named twice (directly and through a glob) is read once.
"""

from __future__ import annotations

import glob
import os
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from polemos.models import Rejected

_GLOB_CHARS = frozenset("*?[")


@dataclass(frozen=True, slots=True)
class Source:
    """One input to read: a local path or (given explicitly) a URL."""

    location: str
    is_url: bool = False

    @property
    def name(self) -> str:
        return self.location.rstrip("/").rsplit("/", 1)[-1] if self.is_url else \
            Path(self.location).name


def is_url(value: str) -> bool:
    return value.startswith(("http://", "https://"))


def expand(inputs: list[str | Path]) -> Iterator[Source | Rejected]:
    seen: set[str] = set()
    for given in inputs:
        value = str(given)
        if is_url(value):
            if value not in seen:
                seen.add(value)
                yield Source(value, is_url=True)
            continue
        found = False
        for path in _paths(value):
            found = True
            key = os.path.realpath(path)
            if key not in seen:
                seen.add(key)
                yield Source(path)
        if not found:
            yield Rejected(value, _why_nothing(value))


def _paths(value: str) -> Iterator[str]:
    if _GLOB_CHARS & set(value) and not os.path.exists(value):
        for match in sorted(glob.glob(value, recursive=True)):
            yield from _paths_under(match)
        return
    yield from _paths_under(value)


def _paths_under(value: str) -> Iterator[str]:
    if os.path.isdir(value):
        yield from walk(value)
    elif os.path.isfile(value):
        yield value


def walk(directory: str) -> Iterator[str]:
    """Files below `directory` in path order; hidden ones and symlinked directories skipped."""
    found: list[tuple[str, ...]] = []
    for root, dirs, files in os.walk(directory, followlinks=False):
        dirs[:] = [name for name in dirs if not name.startswith(".")]
        relative = os.path.relpath(root, directory)
        parts = () if relative == "." else tuple(relative.split(os.sep))
        found.extend((*parts, name) for name in files if not name.startswith("."))
    for parts in sorted(found):
        yield os.path.join(directory, *parts)


def _why_nothing(value: str) -> str:
    if _GLOB_CHARS & set(value):
        return "no files match this pattern"
    if os.path.isdir(value):
        return "directory holds no readable files"
    if os.path.lexists(value) and not os.path.exists(value):
        return "broken symbolic link"
    if os.path.exists(value):
        return "not a regular file"
    return "no such file or directory"
