"""A run: read inputs, process articles, store results, then dedup into events.

Single process by default; `cluster` hands partitions of articles to Dask workers running the
same `pipeline.process_batch`. Articles already stored (same content hash) are skipped, so a
rerun, or a restart after a crash, adds nothing twice.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from itertools import islice
from pathlib import Path

from polemos.ingest import read_inputs
from polemos.models import Article, Rejected
from polemos.pipeline import process_batch
from polemos.store import Store

BATCH_SIZE = 200


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


def _batches(items: Iterable[Article | Rejected], size: int) -> Iterator[list[Article | Rejected]]:
    iterator = iter(items)
    while batch := list(islice(iterator, size)):
        yield batch


def run_inputs(
    inputs: Sequence[str | Path],
    db_url: str,
    on_progress: Callable[[int], None] | None = None,
    batch_size: int = BATCH_SIZE,
) -> RunSummary:
    store = Store(db_url)
    summary = RunSummary(run_id=store.start_run([str(i) for i in inputs]))
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
        results = process_batch(fresh)
        store.save_results(results, summary.run_id)
        summary.articles_processed += len(results)
        summary.candidates += sum(len(r.candidates) for r in results)
        summary.failed += [f"{r.article.origin or r.article.doc_id}: {r.error}" for r in results
                           if r.error]
        if on_progress:
            on_progress(len(batch))
    summary.events = store.rebuild_events()
    store.finish_run(summary.run_id, summary.articles_processed, len(summary.rejected))
    return summary
