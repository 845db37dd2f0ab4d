"""The per-article stages chained: ingest's Article -> nlp -> geo -> extract -> ArticleResult.

`process_batch` is what a worker runs (single process or a Dask task) on a partition; it never
raises: an article that breaks a stage comes back with `error` set so the rest of the batch goes
on.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterable, Mapping
from typing import TypeVar

from polemos.extract import extract_events
from polemos.extract.ml import llm_candidates
from polemos.geo.feeds import FeedVotes
from polemos.geo.geoparser import FeedReading, Geoparser
from polemos.geo.ner_check import Checked
from polemos.ingest.timeout import TimedOut, time_limit
from polemos.models import AnalyzedDoc, Article, ArticleResult, Toponym
from polemos.nlp import analyze

log = logging.getLogger(__name__)
T = TypeVar("T")
# A normal article takes well under a second; one that pathologically takes minutes (a 1 MB
# run-on sentence) is given up with an error instead of stalling its batch and the run.
ARTICLE_TIMEOUT_S = 60.0
_geoparser: Geoparser | None = None
GEOPARSER_LOADS = 0  # gazetteer loads in this process: one, however many partitions it runs


def _shared_geoparser() -> Geoparser:
    global _geoparser, GEOPARSER_LOADS
    if _geoparser is None:
        _geoparser = Geoparser()
        GEOPARSER_LOADS += 1
    return _geoparser


def process_article(article: Article) -> ArticleResult:
    return process_batch([article])[0]


def process_batch(articles: Iterable[Article], feeds: Mapping[str, FeedVotes] | None = None
                  ) -> list[ArticleResult]:
    """A partition of articles: the unit of work a Dask task runs. Each article is geoparsed
    and extracted under its own time limit; the NER check of their doubtful place names runs
    once for the partition (the small model's cost per call is most of its cost on a few short
    windows). `feeds`: by host, the votes of its articles outside the partition on where it is
    (`polemos.geo.feeds`; the store keeps each result's `local_regions`)."""
    return [result for result, _ in process_batch_with_docs(articles, feeds)]


def process_batch_with_docs(
    articles: Iterable[Article], feeds: Mapping[str, FeedVotes] | None = None,
) -> list[tuple[ArticleResult, AnalyzedDoc | None]]:
    """`process_batch`, each result with the article's nlp analysis (None where the article
    never reached extraction): `polemos classify` reads a place-less snippet a second way from
    it instead of analysing the snippet again. `process_batch`, what a worker runs, drops it: a
    Dask task need not ship the analyses back."""
    articles = list(articles)
    geoparsed, drafted = _geoparsed(articles, feeds)
    results: list[tuple[ArticleResult, AnalyzedDoc | None]] = []
    for index, result in enumerate(geoparsed):
        if index not in drafted:
            results.append((result, None))
            continue
        extracted, doc = _extracted(result.article, result.toponyms)
        extracted.local_regions = result.local_regions
        results.append((extracted, doc))
    return results


def geoparse_articles(articles: Iterable[Article], feeds: Mapping[str, FeedVotes] | None = None,
                      geoparser: Geoparser | None = None) -> list[ArticleResult]:
    """The geo stage of `process_batch` alone: each article's toponyms and its feed vote
    (`local_regions`), no events; an article that fails or runs out of time comes back with
    `error` set, one that is not English with no toponyms. `geoparser`: the process's shared
    one unless given (one that reports demonyms, say)."""
    return _geoparsed(list(articles), feeds, geoparser)[0]


def _geoparsed(articles: list[Article], feeds: Mapping[str, FeedVotes] | None,
               geoparser: Geoparser | None = None) -> tuple[list[ArticleResult], set[int]]:
    """`geoparse_articles`, and the indexes of the articles that were geoparsed (English text
    that did not fail): those go on to extraction."""
    geoparser = geoparser or _shared_geoparser()  # loading it is not an article's time
    results: list[ArticleResult] = []
    drafts: dict[int, Checked] = {}
    for index, article in enumerate(articles):
        draft = _draft(geoparser, article)
        if isinstance(draft, ArticleResult):
            results.append(draft)
        else:
            results.append(ArticleResult(article, [], []))
            drafts[index] = draft
    urls = [articles[index].url for index in drafts]
    reading = _checked(geoparser, list(drafts.values()), urls, feeds)
    for index, found, regions in zip(drafts, geoparser.toponyms(reading.resolutions),
                                     reading.regions, strict=True):
        results[index].toponyms, results[index].local_regions = found, regions
    return results, set(drafts)


def _draft(geoparser: Geoparser, article: Article) -> Checked | ArticleResult:
    """The article's unchecked toponyms, or its result where processing ends there: no English
    text (no places, no events), or a geoparse that failed or ran out of time."""
    if article.language != "en" or not article.text.strip():
        return ArticleResult(article, [], [])
    # the article's URL may name its paper's town or country (`polemos.geo.source`)
    return _guarded(article, lambda: geoparser.draft(article.text, article.url))


def _extracted(article: Article, toponyms: list[Toponym]
               ) -> tuple[ArticleResult, AnalyzedDoc | None]:
    """The article's result with its nlp analysis, or its error result (no analysis) where the
    analysis or the rules fail."""
    extracted = _guarded(article, lambda: _extract(article, toponyms))
    if isinstance(extracted, ArticleResult):
        return extracted, None
    return _with_llm(*extracted), extracted[0]


def _checked(geoparser: Geoparser, drafts: list[Checked], urls: list[str | None],
             feeds: Mapping[str, FeedVotes] | None) -> FeedReading:
    """The partition's toponyms after NER's check, articles of one host read as its feed
    (`Geoparser.finish_feeds`); should the check itself fail, the unchecked ones (less precise,
    and voting on no feed, but no article of the partition is lost)."""
    try:
        return geoparser.finish_feeds(drafts, urls, feeds)
    except Exception:
        log.exception("NER check failed on %d articles; their toponyms stay unchecked", len(drafts))
        return FeedReading([draft.resolutions for draft in drafts], [frozenset()] * len(drafts))


def _extract(article: Article, toponyms: list[Toponym]) -> tuple[AnalyzedDoc, ArticleResult]:
    doc = analyze(article)
    return doc, ArticleResult(article, toponyms, extract_events(doc, toponyms))


def _with_llm(doc: AnalyzedDoc, result: ArticleResult) -> ArticleResult:
    """The optional LLM extractor's checked events added (off unless configured). Outside the
    CPU limit: its requests have their own timeout; its failure keeps the rules' events."""
    try:
        result.candidates += llm_candidates(doc, result.toponyms, result.candidates)
    except Exception:
        log.exception("LLM extractor failed on %s; rule events kept", result.article.doc_id)
    return result


def _guarded(article: Article, step: Callable[[], T]) -> T | ArticleResult:
    """`step`'s value, or the article's error result: one pathological article (a 1 MB run-on
    sentence, a bug) must not stop its batch."""
    try:
        with time_limit(ARTICLE_TIMEOUT_S):
            return step()
    except TimedOut as error:
        log.warning("processing %s: %s; skipped", article.doc_id, error)
        return ArticleResult(article, [], [], error=f"processing {error}; skipped")
    except Exception as error:
        log.exception("processing %s failed", article.doc_id)
        return ArticleResult(article, [], [], error=f"{type(error).__name__}: {error}")
