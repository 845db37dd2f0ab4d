"""Plain text articles: one file, one article; an optional ` date YYYY-MM-DD ` prefix."""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import BinaryIO

from polemos.ingest.build import RawArticle, build_article
from polemos.ingest.decode import DecodeError, decode_bytes
from polemos.ingest.readers.common import Item, Options, read_bounded, too_large
from polemos.models import Rejected

# The seed corpus opens with " date 2022-07-05 " before the first line of text.
_DATE_PREFIX = re.compile(r"^[ \t\ufeff]*date[ \t]+(\d{4}-\d{1,2}-\d{1,2})(?:[ \t]+|(?=\n)|$)")


def split_date_prefix(text: str) -> tuple[str | None, str]:
    """The prefix's date string (or None) and the text without the prefix."""
    match = _DATE_PREFIX.match(text)
    if not match:
        return None, text
    return match.group(1), text[match.end():]


def read_text(stream: BinaryIO, origin: str, name: str, options: Options) -> Iterator[Item]:
    data = read_bounded(stream, options.limits.max_article_bytes)
    if data is None:
        yield too_large(origin, options.limits.max_article_bytes)
        return
    if not data.strip():
        yield Rejected(origin, "empty file")
        return
    try:
        decoded = decode_bytes(data)
    except DecodeError as error:
        yield Rejected(origin, str(error))
        return
    day, text = split_date_prefix(decoded.text)
    notes = (decoded.warning,) if decoded.warning else ()
    yield build_article(RawArticle(name, text, origin, published=day, notes=notes),
                        options.limits)
