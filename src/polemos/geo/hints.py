"""Locality hints: what an article says of where it is without naming a place.

A hint is evidence for resolution only: its places join the article's names as pseudo
mentions (`resolve.with_source`), so support, nearness, country focus and the named-country/
admin1 features read them like any other name, and they never become toponyms. Three kinds
exist: the article's URL (`polemos.geo.source`), its telephone numbers
(`polemos.geo.phones`), and its feed's other articles in the batch (`polemos.geo.feeds`).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Protocol

from polemos.geo.features import Entry

Context = list[tuple[str, tuple[Entry, ...]]]  # (gazetteer key, its entries) per pseudo mention


class Hint(Protocol):
    def context(self) -> Context:
        """The pseudo mentions the hint adds to the article's names."""
        ...


@dataclass(frozen=True, slots=True)
class Hints:
    """Several hints read as one."""

    parts: tuple[Hint, ...]

    def context(self) -> Context:
        return [pair for part in self.parts for pair in part.context()]


def combined(*hints: Hint | None) -> Hint | None:
    """The hints that are there, as one (None: none is)."""
    present = tuple(hint for hint in hints if hint is not None)
    if len(present) <= 1:
        return present[0] if present else None
    return Hints(present)
