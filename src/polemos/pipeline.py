"""The per-article stages chained: ingest's Article -> nlp -> geo -> extract -> ArticleResult.

`process_article` is what a worker runs (single process or a Dask task); it never raises: an
article that breaks a stage comes back with `error` set so the rest of the batch goes on.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable

from polemos.extract import extract_events
from polemos.extract.ml import llm_candidates
from polemos.geo.geoparser import Geoparser
from polemos.ingest.timeout import TimedOut, time_limit
from polemos.models import Article, ArticleResult
from polemos.nlp import analyze

log = logging.getLogger(__name__)
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
    if article.language != "en" or not article.text.strip():
        return ArticleResult(article, [], [])
    try:
        geoparser = _shared_geoparser()  # loading the gazetteer is not the article's time
        with time_limit(ARTICLE_TIMEOUT_S):
            doc = analyze(article)
            toponyms = geoparser.parse(article.text)
            candidates = extract_events(doc, toponyms)
        # Off unless configured; outside the CPU limit: requests have their own timeout.
        candidates += llm_candidates(doc, toponyms, candidates)
    except TimedOut as error:
        log.warning("processing %s: %s; skipped", article.doc_id, error)
        return ArticleResult(article, [], [], error=f"processing {error}; skipped")
    except Exception as error:  # one pathological article must not stop a batch
        log.exception("processing %s failed", article.doc_id)
        return ArticleResult(article, [], [], error=f"{type(error).__name__}: {error}")
    return ArticleResult(article, toponyms, candidates)


def process_batch(articles: Iterable[Article]) -> list[ArticleResult]:
    """A partition of articles: the unit of work a Dask task runs."""
    return [process_article(article) for article in articles]
