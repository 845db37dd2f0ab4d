"""Ingest: read files, directories, globs and URLs into Articles, never failing a batch.

`read_inputs` is what the pipeline calls. Every problem with an input becomes a `Rejected`
record naming the input (and line) and the reason; the next input is read regardless.
"""

from __future__ import annotations

import io
from collections.abc import Iterator, Sequence
from pathlib import Path

from polemos.ingest.dispatch import read_stream
from polemos.ingest.fetch import FetchError, fetch
from polemos.ingest.limits import DEFAULT_LIMITS, Limits
from polemos.ingest.readers.common import FieldNames, Item, Options
from polemos.ingest.sources import Source, expand
from polemos.models import Article, Rejected

__all__ = ["Article", "FieldNames", "Limits", "Rejected", "read_bytes", "read_inputs"]


def read_inputs(inputs: Sequence[str | Path], *, limits: Limits = DEFAULT_LIMITS,
                fields: FieldNames | None = None) -> Iterator[Article | Rejected]:
    """Articles and rejections from every input, in a deterministic order."""
    options = Options(limits, fields or FieldNames())
    for source in expand(list(inputs)):
        if isinstance(source, Rejected):
            yield source
            continue
        yield from _read_source(source, options)


def read_bytes(data: bytes, name: str, *, kind: str | None = None,
               limits: Limits = DEFAULT_LIMITS, fields: FieldNames | None = None
               ) -> Iterator[Article | Rejected]:
    """Records from in-memory bytes as if read from a file called `name` (tests, fuzzing)."""
    options = Options(limits, fields or FieldNames())
    yield from _guarded(read_stream(io.BytesIO(data), name, name, options, kind), name)


def _read_source(source: Source, options: Options) -> Iterator[Item]:
    if source.is_url:
        try:
            stream, kind = fetch(source.location, options.limits)
        except FetchError as error:
            yield Rejected(source.location, f"could not fetch: {error}")
            return
        yield from _guarded(read_stream(stream, source.location, source.location, options,
                                        kind), source.location)
        return
    try:
        handle = open(source.location, "rb")  # noqa: SIM115 - closed below, after streaming
    except OSError as error:
        yield Rejected(source.location, f"cannot open: {error.strerror or error}")
        return
    with handle:
        yield from _guarded(read_stream(handle, source.location, source.name, options),
                            source.location)


def _guarded(records: Iterator[Item], origin: str) -> Iterator[Item]:
    """Last line of defence: an unexpected reader error rejects the rest of that input only."""
    try:
        yield from records
    except (OSError, MemoryError) as error:
        yield Rejected(origin, f"read failed: {type(error).__name__}: {error}")
    except Exception as error:  # noqa: BLE001 - one input must never stop the batch
        yield Rejected(origin, f"internal error while reading ({type(error).__name__}: "
                               f"{str(error)[:200]}); please report")
