"""Assemble an Article from a reader's raw fields, or say why it cannot be one.

Every reader ends here, so every article gets the same cleaning, limits, date checks and
language tag whatever format it came in.
"""

from __future__ import annotations

from dataclasses import dataclass

from polemos.ingest.clean import clean_line, clean_text
from polemos.ingest.dates import parse_published
from polemos.ingest.language import detect_language
from polemos.ingest.limits import Limits
from polemos.models import Article, Rejected

_MAX_URL_CHARS = 2_000


@dataclass(slots=True)
class RawArticle:
    """What a reader found, before any cleaning or checking."""

    doc_id: object
    text: object
    origin: str
    line: int | None = None
    published: object = None
    title: object = None
    url: object = None
    source: object = None
    author: object = None
    language: object = None
    notes: tuple[str, ...] = ()  # warnings the reader already has (e.g. encoding guessed)


def build_article(raw: RawArticle, limits: Limits) -> Article | Rejected:
    origin = f"{raw.origin}:{raw.line}" if raw.line is not None else raw.origin
    doc_id = _text_field(raw.doc_id, limits.max_id_chars)
    if not doc_id:
        return Rejected(raw.origin, "missing or empty document id", raw.line)
    if not isinstance(raw.text, str):
        what = "missing" if raw.text is None else f"not a string ({type(raw.text).__name__})"
        return Rejected(raw.origin, f"text is {what} (id {doc_id!r})", raw.line)
    if len(raw.text) > limits.max_article_bytes:
        return Rejected(raw.origin, f"article too large ({len(raw.text):,} characters > "
                                    f"{limits.max_article_bytes:,}) (id {doc_id!r})", raw.line)
    cleaned = clean_text(raw.text, limits.max_line_chars)
    if not cleaned.text:
        why = "empty text" if not raw.text.strip() else "no text left after cleaning"
        return Rejected(raw.origin, f"{why} (id {doc_id!r})", raw.line)
    published = parse_published(raw.published, limits)
    warnings = [*raw.notes, *cleaned.warnings()]
    if published.warning:
        warnings.append(published.warning)
    return Article(
        doc_id=doc_id,
        text=cleaned.text,
        published=published.day,
        title=_text_field(raw.title, limits.max_title_chars),
        url=_url(raw.url),
        source=_text_field(raw.source, limits.max_title_chars),
        language=_language(raw.language) or detect_language(cleaned.text),
        origin=origin,
        author=_text_field(raw.author, limits.max_title_chars),
        warnings=tuple(warnings),
    )


def _text_field(value: object, cap: int) -> str | None:
    if isinstance(value, bool) or value is None:
        return None
    if isinstance(value, int | float):
        value = str(value)
    if isinstance(value, list | tuple):
        value = ", ".join(str(item) for item in value if isinstance(item, str | int))
    if not isinstance(value, str):
        return None
    return clean_line(value, cap) or None


def _url(value: object) -> str | None:
    text = _text_field(value, _MAX_URL_CHARS)
    if text and " " not in text and "://" in text:
        return text
    return None


def _language(value: object) -> str | None:
    text = _text_field(value, 16)
    return text.lower() if text and text.replace("-", "").isalpha() else None
