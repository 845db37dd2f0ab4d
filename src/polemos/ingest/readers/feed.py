"""RSS and Atom feeds: one article per entry, from its full content or else its summary."""

from __future__ import annotations

from collections.abc import Iterator
from typing import BinaryIO

import feedparser

from polemos.ingest.build import RawArticle, build_article
from polemos.ingest.decode import sniff_binary
from polemos.ingest.readers.common import Item, Options, read_bounded, too_large
from polemos.ingest.readers.fragment import html_to_text
from polemos.models import Rejected


def read_feed(stream: BinaryIO, origin: str, name: str, options: Options) -> Iterator[Item]:
    data = read_bounded(stream, options.limits.max_feed_bytes)
    if data is None:
        yield too_large(origin, options.limits.max_feed_bytes)
        return
    if not data.strip():
        yield Rejected(origin, "empty file")
        return
    kind = sniff_binary(data[:65_536])
    if kind:
        yield Rejected(origin, f"binary file ({kind}), not a feed")
        return
    if b"<!ENTITY" in data[:65_536].upper():
        # Real feeds never declare entities; "billion laughs" bombs do.
        yield Rejected(origin, "feed declares XML entities; refused (entity-expansion risk)")
        return
    try:
        parsed = feedparser.parse(data)
    except Exception as error:  # noqa: BLE001 - feedparser raises anything on hostile XML
        yield Rejected(origin, f"feed could not be parsed: {type(error).__name__}")
        return
    if not parsed.entries:
        problem = parsed.get("bozo_exception")
        why = f": {str(problem)[:200]}" if problem else ""
        yield Rejected(origin, f"no entries in feed{why}")
        return
    feed_title = parsed.feed.get("title") if isinstance(parsed.feed, dict) else None
    for index, entry in enumerate(parsed.entries, start=1):
        yield build_article(_raw_entry(entry, index, origin, name, feed_title), options.limits)


def _raw_entry(entry, index: int, origin: str, name: str, feed_title: object) -> RawArticle:
    body = ""
    content = entry.get("content")
    if isinstance(content, list) and content:
        body = content[0].get("value", "") or ""
    if not body:
        body = entry.get("summary", "") or ""
    return RawArticle(
        doc_id=entry.get("id") or entry.get("link") or f"{name}#{index}",
        text=html_to_text(body) if isinstance(body, str) else body,
        origin=f"{origin}#{index}",
        published=entry.get("published_parsed") or entry.get("updated_parsed"),
        title=entry.get("title"),
        url=entry.get("link"),
        source=feed_title,
        author=entry.get("author"),
        language=None,
    )
