"""JSON Lines (one article per line, streamed) and JSON arrays of article objects."""

from __future__ import annotations

import io
import json
from collections.abc import Iterator, Mapping
from typing import BinaryIO

from polemos.ingest.build import RawArticle, build_article
from polemos.ingest.decode import sniff_binary
from polemos.ingest.readers.common import (
    Item,
    Options,
    iter_lines,
    lookup,
    read_bounded,
    too_large,
)
from polemos.models import Rejected

_LINE_OVERHEAD = 64_000  # room for the id, title and JSON escapes beyond the text itself
_CONTAINER_KEYS = ("articles", "items", "data", "documents", "records", "results")


def read_jsonl(stream: BinaryIO, origin: str, name: str, options: Options) -> Iterator[Item]:
    head = stream.read(65_536)
    stream.seek(0)
    kind = sniff_binary(head)
    if kind:
        yield Rejected(origin, f"binary file ({kind}), not JSON Lines")
        return
    max_line = options.limits.max_article_bytes + _LINE_OVERHEAD
    seen_any = False
    for number, line in iter_lines(stream, max_line):
        if line is None:
            seen_any = True
            yield Rejected(origin, f"line too long (more than {max_line:,} bytes); skipped", number)
            continue
        if not line.strip():
            continue
        seen_any = True
        yield _read_line(line, origin, number, options)
    if not seen_any:
        yield Rejected(origin, "empty file")


def _read_line(line: bytes, origin: str, number: int, options: Options) -> Item:
    notes: tuple[str, ...] = ()
    try:
        text = line.decode("utf-8")
    except UnicodeDecodeError:
        text = line.decode("cp1252", errors="replace")
        notes = ("line not UTF-8; decoded as Windows-1252",)
    try:
        record = json.loads(text)
    except (ValueError, RecursionError) as error:
        return Rejected(origin, f"invalid JSON: {_short(error)}", number)
    if not isinstance(record, dict):
        return Rejected(origin, f"not a JSON object but {type(record).__name__}", number)
    return build_article(raw_from_record(record, origin, number, options, notes), options.limits)


def raw_from_record(record: Mapping[str, object], origin: str, line: int | None,
                    options: Options, notes: tuple[str, ...] = ()) -> RawArticle:
    fields = options.fields
    return RawArticle(
        doc_id=lookup(record, fields.id),
        text=lookup(record, fields.text),
        origin=origin,
        line=line,
        published=lookup(record, fields.date),
        title=lookup(record, fields.title),
        url=lookup(record, fields.url),
        source=lookup(record, fields.source),
        author=lookup(record, fields.author),
        language=lookup(record, fields.language),
        notes=notes,
    )


def read_json(stream: BinaryIO, origin: str, name: str, options: Options) -> Iterator[Item]:
    """A .json file: one object, a list of objects, or {"articles": [...]}. Size-bounded."""
    data = read_bounded(stream, options.limits.max_feed_bytes)
    if data is None:
        yield too_large(origin, options.limits.max_feed_bytes)
        return
    if b"\n{" in data[:65_536] and not data.lstrip().startswith(b"["):
        yield from read_jsonl(io.BytesIO(data), origin, name, options)  # JSONL named .json
        return
    try:
        document = json.loads(data.decode("utf-8", errors="replace"))
    except (ValueError, RecursionError) as error:
        yield Rejected(origin, f"invalid JSON: {_short(error)}")
        return
    records = _records(document)
    if records is None:
        yield Rejected(origin, "JSON holds no article objects (expected an object, a list of "
                               f"objects or one of the keys {', '.join(_CONTAINER_KEYS)})")
        return
    for index, record in enumerate(records, start=1):
        if not isinstance(record, dict):
            yield Rejected(origin, f"item {index} is not a JSON object")
            continue
        raw = raw_from_record(record, f"{origin}#{index}", None, options)
        yield build_article(raw, options.limits)


def _records(document: object) -> list | None:
    if isinstance(document, list):
        return document
    if isinstance(document, dict):
        for key in _CONTAINER_KEYS:
            if isinstance(document.get(key), list):
                return document[key]
        return [document]
    return None


def _short(error: BaseException) -> str:
    if isinstance(error, RecursionError):
        return "nested too deeply"
    return str(error)[:200]
