"""HTML pages and saved web archives (MHTML, Safari .webarchive): main text via trafilatura."""

from __future__ import annotations

import email
import email.policy
import plistlib
import re
from collections.abc import Iterator
from typing import BinaryIO

import trafilatura

from polemos.ingest.build import RawArticle, build_article
from polemos.ingest.decode import DecodeError, decode_bytes
from polemos.ingest.readers.common import Item, Options, read_bounded, too_large
from polemos.ingest.timeout import TimedOut, time_limit
from polemos.models import Rejected

_TAG = re.compile(r"<[a-zA-Z!/]")
# Fewer words than this is a menu or a cookie banner that trafilatura kept, not an article.
_MIN_WORDS = 8


def read_html(stream: BinaryIO, origin: str, name: str, options: Options) -> Iterator[Item]:
    data = read_bounded(stream, options.limits.max_article_bytes)
    if data is None:
        yield too_large(origin, options.limits.max_article_bytes)
        return
    yield _from_html_bytes(data, origin, name, None, options)


def read_mhtml(stream: BinaryIO, origin: str, name: str, options: Options) -> Iterator[Item]:
    data = read_bounded(stream, options.limits.max_feed_bytes)
    if data is None:
        yield too_large(origin, options.limits.max_feed_bytes)
        return
    try:
        found = _html_part(data)
    except Exception as error:  # noqa: BLE001 - the email parser on hostile MIME, bad charsets
        yield Rejected(origin, f"not a readable web archive: {type(error).__name__}")
        return
    if found is None:
        yield Rejected(origin, "web archive holds no text/html part")
        return
    html, url = found
    yield _from_html_text(html, origin, name, url, (), options)


def _html_part(data: bytes) -> tuple[str, str | None] | None:
    """The first text/html part of an MHTML message and the URL it was saved from."""
    message = email.message_from_bytes(data, policy=email.policy.default)
    for part in message.walk():
        if part.get_content_type() == "text/html":
            url = part.get("Content-Location") or message.get("Snapshot-Content-Location")
            return str(part.get_content()), (str(url) if url else None)
    return None


def read_webarchive(stream: BinaryIO, origin: str, name: str, options: Options) -> Iterator[Item]:
    data = read_bounded(stream, options.limits.max_feed_bytes)
    if data is None:
        yield too_large(origin, options.limits.max_feed_bytes)
        return
    try:
        archive = plistlib.loads(data)
        main = archive["WebMainResource"]
        html, url = main["WebResourceData"], main.get("WebResourceURL")
    except Exception as error:  # noqa: BLE001 - plistlib raises many kinds on hostile data
        yield Rejected(origin, f"not a readable .webarchive: {type(error).__name__}")
        return
    if not isinstance(html, bytes):
        yield Rejected(origin, "not a readable .webarchive: main resource holds no data")
        return
    yield _from_html_bytes(html, origin, name, url if isinstance(url, str) else None, options)


def _from_html_bytes(data: bytes, origin: str, name: str, url: str | None,
                     options: Options) -> Item:
    if not data.strip():
        return Rejected(origin, "empty file")
    try:
        decoded = decode_bytes(data)
    except DecodeError as error:
        return Rejected(origin, str(error))
    notes = (decoded.warning,) if decoded.warning else ()
    return _from_html_text(decoded.text, origin, name, url, notes, options)


def _from_html_text(html: str, origin: str, name: str, url: str | None,
                    notes: tuple[str, ...], options: Options) -> Item:
    if not _TAG.search(html[:65_536]):
        return Rejected(origin, "no HTML markup found")
    try:
        with time_limit(options.limits.html_timeout_s):
            document = trafilatura.bare_extraction(
                html, url=url, with_metadata=True, include_comments=False,
                include_tables=False, include_images=False,
                date_extraction_params={"extensive_search": False, "original_date": True},
            )
    except TimedOut:
        return Rejected(origin, f"HTML extraction took longer than "
                                f"{options.limits.html_timeout_s:g} s; skipped")
    except Exception as error:  # noqa: BLE001 - lxml/trafilatura raise many kinds on bad HTML
        return Rejected(origin, f"HTML could not be parsed: {type(error).__name__}")
    text = getattr(document, "text", None) if document is not None else None
    words = len(text.split()) if text else 0
    if words < _MIN_WORDS:
        return Rejected(origin, f"no main text found in HTML ({words} words)")
    raw = RawArticle(
        doc_id=name, text=text, origin=origin, published=document.date,
        title=document.title, url=document.url or url,
        source=document.sitename or document.hostname, author=document.author,
        language=None, notes=notes,
    )
    return build_article(raw, options.limits)
