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

A batch is one partition of a run; the host's articles stored by earlier partitions and runs
vote too (`FeedVotes`, read from the store by the caller), so a paper's lone article of the day
still hears its earlier ones, and a national outlet's chance agreement among a few articles
fades as its stored articles spread over many regions. Votes are first readings (without a
feed hint), so a home never votes for itself.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
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
Region = tuple[str, str]  # (admin1 code, admin1 name): ("US.OH", "Ohio")


@dataclass(frozen=True, slots=True)
class FeedVotes:
    """What a host's articles outside the batch say: how many placed a sure local name, and in
    how many of those each region holds one."""

    articles: int
    regions: Mapping[Region, int]


NO_VOTES = FeedVotes(0, {})


@dataclass(frozen=True, slots=True)
class FeedHint:
    """The first-level region a feed's other articles are about."""

    region: Place

    def context(self) -> Context:
        return [(fold(self.region.name), ((self.region, KIND_PRIMARY),))]


def article_regions(toponyms: Sequence[Toponym]) -> frozenset[Region]:
    """The (admin1 code, admin1 name) of each sure town or county an article names."""
    return frozenset(
        (place.admin1_code, place.admin1)
        for toponym in toponyms
        if (place := toponym.place) is not None and toponym.score >= SURE_SCORE
        and not toponym.approximate and place.admin1_code and place.admin1
        and (place.feature_class == "P" or place.feature_code == "ADM2")
        and place.feature_code != "PPLC"
    )


def feed_homes(hosts: Sequence[str | None], regions: Sequence[frozenset[Region]],
               known: Mapping[str, FeedVotes] | None = None) -> list[Region | None]:
    """Per article, the region its host's other articles agree on: those of the batch and the
    `known` ones (None: no host, too few other articles, or no majority)."""
    by_host: dict[str, list[int]] = {}
    for index, host in enumerate(hosts):
        if host is not None:
            by_host.setdefault(host, []).append(index)
    homes: list[Region | None] = [None] * len(hosts)
    for host, members in by_host.items():
        votes = _added(_votes(counted((host, regions[index]) for index in members), host),
                       _votes(known or {}, host))
        for index in members:  # the article's own vote left out
            own = regions[index]
            others = Counter(votes.regions) - Counter(own)
            homes[index] = _majority(votes.articles - bool(own), others)
    return homes


def _majority(articles: int, votes: Counter[Region]) -> Region | None:
    """The region most of `articles` (other articles with a sure local name) vote for."""
    if articles < MIN_ARTICLES or not votes:
        return None
    region, count = votes.most_common(1)[0]
    return region if count >= MIN_ARTICLES and count / articles >= MIN_SHARE else None


def counted(votes: Iterable[tuple[str | None, frozenset[Region]]]) -> dict[str, FeedVotes]:
    """Per host, the votes of articles given as (host, `article_regions`): an article without
    a host or a sure local name casts none."""
    totals: dict[str, tuple[int, Counter[Region]]] = {}
    for host, own in votes:
        if host is None or not own:
            continue
        articles, counts = totals.get(host, (0, Counter()))
        counts.update(own)
        totals[host] = (articles + 1, counts)
    return {host: FeedVotes(articles, dict(counts)) for host, (articles, counts) in totals.items()}


def tallied(known: Mapping[str, FeedVotes], urls: Sequence[str | None],
            regions: Sequence[frozenset[Region]]) -> dict[str, FeedVotes]:
    """`known` with a batch's votes added (`urls` and `article_regions`, in order), as the
    store adds a partition's (`polemos.store`, tables feed_hosts and feed_votes)."""
    batch = counted(zip([host_of(url) for url in urls], regions, strict=True))
    return {host: _added(_votes(known, host), _votes(batch, host))
            for host in known.keys() | batch.keys()}


def _votes(votes: Mapping[str, FeedVotes], host: str) -> FeedVotes:
    return votes.get(host, NO_VOTES)


def _added(one: FeedVotes, other: FeedVotes) -> FeedVotes:
    return FeedVotes(one.articles + other.articles,
                     dict(Counter(one.regions) + Counter(other.regions)))


def region_place(gazetteer: Gazetteer, region: Region) -> Place | None:
    """The gazetteer's first-level region of an (admin1 code, name) pair."""
    code, name = region
    for place, _ in gazetteer.entries(fold(name)):
        if place.feature_code == "ADM1" and place.admin1_code == code:
            return place
    return None


def feed_hints(gazetteer: Gazetteer, urls: Sequence[str | None],
               regions: Sequence[frozenset[Region]],
               known: Mapping[str, FeedVotes] | None = None) -> list[FeedHint | None]:
    """Each article's `FeedHint` from its batch (`urls` and the `article_regions` of their
    first readings, in order) and the `known` votes of the hosts' other articles."""
    homes = feed_homes([host_of(url) for url in urls], regions, known)
    regions = [region_place(gazetteer, home) if home is not None else None for home in homes]
    return [FeedHint(region) if region is not None else None for region in regions]
