"""Input partitions: slices of the inputs that a worker reads by itself.

The driver only plans. JSON Lines files are cut into runs of `size` lines (byte ranges found by
one scan for newlines), Parquet files into row ranges (row counts come from the footer), and
every other input (text, HTML, CSV, feeds, URLs) is read whole, `size` files to a partition.
A worker reads its own partition (parsing, cleaning, language detection, hashing), so article
text never travels through the driver, and the driver's work does not grow with the text.
"""

from __future__ import annotations

import dataclasses
import math
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


def jsonl_slices(path: str, size: int, start: int = 0, stop: int | None = None,
                 first_line: int = 1) -> Iterator[JsonlSlice]:
    """`path` (or its bytes [start, stop), whose first line is `first_line`) cut after every
    `size`-th newline (one pass, newlines counted chunk by chunk)."""
    begin, lines, offset, ends_with_newline = start, 0, start, False
    with open(path, "rb") as handle:
        handle.seek(start)
        while chunk := handle.read(_CHUNK if stop is None else min(_CHUNK, stop - offset)):
            at = 0
            while lines + chunk.count(b"\n", at) >= size:
                for _ in range(size - lines):
                    at = chunk.index(b"\n", at) + 1
                yield JsonlSlice(path, begin, offset + at, first_line, size)
                begin, first_line, lines = offset + at, first_line + size, 0
            lines += chunk.count(b"\n", at)
            ends_with_newline = chunk.endswith(b"\n")
            offset += len(chunk)
    if offset > begin or offset == start:  # the rest, or the one (empty) slice of empty input
        yield JsonlSlice(path, begin, offset, first_line,
                         lines + (0 if offset == start or ends_with_newline else 1))


def _parquet_slices(source: Source, size: int) -> Iterator[Partition]:
    try:
        rows = parquet_row_count(source.location)
    except Exception:  # noqa: BLE001 - unreadable: the reader will say why, as a rejection
        yield FileGroup((source.location,))
        return
    for start in range(0, rows, size):
        yield ParquetSlice(source.location, start, min(rows, start + size))


def balanced(partitions: Sequence[Partition], workers: int, smallest: int) -> list[Partition]:
    """`partitions` (in order, the same records) re-cut so that a run on `workers` ends together.

    Equal partitions leave one worker idle at the end of a run for up to two of them (the one
    it would run and the one queued behind it); so the last ones shrink, guided-scheduling
    style: each next partition holds 1/(2 x workers) of what is left, between `smallest` and
    the largest planned. Only that tail is cut again (a JSON Lines slice re-read for its
    newlines); the partitions before it stay as planned.
    """
    if not partitions:
        return []
    largest = max(p.size for p in partitions)
    tail_start, tail_size = len(partitions), 0
    while tail_start > 0 and tail_size < 2 * workers * largest:
        tail_start -= 1
        tail_size += partitions[tail_start].size
    pieces = [piece for p in _joined(partitions[tail_start:]) for piece in split(p, smallest)]
    return [*partitions[:tail_start], *_shrinking(pieces, tail_size, workers, largest)]


def _joined(partitions: Sequence[Partition]) -> list[Partition]:
    """Consecutive partitions of one file (or groups of files) as one, to be cut evenly."""
    joined: list[Partition] = []
    for partition in partitions:
        both = join(joined[-1], partition) if joined else None
        if both is None:
            joined.append(partition)
        else:
            joined[-1] = both
    return joined


def _shrinking(pieces: list[Partition], remaining: int, workers: int,
               largest: int) -> Iterator[Partition]:
    """Consecutive `pieces` joined while a partition stays within its share of `remaining`."""
    current: Partition | None = None
    for piece in pieces:
        if current is not None:
            share = max(1, min(largest, math.ceil(remaining / (2 * workers))))
            joined = join(current, piece) if current.size + piece.size <= share else None
            if joined is not None:
                current = joined
                continue
            remaining -= current.size
            yield current
        current = piece
    if current is not None:
        yield current


def split(partition: Partition, size: int) -> list[Partition]:
    """`partition` as consecutive partitions of at most `size` records (itself if it fits, or
    if its file cannot be read now: reading it will say why)."""
    if partition.size <= size:
        return [partition]
    if isinstance(partition, FileGroup):
        locations = partition.locations
        return [FileGroup(locations[i:i + size]) for i in range(0, len(locations), size)]
    if isinstance(partition, ParquetSlice):
        return [ParquetSlice(partition.path, start, min(partition.stop, start + size))
                for start in range(partition.start, partition.stop, size)]
    try:
        return _split_jsonl(partition, size)
    except OSError:
        return [partition]


def _split_jsonl(part: JsonlSlice, size: int) -> list[Partition]:
    pieces: list[Partition] = list(
        jsonl_slices(part.path, size, part.start, part.stop, part.first_line))
    if sum(piece.size for piece in pieces) != part.size:  # changed since the plan: keep it
        return [part]
    return pieces


def join(first: Partition, second: Partition) -> Partition | None:
    """One partition reading what `first` then `second` read, or None if they cannot be one."""
    if isinstance(first, FileGroup) and isinstance(second, FileGroup):
        return FileGroup(first.locations + second.locations)
    contiguous = (type(first) is type(second) and not isinstance(first, FileGroup)
                  and first.path == second.path and first.stop == second.start)
    if isinstance(first, JsonlSlice) and contiguous:
        return JsonlSlice(first.path, first.start, second.stop, first.first_line,
                          first.size + second.size)
    if isinstance(first, ParquetSlice) and contiguous:
        return ParquetSlice(first.path, first.start, second.stop)
    return None


def _shifted(item: Item, path: str, shift: int) -> Item:
    """`item` read from a slice, with its line number counted from the top of the file."""
    if isinstance(item, Rejected):
        return dataclasses.replace(item, line=item.line + shift)
    prefix = f"{path}:"
    if isinstance(item, Article) and item.origin.startswith(prefix):
        line = int(item.origin[len(prefix):]) + shift
        return dataclasses.replace(item, origin=f"{prefix}{line}")
    return item
