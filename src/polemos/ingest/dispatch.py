"""Pick the reader for an input from its name, or from its first bytes when the name is mute."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import BinaryIO

from polemos.ingest.readers.common import Item, Options
from polemos.ingest.readers.csv import read_csv
from polemos.ingest.readers.feed import read_feed
from polemos.ingest.readers.html import read_html, read_mhtml, read_webarchive
from polemos.ingest.readers.jsonl import read_json, read_jsonl
from polemos.ingest.readers.parquet import read_parquet
from polemos.ingest.readers.text import read_text
from polemos.models import Rejected

Reader = Callable[[BinaryIO, str, str, Options], Iterator[Item]]

READERS: dict[str, Reader] = {
    "text": read_text,
    "jsonl": read_jsonl,
    "json": read_json,
    "csv": read_csv,
    "html": read_html,
    "mhtml": read_mhtml,
    "webarchive": read_webarchive,
    "feed": read_feed,
    "parquet": read_parquet,
}
_EXTENSIONS = {
    ".txt": "text",
    ".text": "text",
    ".md": "text",
    ".jsonl": "jsonl",
    ".ndjson": "jsonl",
    ".json": "json",
    ".csv": "csv",
    ".tsv": "csv",
    ".html": "html",
    ".htm": "html",
    ".xhtml": "html",
    ".mhtml": "mhtml",
    ".mht": "mhtml",
    ".webarchive": "webarchive",
    ".rss": "feed",
    ".atom": "feed",
    ".rdf": "feed",
    ".xml": "feed",
    ".parquet": "parquet",
}
# Extensions of files that are never articles; refused by name without being opened.
_NOT_ARTICLES = frozenset(
    [
     ".pdf", ".png", ".jpg", ".jpeg", ".gif", ".webp", ".zip", ".gz", ".bz2", ".xz", ".7z",
     ".tar", ".exe", ".dll", ".so", ".doc", ".docx", ".xls", ".xlsx", ".ppt", ".pptx", ".mp3",
     ".mp4", ".avi", ".mov", ".sqlite", ".db", ".pyc",
    ]
)


def kind_for(name: str, head: bytes) -> str | None:
    """The reader kind for an input called `name` starting with `head`; None: not an article."""
    lowered = name.lower().split("?", 1)[0]
    dot = lowered.rfind(".")
    extension = lowered[dot:] if dot > lowered.rfind("/") else ""
    if extension in _NOT_ARTICLES:
        return None
    return _EXTENSIONS.get(extension) or sniff_kind(head)


def sniff_kind(head: bytes) -> str:
    start = head.lstrip(b"\xef\xbb\xbf \t\r\n")[:1024].lower()
    if head.startswith(b"PAR1"):
        return "parquet"
    if start.startswith(b"bplist"):
        return "webarchive"
    if start.startswith(b"mime-version:") or b"multipart/related" in start:
        return "mhtml"
    if start.startswith(b"<?xml") and (b"<rss" in start or b"<feed" in start or b"<rdf" in start):
        return "feed"
    if start.startswith((b"<rss", b"<feed")):
        return "feed"
    if start.startswith((b"<!doctype html", b"<html", b"<?xml")) or b"<body" in start:
        return "html"
    if start.startswith(b"{"):
        return "jsonl"
    if start.startswith(b"["):
        return "json"
    return "text"


def read_stream(
    stream: BinaryIO, origin: str, name: str, options: Options, kind: str | None = None
) -> Iterator[Item]:
    """Every record in one seekable input; the reader is chosen unless `kind` is given."""
    if kind is None:
        head = stream.read(4096)
        stream.seek(0)
        kind = kind_for(name, head)
    if kind is None:
        yield Rejected(origin, "not an article file (binary format by its extension)")
        return
    yield from READERS[kind](stream, origin, name, options)
