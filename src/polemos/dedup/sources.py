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

    # Groups are the connected components of the same-source relation, so the links may be
    # joined in any order: first shared outlets, then near-copy signatures.
    for first, second in _links([articles[key] for key in keys]):
        parent[root(keys[second])] = root(keys[first])
    groups: dict[str, list[Member]] = {}
    for member in members:
        groups.setdefault(root(member.article_hash), []).append(member)
    return list(groups.values())


def _links(articles: Sequence[Member]) -> list[tuple[int, int]]:
    """Pairs (i, j) of `articles` that are one source: a shared outlet name, or MinHash
    signatures that agree on at least `THRESHOLD` of their permutations (`similarity`, for
    all pairs at once: one comparison of a signature against all later ones)."""
    links: list[tuple[int, int]] = []
    if len(articles) < 2:  # most events: one article
        return links
    by_outlet: dict[str, int] = {}
    for index, article in enumerate(articles):
        outlet = _outlet_key(article)
        if outlet is not None:
            links.append((by_outlet.setdefault(outlet, index), index))
    by_size: dict[int, list[int]] = {}
    for index, article in enumerate(articles):
        if article.signature:  # no signature (or an empty one) matches nothing
            by_size.setdefault(len(article.signature), []).append(index)
    for size, indices in by_size.items():
        if len(indices) < 2:
            continue
        if size % 4:  # not a run of uint32s: `similarity` itself says what is wrong
            links += [(i, j) for n, i in enumerate(indices) for j in indices[n + 1:]
                      if similarity(articles[i].signature, articles[j].signature) >= THRESHOLD]
            continue
        table = np.frombuffer(b"".join(articles[i].signature for i in indices),
                              dtype=np.uint32).reshape(len(indices), -1)
        for row in range(len(indices) - 1):
            agree = np.count_nonzero(table[row + 1:] == table[row], axis=1)
            # count / permutations is the float `similarity` computes (np.mean of booleans)
            for later in np.flatnonzero(agree / table.shape[1] >= THRESHOLD):
                links.append((indices[row], indices[row + 1 + int(later)]))
    return links
