"""Counting sources: one outlet, or one wire story syndicated under many names, is one source.

Articles are grouped when they share an outlet name or their MinHash signatures (computed by
ingest's `NearDuplicateIndex`, stored with the article) say they are near copies.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

from polemos.dedup.records import Member
from polemos.ingest.neardup import NearDuplicateIndex

_INDEX = NearDuplicateIndex()
THRESHOLD = _INDEX.threshold


def signature(text: str) -> bytes:
    """The article's MinHash as bytes (uint32 per permutation) for the store."""
    return np.asarray(_INDEX.signature(text).hashvalues, dtype=np.uint32).tobytes()


def similarity(a: bytes, b: bytes) -> float:
    first, second = np.frombuffer(a, dtype=np.uint32), np.frombuffer(b, dtype=np.uint32)
    if first.shape != second.shape or not first.size:
        return 0.0
    return float(np.mean(first == second))


def _outlet_key(member: Member) -> str | None:
    return member.outlet.strip().casefold() if member.outlet and member.outlet.strip() else None


def source_groups(members: Sequence[Member]) -> list[list[Member]]:
    """Members grouped by source; group order follows the members' order."""
    articles: dict[str, Member] = {}
    for member in members:
        articles.setdefault(member.article_hash, member)
    keys = list(articles)
    parent = {key: key for key in keys}

    def root(key: str) -> str:
        while parent[key] != key:
            parent[key] = parent[parent[key]]
            key = parent[key]
        return key

    for i, first in enumerate(keys):
        for second in keys[i + 1:]:
            if _same_source(articles[first], articles[second]):
                parent[root(second)] = root(first)
    groups: dict[str, list[Member]] = {}
    for member in members:
        groups.setdefault(root(member.article_hash), []).append(member)
    return list(groups.values())


def _same_source(a: Member, b: Member) -> bool:
    outlet_a, outlet_b = _outlet_key(a), _outlet_key(b)
    if outlet_a and outlet_a == outlet_b:
        return True
    if a.signature and b.signature:
        return similarity(a.signature, b.signature) >= THRESHOLD
    return False
