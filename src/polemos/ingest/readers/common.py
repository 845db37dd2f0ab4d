"""What every reader shares: options, bounded reads, field lookup by alternative names."""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from typing import BinaryIO

from polemos.ingest.limits import DEFAULT_LIMITS, Limits
from polemos.models import Article, Rejected

Item = Article | Rejected
_SKIP_CHUNK = 1 << 20


@dataclass(frozen=True, slots=True)
class FieldNames:
    """The keys (JSON) or column headers (CSV) each Article field may come under, in order.

    Override one field to map a different export: `FieldNames(text=("story_body",))`.
    """

    id: tuple[str, ...] = ("id", "doc_id", "docid", "uid", "guid", "article_id", "identifier")
    text: tuple[str, ...] = ("text", "body", "content", "article", "full_text", "story",
                             "maintext")
    date: tuple[str, ...] = ("date", "published", "publish_date", "pubdate", "published_at",
                             "date_publish", "datetime", "publication_date")
    title: tuple[str, ...] = ("title", "headline")
    url: tuple[str, ...] = ("url", "link", "source_url")
    source: tuple[str, ...] = ("source", "publisher", "outlet", "site", "domain", "source_name")
    author: tuple[str, ...] = ("author", "authors", "byline")
    language: tuple[str, ...] = ("language", "lang")


@dataclass(frozen=True, slots=True)
class Options:
    limits: Limits = DEFAULT_LIMITS
    fields: FieldNames = field(default_factory=FieldNames)


def lookup(record: Mapping[str, object], names: tuple[str, ...]) -> object:
    """The first present value among `names` (case-insensitive keys)."""
    for name in names:
        if name in record:
            return record[name]
    lowered = {key.lower().strip(): value for key, value in record.items()
               if isinstance(key, str)}
    for name in names:
        if name in lowered:
            return lowered[name]
    return None


def read_bounded(stream: BinaryIO, limit: int) -> bytes | None:
    """The whole stream if it holds at most `limit` bytes, else None (without reading it all)."""
    data = stream.read(limit + 1)
    return None if len(data) > limit else data


def too_large(origin: str, limit: int) -> Rejected:
    return Rejected(origin, f"too large: more than {limit:,} bytes for one input of this kind "
                            "(raise Limits to read it)")


def iter_lines(stream: BinaryIO, max_bytes: int) -> Iterator[tuple[int, bytes | None]]:
    """(line number, line) pairs; an over-long line comes as None and is skipped, not read."""
    number = 0
    while True:
        line = stream.readline(max_bytes + 1)
        if not line:
            return
        number += 1
        if len(line) > max_bytes and not line.endswith(b"\n"):
            _skip_to_newline(stream)
            yield number, None
        else:
            yield number, line


def _skip_to_newline(stream: BinaryIO) -> None:
    while True:
        chunk = stream.readline(_SKIP_CHUNK)
        if not chunk or chunk.endswith(b"\n"):
            return
