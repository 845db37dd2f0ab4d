"""Input partitions: slices of the inputs that a worker reads by itself.

The driver only plans. JSON Lines files are cut into runs of `size` lines (byte ranges found by
one scan for newlines), Parquet files into row ranges (row counts come from the footer), and
every other input (text, HTML, CSV, feeds, URLs) is read whole, `size` files to a partition.
A worker reads its own partition (parsing, cleaning, language detection, hashing), so article
text never travels through the driver, and the driver's work does not grow with the text.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

from polemos.ingest import read_bytes, read_inputs
from polemos.ingest.dispatch import kind_for
from polemos.ingest.readers.common import Item, Options
from polemos.ingest.readers.parquet import parquet_row_count, read_parquet
from polemos.ingest.sources import Source, expand
from polemos.models import Article, Rejected

_CHUNK = 1 << 20


@dataclass(frozen=True, slots=True)
class FileGroup:
    """Whole inputs (files or URLs), read as `polemos ingest` reads them."""

    locations: tuple[str, ...]

    @property
    def size(self) -> int:
        return len(self.locations)

    def read(self) -> Iterator[Item]:
        return read_inputs(list(self.locations))


@dataclass(frozen=True, slots=True)
class JsonlSlice:
    """Lines `first_line ..` of a JSON Lines file: bytes [start, stop), whole lines."""

    path: str
    start: int
    stop: int
    first_line: int
    size: int

    def read(self) -> Iterator[Item]:
        try:
            with open(self.path, "rb") as handle:
                handle.seek(self.start)
                data = handle.read(self.stop - self.start)
        except OSError as error:  # gone or unreadable since the plan was made
            yield Rejected(self.path, f"cannot open: {error.strerror or error}", self.first_line)
            return
        shift = self.first_line - 1
        for item in read_bytes(data, self.path, kind="jsonl"):
            if isinstance(item, Rejected) and item.line is None and shift:
                continue  # "empty file": only the file's first slice may say so
            yield _shifted(item, self.path, shift) if shift else item


@dataclass(frozen=True, slots=True)
class ParquetSlice:
    """Rows [start, stop) of a Parquet file."""

    path: str
    start: int
    stop: int

    @property
    def size(self) -> int:
        return self.stop - self.start

    def read(self) -> Iterator[Item]:
        try:
            with open(self.path, "rb") as handle:
                yield from read_parquet(handle, self.path, Path(self.path).name, Options(),
                                        rows=(self.start, self.stop))
        except (OSError, ValueError) as error:
            yield Rejected(self.path, f"read failed: {type(error).__name__}: {error}")


Partition = FileGroup | JsonlSlice | ParquetSlice


def plan(inputs: Sequence[str | Path], size: int) -> Iterator[Partition | Rejected]:
    """Partitions of about `size` articles covering `inputs` (and inputs that name nothing)."""
    group: list[str] = []
    for source in expand(list(inputs)):
        if isinstance(source, Rejected):
            yield source
            continue
        kind = None if source.is_url else kind_for(source.location, b"")
        if kind == "jsonl":
            yield from jsonl_slices(source.location, size)
        elif kind == "parquet":
            yield from _parquet_slices(source, size)
        else:
            group.append(source.location)
            if len(group) == size:
                yield FileGroup(tuple(group))
                group = []
    if group:
        yield FileGroup(tuple(group))


def jsonl_slices(path: str, size: int) -> Iterator[JsonlSlice]:
    """`path` cut after every `size`-th newline (one pass, newlines counted chunk by chunk)."""
    start, first_line, lines, offset = 0, 1, 0, 0
    with open(path, "rb") as handle:
        while chunk := handle.read(_CHUNK):
            at = 0
            while lines + chunk.count(b"\n", at) >= size:
                for _ in range(size - lines):
                    at = chunk.index(b"\n", at) + 1
                yield JsonlSlice(path, start, offset + at, first_line, size)
                start, first_line, lines = offset + at, first_line + size, 0
            lines += chunk.count(b"\n", at)
            ends_with_newline = chunk.endswith(b"\n")
            offset += len(chunk)
    if offset > start or offset == 0:
        yield JsonlSlice(path, start, offset, first_line,
                         lines + (0 if offset == 0 or ends_with_newline else 1))


def _parquet_slices(source: Source, size: int) -> Iterator[Partition]:
    try:
        rows = parquet_row_count(source.location)
    except Exception:  # noqa: BLE001 - unreadable: the reader will say why, as a rejection
        yield FileGroup((source.location,))
        return
    for start in range(0, rows, size):
        yield ParquetSlice(source.location, start, min(rows, start + size))


def _shifted(item: Item, path: str, shift: int) -> Item:
    """`item` read from a slice, with its line number counted from the top of the file."""
    if isinstance(item, Rejected):
        return dataclasses.replace(item, line=item.line + shift)
    prefix = f"{path}:"
    if isinstance(item, Article) and item.origin.startswith(prefix):
        line = int(item.origin[len(prefix):]) + shift
        return dataclasses.replace(item, origin=f"{prefix}{line}")
    return item
