"""Greedy complete-linkage clustering in canonical order, resumable at any date.

Members are visited in `Member.sort_key` order; each joins the best open cluster it is
compatible with (with every member: dates within a day, same place, compatible actors), or
starts a new one. The visiting order depends only on the set of candidates, so the clusters
do too: arrival order, batch boundaries and reruns cannot change them.

A cluster spans at most two consecutive days, so after visiting every candidate dated before
day D only clusters holding a day D-1 member can still grow. `cluster(members, open_clusters)`
restarts there: pass the clusters as they stood before day D (their members dated < D) and
every candidate dated >= D; the result equals clustering the whole block from scratch.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from polemos.dedup.records import Member
from polemos.dedup.rules import MAX_DAYS, compatible, km_between


def _closeness(member: Member, cluster: Sequence[Member]) -> tuple[float, int, tuple]:
    seed = cluster[0]
    km = 0.0
    if member.lat_lon and seed.lat_lon:
        km = km_between(member.lat_lon, seed.lat_lon)
    days = abs((member.candidate.event_date - seed.candidate.event_date).days)
    return (km, days, seed.sort_key)


def cluster(members: Iterable[Member],
            open_clusters: Sequence[Sequence[Member]] = ()) -> list[list[Member]]:
    """Clusters of `members` (plus the given open clusters, possibly grown), seeds first."""
    clusters = [sorted(c, key=lambda m: m.sort_key) for c in open_clusters if c]
    active = list(range(len(clusters)))
    for member in sorted(members, key=lambda m: m.sort_key):
        day = member.candidate.event_date
        active = [i for i in active
                  if (day - clusters[i][0].candidate.event_date).days <= MAX_DAYS]
        fits = [i for i in active if all(compatible(member, other) for other in clusters[i])]
        if fits:
            best = min(fits, key=lambda i: _closeness(member, clusters[i]))
            clusters[best].append(member)
        else:
            clusters.append([member])
            active.append(len(clusters) - 1)
    return clusters
