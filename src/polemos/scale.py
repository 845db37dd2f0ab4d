"""Scale-out: partitions of the inputs processed by Dask workers.

The driver plans partitions (byte ranges of JSON Lines files, row ranges of Parquet files,
groups of other files; see `polemos.partitions`) and ships only those descriptions. Each
worker reads its partition, skips articles already stored, runs the pipeline (the gazetteer
and the NLP model are loaded once per worker process: module-level caches in
`polemos.pipeline`) and computes the MinHash signatures. With PostgreSQL the worker writes its
partition in one transaction and returns only counts; with SQLite it returns the compact rows
and the driver, the single writer, inserts them. At most `2 x workers` partitions are in
flight, so memory stays flat however large the input. Dedup runs once, after the partitions.

Inputs (and a SQLite database) must be at the same path for the workers: the driver's own
machine with `--cluster local`, a shared file system with `--cluster tcp://...`.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING

from polemos.partitions import Partition, balanced
from polemos.runner import PartitionOutcome, process_partition, record
from polemos.store import Store

if TYPE_CHECKING:
    from distributed import Client

    from polemos.runner import RunSummary


# A local cluster shares the machine with the work: no statistical profiler (samples every
# 10 ms), and the monitoring ticks slowed from 20-500 ms to seconds. Idle CPU per process
# drops from 1.5-2.7 % to 0.3-0.7 % (measured on the 2-core VM).
_QUIET_CLUSTER = {
    "distributed.worker.profile.enabled": False,
    "distributed.admin.tick.interval": "1s",
    "distributed.admin.system-monitor.interval": "2s",
    "distributed.worker.memory.monitor-interval": "1s",
}
# Tasks run in a worker thread, whose glibc arena Dask's MALLOC_TRIM_THRESHOLD_ (64 KB) shrinks
# after nearly every large free: the same partitions took 4.05-4.10 CPU s in a thread against
# 3.60 s in a main thread. 16 MB of top padding keeps the arena's pages: 3.80-3.96 s, +2 MB RSS.
_WORKER_ENVIRON = {"MALLOC_TOP_PAD_": 16 * 1024 * 1024}


# The last partitions of a run shrink to this many records (see `partitions.balanced`), no
# fewer: a partition costs about 15 ms CPU on top of its articles (~5 ms each), mostly the NER
# check's spaCy pass starting cold (measured over 400 bench articles: 7.5 ms an article in
# partitions of 5, 5.2 in 50, 4.9 in 200), so a dozen keeps that under a quarter.
SMALLEST_PARTITION = 12


@contextmanager
def dask_client(cluster: str, workers: int) -> Iterator[Client]:
    """A client on a new LocalCluster ("local") or on the scheduler at `cluster`."""
    import dask
    from distributed import Client, LocalCluster

    if cluster != "local":
        with Client(cluster) as client:
            yield client
        return
    environ = {**dask.config.get("distributed.nanny.pre-spawn-environ", {}), **_WORKER_ENVIRON}
    with dask.config.set({**_QUIET_CLUSTER, "distributed.nanny.pre-spawn-environ": environ}), \
            LocalCluster(n_workers=workers, threads_per_worker=1, processes=True,
                         dashboard_address=None, silence_logs=logging.ERROR) as local, \
            Client(local) as client:
        yield client


@lru_cache(maxsize=4)
def _worker_store(db_url: str) -> Store:
    return Store(db_url)


def run_on_worker(partition: Partition, db_url: str, run_id: int,
                  write: bool) -> PartitionOutcome:
    """One Dask task: the partition processed with this worker's own store connection."""
    return process_partition(partition, _worker_store(db_url), run_id, write)


def worker_url(store: Store) -> str:
    """The database URL as a worker must see it (a relative SQLite path made absolute)."""
    url = store.url
    if url.get_backend_name() == "sqlite" and url.database and url.database != ":memory:":
        url = url.set(database=str(Path(url.database).expanduser().resolve()))
    return url.render_as_string(hide_password=False)


def run_distributed(planned: Sequence[Partition], store: Store, summary: RunSummary,
                    cluster: str, workers: int,
                    on_progress: Callable[[int], None] | None) -> None:
    """`planned` partitions on the cluster's workers, the run's last ones cut smaller so that
    the workers finish together."""
    from distributed import as_completed

    write = store.backend == "postgresql"  # SQLite: one writer, the driver
    db_url = worker_url(store)
    with dask_client(cluster, workers) as client:
        threads = sum(w.get("nthreads", 1) for w in client.scheduler_info()["workers"].values())
        available = max(1, threads or workers)  # tasks that can run at once
        smallest = min(SMALLEST_PARTITION, max((p.size for p in planned), default=1))
        partitions = iter(balanced(planned, available, smallest))
        slots = 2 * available

        def submit(partition: Partition):  # noqa: ANN202
            return client.submit(run_on_worker, partition, db_url, summary.run_id, write,
                                 pure=False)

        running = as_completed([submit(p) for p in _take(partitions, slots)], with_results=True)
        for future, outcome in running:
            future.release()
            for partition in _take(partitions, 1):
                running.add(submit(partition))
            record(outcome, store, summary, on_progress)


def _take(iterator: Iterator[Partition], count: int) -> list[Partition]:
    taken = []
    for partition in iterator:
        taken.append(partition)
        if len(taken) == count:
            break
    return taken
