"""Text in, resolved toponyms out: detection (`detect`) then resolution (`resolve`)."""

from __future__ import annotations

from polemos.geo.detect import detect_candidates
from polemos.geo.gazetteer import Gazetteer, get_gazetteer
from polemos.geo.resolve import resolve
from polemos.models import Toponym


class Geoparser:
    def __init__(self, gazetteer: Gazetteer | None = None) -> None:
        self.gazetteer = gazetteer or get_gazetteer()

    def parse(self, text: str) -> list[Toponym]:
        candidates = detect_candidates(text, self.gazetteer.has_name)
        options = [self.gazetteer.lookup(candidate.key) for candidate in candidates]
        return resolve(candidates, options)


def geoparse(text: str) -> list[Toponym]:
    return Geoparser().parse(text)
