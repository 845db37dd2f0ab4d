"""Source counting: the all-pairs signature comparison equals the pairwise `similarity` rule."""

from __future__ import annotations

import random

import numpy as np

from polemos.dedup.records import Member
from polemos.dedup.sources import THRESHOLD, similarity, source_groups
from store_factories import shelling


def _pairwise_groups(members: list[Member]) -> list[list[str]]:
    """The definition: articles linked by a shared outlet or similar signatures, components."""
    keys = list(dict.fromkeys(m.article_hash for m in members))
    first = {key: next(m for m in members if m.article_hash == key) for key in keys}
    component = {key: {key} for key in keys}
    for i, a in enumerate(keys):
        for b in keys[i + 1:]:
            x, y = first[a], first[b]
            outlet = (x.outlet or "").strip().casefold()
            same = bool(outlet) and outlet == (y.outlet or "").strip().casefold()
            if not same and x.signature and y.signature:
                same = similarity(x.signature, y.signature) >= THRESHOLD
            if same and component[a] is not component[b]:
                merged = component[a] | component[b]
                for key in merged:
                    component[key] = merged
    seen: list[set[str]] = []
    for member in members:
        if component[member.article_hash] not in seen:
            seen.append(component[member.article_hash])
    return [[m.article_hash for m in members if m.article_hash in group] for group in seen]


def _members(rng: random.Random, count: int) -> list[Member]:
    wires = [np.array([rng.getrandbits(32) for _ in range(128)], dtype=np.uint32)
             for _ in range(3)]
    members = []
    for n in range(count):
        signature = None
        if rng.random() < 0.85:
            base = wires[rng.randrange(3)].copy()
            changed = rng.sample(range(128), rng.choice([0, 20, 38, 39, 40, 60, 128]))
            base[changed] = rng.getrandbits(32)
            signature = base.tobytes() if rng.random() < 0.95 else b""
        outlet = rng.choice([None, "", " Reuters", "reuters ", "AFP", "Kyiv Independent"])
        hash_ = f"h{rng.randrange(count)}"  # repeats: several candidates of one article
        members.append(Member(hash_, n, hash_, shelling(hash_), outlet=outlet,
                              signature=signature))
    return members


def test_source_groups_equal_the_pairwise_rule() -> None:
    rng = random.Random(5)
    for count in (1, 2, 3, 8, 30, 80):
        for _ in range(20):
            members = _members(rng, count)
            groups = [[m.article_hash for m in group] for group in source_groups(members)]
            assert groups == _pairwise_groups(members)
