"""Fuzz target for polemos.ingest: any bytes, any format, must give Article | Rejected records.

Two engines:
  atheris (coverage-guided, libFuzzer):  python benchmarks/fuzz_ingest.py -runs=1000000
  random (no dependency, mutates seeds):
      python benchmarks/fuzz_ingest.py --engine random --runs 100000

Each input is either handed raw to a reader (the first byte picks which) or wrapped into a
well-formed JSONL record / CSV row / HTML page / feed / dated text first, so the fuzzer also
reaches cleaning, date checks and language detection behind the format parsers. Every record
is checked against the ingest invariants; a violated invariant or an exception is a crash.
Progress (inputs, rate, records) is written every 10,000 inputs to --stats (JSON).
"""

from __future__ import annotations

import contextlib
import json
import os
import random
import sys
import time
import unicodedata
from datetime import date
from pathlib import Path

USE_ATHERIS = "--engine" not in sys.argv
if USE_ATHERIS:
    import atheris

# Coverage guidance needs the modules under test instrumented as they are imported.
with atheris.instrument_imports(include=["polemos.ingest"]) if USE_ATHERIS \
        else contextlib.nullcontext():
    from polemos.ingest import Limits, read_bytes
    from polemos.ingest.clean import clean_text
    from polemos.ingest.dispatch import READERS
    from polemos.models import Article, Rejected

LIMITS = Limits(max_article_bytes=100_000, max_feed_bytes=200_000, max_line_chars=2_000,
                html_timeout_s=10.0, today=date(2024, 1, 1))
KINDS = [None, *READERS]
# With the kind given the name only labels records; every reader, also ones added later, gets one.
NAMES = {None: "input", **{kind: f"a.{kind}" for kind in READERS}}
WRAPPED = ("jsonl", "csv", "html", "feed", "text", "text", "text")  # text: most of the cleaning
STATS = {"inputs": 0, "articles": 0, "rejected": 0, "started": time.time()}
STATS_PATH = Path(os.environ.get("FUZZ_STATS", "/tmp/fuzz_ingest_stats.json"))


def check(record: object) -> None:
    """The invariants every record of every reader keeps."""
    assert isinstance(record, Article | Rejected), type(record)
    if isinstance(record, Rejected):
        assert record.reason and record.origin, record
        assert "internal error" not in record.reason, record  # a reader bug, caught late
        STATS["rejected"] += 1
        return
    STATS["articles"] += 1
    text = record.text
    assert text and text == text.strip(), repr(text[:80])
    assert record.doc_id, record
    text.encode("utf-8")  # no lone surrogates: must be storable
    assert unicodedata.is_normalized("NFC", text)
    assert "\x00" not in text and "\r" not in text and "\n\n\n" not in text
    assert max(len(line) for line in text.split("\n")) <= LIMITS.max_line_chars
    assert clean_text(text, LIMITS.max_line_chars).text == text, "cleaning not idempotent"
    assert record.published is None or date(1900, 1, 1) <= record.published <= date(2024, 1, 2)


def run_one(kind: str | None, data: bytes) -> None:
    for record in read_bytes(data, NAMES[kind], kind=kind, limits=LIMITS):
        check(record)
    STATS["inputs"] += 1
    if STATS["inputs"] % 10_000 == 0:
        write_stats()


def write_stats(final: bool = False) -> None:
    elapsed = time.time() - STATS["started"]
    stats = {**STATS, "elapsed_s": round(elapsed, 1), "final": final,
             "rate_per_s": round(STATS["inputs"] / max(elapsed, 1e-9), 1)}
    STATS_PATH.write_text(json.dumps(stats) + "\n")
    print(f"fuzz_ingest: {json.dumps(stats)}", file=sys.stderr, flush=True)


def wrap(kind: str, text: str, when: str) -> bytes:
    """A well-formed container around fuzzed text, to get past the format parsers."""
    if kind == "jsonl":
        return (json.dumps({"id": text[:8] or "x", "date": when, "text": text}) + "\n").encode()
    if kind == "csv":
        quoted = '"' + text.replace('"', '""') + '"'
        return f"id,date,text\nr1,{when},{quoted}\n".encode("utf-8", "surrogatepass")
    if kind == "html":
        return f"<html><head><title>t</title></head><body><article><p>{text}</p>" \
               f"<p>{text}</p></article></body></html>".encode("utf-8", "surrogatepass")
    if kind == "feed":
        return (f"<?xml version='1.0'?><rss><channel><title>f</title><item><title>i</title>"
                f"<description><![CDATA[{text}]]></description><pubDate>{when}</pubDate>"
                f"</item></channel></rss>").encode("utf-8", "surrogatepass")
    return f" date {when} {text}".encode("utf-8", "surrogatepass")


def atheris_main(argv: list[str]) -> None:
    def test_one(data: bytes) -> None:
        provider = atheris.FuzzedDataProvider(data)
        mode = provider.ConsumeIntInRange(0, len(KINDS) + len(WRAPPED) - 1)
        if mode < len(KINDS):
            kind = KINDS[mode]
            run_one(kind, provider.ConsumeBytes(provider.remaining_bytes()))
            return
        kind = WRAPPED[mode - len(KINDS)]
        when = provider.ConsumeUnicodeNoSurrogates(12)
        run_one(kind, wrap(kind, provider.ConsumeUnicode(provider.remaining_bytes()), when))

    atheris.Setup(argv, test_one)
    atheris.Fuzz()


def random_main(runs: int, seed: int) -> None:
    """Mutation fuzzing without atheris: seeds from tests/hostile and the shared seed."""
    rng = random.Random(seed)
    corpus = [path.read_bytes()[:50_000] for path in _seed_files()] or [b"hello world"]
    for _ in range(runs):
        data = _mutate(rng, rng.choice(corpus))
        kind = rng.choice(KINDS)
        if rng.random() < 0.4 and kind in ("jsonl", "csv", "html", "feed", "text"):
            text = data.decode("utf-8", errors="replace")
            run_one(kind, wrap(kind, text, rng.choice(["2022-07-05", "2099-01-01", "x", ""])))
        else:
            run_one(kind, data)
    write_stats(final=True)


def _seed_files() -> list[Path]:
    root = Path(__file__).resolve().parents[1]
    files = sorted((root / "tests" / "hostile").glob("*"))
    files += sorted((root / "src" / "polemos" / "samples").glob("*"))
    return [path for path in files if path.is_file()]


def _mutate(rng: random.Random, data: bytes) -> bytes:
    buffer = bytearray(data)
    for _ in range(rng.randint(1, 8)):
        choice = rng.random()
        position = rng.randint(0, len(buffer))
        if choice < 0.3 and buffer:
            buffer[min(position, len(buffer) - 1)] = rng.randrange(256)
        elif choice < 0.5:
            buffer[position:position] = bytes(rng.randrange(256) for _ in range(rng.randint(1, 8)))
        elif choice < 0.7 and buffer:
            del buffer[position : position + rng.randint(1, 64)]
        elif choice < 0.85:
            buffer[position:position] = rng.choice(
                [b"\x00", b"\xff\xfe", b"\r\n", b"\n\n\n", b'"', b"<", b"{", b"REUTERS/X",
                 "é".encode(), "\u2028".encode(), b"\xe9", b"date 9999-99-99 "])
        else:
            start = rng.randint(0, max(0, len(buffer) - 1))
            buffer[position:position] = buffer[start : start + rng.randint(1, 256)]
    if rng.random() < 0.3:
        buffer = buffer[: rng.randint(0, len(buffer))]
    return bytes(buffer)


if __name__ == "__main__":
    if "--engine" in sys.argv and sys.argv[sys.argv.index("--engine") + 1] == "random":
        runs = int(sys.argv[sys.argv.index("--runs") + 1]) if "--runs" in sys.argv else 100_000
        random_main(runs, seed=int(os.environ.get("FUZZ_SEED", "0")))
    else:
        atheris_main(sys.argv)
