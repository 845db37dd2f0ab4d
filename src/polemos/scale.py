"""Scale-out: partitions of articles processed by Dask workers.

Each worker process loads the gazetteer and the NLP model once (module-level caches in
`polemos.pipeline`) and keeps them for every partition it runs. With SQLite the driver is the
single writer (workers return results); with PostgreSQL workers write their partition
themselves in one transaction and return only counts. At most `2 x workers` partitions are in
flight, so memory stays flat however large the input.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from functools import lru_cache
from typing import TYPE_CHECKING

from polemos.models import Article, ArticleResult
from polemos.runner import PartitionReport
from polemos.store import Store

if TYPE_CHECKING:
    from distributed import Client

    from polemos.runner import RunSummary


@contextmanager
def dask_client(cluster: str, workers: int) -> Iterator[Client]:
    """A client on a new LocalCluster ("local") or on the scheduler at `cluster`."""
    from distributed import Client, LocalCluster

    if cluster != "local":
        with Client(cluster) as client:
            yield client
        return
    with LocalCluster(n_workers=workers, threads_per_worker=1, processes=True,
                      dashboard_address=None, silence_logs=logging.ERROR) as local, \
            Client(local) as client:
        yield client


@lru_cache(maxsize=4)
def _worker_store(db_url: str) -> Store:
    return Store(db_url)


Processed = tuple[list[ArticleResult], dict[str, bytes], PartitionReport]


def process_partition(articles: list[Article]) -> Processed:
    """Results and MinHash signatures for the driver to write, and their report (all computed
    on the worker, so the single writer only writes)."""
    from polemos.dedup.sources import signature
    from polemos.pipeline import process_batch

    results = process_batch(articles)
    signatures = {a.content_hash: signature(a.text) for a in articles if a.text}
    return results, signatures, PartitionReport.of(results)


def process_and_save(articles: list[Article], db_url: str, run_id: int) -> PartitionReport:
    """Process and write a partition on the worker; only its report travels back."""
    results, signatures, report = process_partition(articles)
    _worker_store(db_url).save_results(results, run_id, signatures)
    return report


def run_distributed(batches: Iterable[list[Article]], store: Store, db_url: str,
                    summary: RunSummary, cluster: str, workers: int,
                    on_progress: Callable[[int], None] | None) -> None:
    from distributed import as_completed

    direct = store.backend == "postgresql"
    with dask_client(cluster, workers) as client:
        slots = 2 * max(1, len(client.scheduler_info()["workers"]) or workers)
        pending = iter(batches)

        def submit(batch: list[Article]):  # noqa: ANN202
            if direct:
                return client.submit(process_and_save, batch, db_url, summary.run_id, pure=False)
            return client.submit(process_partition, batch, pure=False)

        running = as_completed([submit(b) for b in _take(pending, slots)], with_results=True)
        for future, outcome in running:
            if not direct:
                results, signatures, outcome = outcome
                store.save_results(results, summary.run_id, signatures)
            summary.add(outcome)
            if on_progress:
                on_progress(outcome.processed)
            future.release()
            for batch in _take(pending, 1):
                running.add(submit(batch))


def _take(iterator: Iterator[list[Article]], count: int) -> list[list[Article]]:
    taken = []
    for batch in iterator:
        taken.append(batch)
        if len(taken) == count:
            break
    return taken
