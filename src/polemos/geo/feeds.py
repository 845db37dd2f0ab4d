"""A feed's home region as a locality hint: what a source's other articles say of where it is.

A local paper names its own town without its state ("Newark police said", "the Norfolk City
Council") because its readers know where they are; one article alone cannot say which Newark it
is, but the paper's other articles can: the Newark Advocate's stories name Licking County,
Heath and Granville, all in Ohio. So when a batch holds several articles of one host, each
article is given, as a pseudo mention (`polemos.geo.hints`), the first-level region that most
of the host's *other* articles place their sure local names in. Leaving the article itself out
keeps a reading from confirming itself; asking for several other articles and a majority
keeps most national and wire outlets, whose stories go everywhere, without a home (a few of
their articles can still agree by chance: docs/geoparsing.md, Stop 18).

Only a town or county the parser was sure of (`SURE_SCORE`) votes, each region once per
article: a capital or a country says nothing of where a paper is.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass

from polemos.geo.build_sources import KIND_PRIMARY
from polemos.geo.gazetteer import Gazetteer
from polemos.geo.hints import Context
from polemos.geo.names import fold
from polemos.geo.source import host_of
from polemos.models import Place, Toponym

SURE_SCORE = 0.9  # a toponym's score for its region to count as the article's
MIN_ARTICLES = 2  # other articles of the host that must place a sure local name in the region
MIN_SHARE = 0.5  # of the host's other articles with a sure local name


@dataclass(frozen=True, slots=True)
class FeedHint:
    """The first-level region a feed's other articles are about."""

    region: Place

    def context(self) -> Context:
        return [(fold(self.region.name), ((self.region, KIND_PRIMARY),))]


def article_regions(toponyms: Sequence[Toponym]) -> frozenset[tuple[str, str]]:
    """The (admin1 code, admin1 name) of each sure town or county an article names."""
    return frozenset(
        (place.admin1_code, place.admin1)
        for toponym in toponyms
        if (place := toponym.place) is not None and toponym.score >= SURE_SCORE
        and not toponym.approximate and place.admin1_code and place.admin1
        and (place.feature_class == "P" or place.feature_code == "ADM2")
        and place.feature_code != "PPLC"
    )


def feed_homes(hosts: Sequence[str | None], regions: Sequence[frozenset[tuple[str, str]]]
               ) -> list[tuple[str, str] | None]:
    """Per article, the region its host's other articles agree on (None: no host, too few
    other articles, or no majority)."""
    by_host: dict[str, list[int]] = {}
    for index, host in enumerate(hosts):
        if host is not None:
            by_host.setdefault(host, []).append(index)
    homes: list[tuple[str, str] | None] = [None] * len(hosts)
    for members in by_host.values():
        for index in members:
            others = [regions[other] for other in members if other != index and regions[other]]
            homes[index] = _majority(others)
    return homes


def _majority(others: list[frozenset[tuple[str, str]]]) -> tuple[str, str] | None:
    if len(others) < MIN_ARTICLES:
        return None
    votes = Counter(region for regions in others for region in regions)
    region, count = votes.most_common(1)[0]
    return region if count >= MIN_ARTICLES and count / len(others) >= MIN_SHARE else None


def region_place(gazetteer: Gazetteer, region: tuple[str, str]) -> Place | None:
    """The gazetteer's first-level region of an (admin1 code, name) pair."""
    code, name = region
    for place, _ in gazetteer.entries(fold(name)):
        if place.feature_code == "ADM1" and place.admin1_code == code:
            return place
    return None


def feed_hints(gazetteer: Gazetteer, urls: Sequence[str | None],
               found: Sequence[Sequence[Toponym]]) -> list[FeedHint | None]:
    """Each article's `FeedHint` from its batch (`urls` and first-pass toponyms, in order)."""
    homes = feed_homes([host_of(url) for url in urls], [article_regions(t) for t in found])
    regions = [region_place(gazetteer, home) if home is not None else None for home in homes]
    return [FeedHint(region) if region is not None else None for region in regions]
