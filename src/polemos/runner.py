"""A run: plan partitions of the inputs, process each, store the rows, then dedup into events.

Single process by default; `cluster` ("local" or a scheduler address) hands the partitions to
Dask workers running the same `process_partition`. A partition is read where it is processed
(see `polemos.partitions`), articles already stored (same content hash) are skipped, and each
partition is saved in one transaction, so a rerun, or a restart after a crash (even
`kill -9`), adds nothing twice and loses nothing.
"""

from __future__ import annotations

import resource
import time
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from polemos.models import Article, Rejected
from polemos.partitions import Partition, plan
from polemos.store import ResultRows, Store

BATCH_SIZE = 200
Progress = Callable[[int], None]


@dataclass(slots=True)
class PartitionOutcome:
    """What a processed partition tells the run (small: it travels back from a worker).

    `rows` are the rows to store, or None when the worker stored them itself. Times are
    seconds spent in the worker: reading, processing (pipeline and MinHash), writing.
    """

    read: int
    skipped: int
    processed: int
    candidates: int
    rejected: list[Rejected]
    failed: list[str]
    rows: ResultRows | None
    peak_rss_mb: float
    read_s: float = 0.0
    process_s: float = 0.0
    write_s: float = 0.0
    cpu_s: float = 0.0

    @property
    def items(self) -> int:
        """Input records the partition held (articles and rejections), for progress."""
        return self.read + len(self.rejected)


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
    partitions: int = 0
    peak_worker_rss_mb: float = 0.0  # largest resident memory a processing process reached
    worker_seconds: dict[str, float] = field(default_factory=dict)  # read/process/write/cpu
    driver_write_s: float = 0.0  # the single SQLite writer's time (Dask runs)
    dedup_s: float = 0.0

    def add(self, outcome: PartitionOutcome) -> None:
        self.partitions += 1
        self.articles_read += outcome.read
        self.articles_skipped += outcome.skipped
        self.articles_processed += outcome.processed
        self.candidates += outcome.candidates
        self.rejected += outcome.rejected
        self.failed += outcome.failed
        self.peak_worker_rss_mb = max(self.peak_worker_rss_mb, outcome.peak_rss_mb)
        for name in ("read_s", "process_s", "write_s", "cpu_s"):
            self.worker_seconds[name] = self.worker_seconds.get(name, 0.0) + getattr(outcome, name)


def process_partition(partition: Partition, store: Store, run_id: int,
                      write: bool) -> PartitionOutcome:
    """Read, skip what is stored, process (each host's stored articles voting on its home
    region, `polemos.geo.feeds`), and store (`write`) or return the rows."""
    from polemos.dedup.sources import signature
    from polemos.geo.source import host_of
    from polemos.pipeline import process_batch

    cpu, started = time.process_time(), time.perf_counter()
    articles, rejected = _split(partition.read())
    known = store.known_hashes(articles)
    fresh = [article for key, article in articles.items() if key not in known]
    feeds = store.feed_votes(host for a in fresh if (host := host_of(a.url)) is not None)
    read_at = time.perf_counter()
    results = process_batch(fresh, feeds)
    signatures = {key: signature(a.text) for key, a in articles.items() if key not in known}
    rows = ResultRows.of(results, run_id, signatures)
    processed_at = time.perf_counter()
    if write:
        store.write_rows(rows)
    done = time.perf_counter()
    return PartitionOutcome(
        read=len(articles), skipped=len(known), processed=len(results),
        candidates=len(rows.candidates), rejected=rejected,
        failed=[f"{r.article.origin or r.article.doc_id}: {r.error}" for r in results if r.error],
        rows=None if write else rows,
        peak_rss_mb=peak_rss_mb(),
        read_s=read_at - started, process_s=processed_at - read_at, write_s=done - processed_at,
        cpu_s=time.process_time() - cpu,
    )


def peak_rss_mb() -> float:
    """This process's peak resident memory. Linux's VmHWM, because `ru_maxrss` survives
    exec and so would report the parent's peak for a freshly spawned worker."""
    try:
        with open("/proc/self/status", encoding="ascii") as status:
            for line in status:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1]) / 1024
    except OSError:
        pass
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def _split(items: Iterable[Article | Rejected]) -> tuple[dict[str, Article], list[Rejected]]:
    """Articles by content hash (a repeat within the partition is read once) and rejections."""
    articles: dict[str, Article] = {}
    rejected: list[Rejected] = []
    for item in items:
        if isinstance(item, Article):
            articles.setdefault(item.content_hash, item)
        else:
            rejected.append(item)
    return articles, rejected


def run_inputs(
    inputs: Sequence[str | Path],
    db_url: str,
    on_progress: Progress | None = None,
    batch_size: int = BATCH_SIZE,
    cluster: str | None = None,
    workers: int = 2,
    on_total: Progress | None = None,
) -> RunSummary:
    """Process `inputs` into the store at `db_url`; `on_total` hears the number of input
    records planned (exact for JSON Lines and Parquet, one per file otherwise) before any is
    processed, `on_progress` the records of each finished partition."""
    store = Store(db_url)
    summary = RunSummary(run_id=store.start_run([str(i) for i in inputs]))
    planned = list(_partitions(inputs, batch_size, store, summary))  # a scan, no parsing
    if on_total:
        on_total(sum(p.size for p in planned) + len(summary.rejected))
    if cluster:
        from polemos.scale import run_distributed

        run_distributed(planned, store, summary, cluster, workers, on_progress)
    else:
        for partition in planned:
            record(process_partition(partition, store, summary.run_id, write=True),
                   store, summary, on_progress)
    started = time.perf_counter()
    summary.events = store.rebuild_events()
    summary.dedup_s = time.perf_counter() - started
    store.finish_run(summary.run_id, summary.articles_processed, len(summary.rejected))
    return summary


def _partitions(inputs: Sequence[str | Path], size: int, store: Store,
                summary: RunSummary) -> Iterator[Partition]:
    """The planned partitions; inputs that name nothing readable are quarantined on the way."""
    for item in plan(inputs, size):
        if isinstance(item, Rejected):
            summary.rejected.append(item)
            store.quarantine(item, summary.run_id)
        else:
            yield item


def record(outcome: PartitionOutcome, store: Store, summary: RunSummary,
           on_progress: Progress | None) -> None:
    """The driver's part of a finished partition: its rows (if returned), rejections, counts."""
    if outcome.rows is not None:
        started = time.perf_counter()
        store.write_rows(outcome.rows)
        summary.driver_write_s += time.perf_counter() - started
    for rejected in outcome.rejected:
        store.quarantine(rejected, summary.run_id)
    summary.add(outcome)
    if on_progress:
        on_progress(outcome.items)
