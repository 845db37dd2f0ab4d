"""A run: read inputs, process articles, store results, then dedup into events.

Single process by default; `cluster` ("local" or a scheduler address) hands partitions of
articles to Dask workers running the same `pipeline.process_batch`. Articles already stored
(same content hash) are skipped and every partition is saved in one transaction, so a rerun,
or a restart after a crash (even `kill -9`), adds nothing twice and loses nothing.
"""

from __future__ import annotations

import resource
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from itertools import islice
from pathlib import Path

from polemos.ingest import read_inputs
from polemos.models import Article, ArticleResult, Rejected
from polemos.store import Store

BATCH_SIZE = 200
Progress = Callable[[int], None]


@dataclass(slots=True)
class RunSummary:
    run_id: int
    articles_read: int = 0
    articles_processed: int = 0
    articles_skipped: int = 0
    candidates: int = 0
    events: int = 0
    rejected: list[Rejected] = field(default_factory=list)
    failed: list[str] = field(default_factory=list)
    peak_worker_rss_mb: float = 0.0  # largest resident memory a processing process reached

    def add(self, report: PartitionReport) -> None:
        self.articles_processed += report.processed
        self.candidates += report.candidates
        self.failed += report.failed
        self.peak_worker_rss_mb = max(self.peak_worker_rss_mb, report.peak_rss_mb)


@dataclass(frozen=True, slots=True)
class PartitionReport:
    """What a processed partition tells the run summary (small enough to ship from a worker)."""

    processed: int
    candidates: int
    failed: list[str]
    peak_rss_mb: float = 0.0

    @classmethod
    def of(cls, results: Sequence[ArticleResult]) -> PartitionReport:
        """Report on `results`, measured in the process that produced them."""
        failed = [f"{r.article.origin or r.article.doc_id}: {r.error}" for r in results if r.error]
        peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        return cls(len(results), sum(len(r.candidates) for r in results), failed, peak)


def _batches(items: Iterable[Article | Rejected], size: int) -> Iterator[list[Article | Rejected]]:
    iterator = iter(items)
    while batch := list(islice(iterator, size)):
        yield batch


def partitions(inputs: Sequence[str | Path], store: Store, summary: RunSummary,
               batch_size: int, on_progress: Progress | None = None) -> Iterator[list[Article]]:
    """Batches of articles not yet stored; rejections are quarantined on the way."""
    for batch in _batches(read_inputs(inputs), batch_size):
        articles = [item for item in batch if isinstance(item, Article)]
        for item in batch:
            if isinstance(item, Rejected):
                summary.rejected.append(item)
                store.quarantine(item, summary.run_id)
        summary.articles_read += len(articles)
        known = store.known_hashes([a.content_hash for a in articles])
        fresh = [a for a in articles if a.content_hash not in known]
        summary.articles_skipped += len(articles) - len(fresh)
        if on_progress and len(fresh) < len(batch):
            on_progress(len(batch) - len(fresh))
        if fresh:
            yield fresh


def run_inputs(
    inputs: Sequence[str | Path],
    db_url: str,
    on_progress: Progress | None = None,
    batch_size: int = BATCH_SIZE,
    cluster: str | None = None,
    workers: int = 2,
) -> RunSummary:
    store = Store(db_url)
    summary = RunSummary(run_id=store.start_run([str(i) for i in inputs]))
    batches = partitions(inputs, store, summary, batch_size, on_progress)
    if cluster:
        from polemos.scale import run_distributed

        run_distributed(batches, store, db_url, summary, cluster, workers, on_progress)
    else:
        _run_local(batches, store, summary, on_progress)
    summary.events = store.rebuild_events()
    store.finish_run(summary.run_id, summary.articles_processed, len(summary.rejected))
    return summary


def _run_local(batches: Iterable[list[Article]], store: Store, summary: RunSummary,
               on_progress: Progress | None) -> None:
    from polemos.pipeline import process_batch

    for batch in batches:
        results = process_batch(batch)
        store.save_results(results, summary.run_id)
        summary.add(PartitionReport.of(results))
        if on_progress:
            on_progress(len(batch))
