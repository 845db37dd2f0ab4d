"""Fetching an explicitly given URL (never one found inside an input): bounded in size and time."""

from __future__ import annotations

import io

import httpx

from polemos.ingest.limits import Limits

_TIMEOUT_S = 20.0
_KINDS = [
    ("rss", "feed"),
    ("atom", "feed"),
    ("xml", "feed"),
    ("html", "html"),
    ("json", "jsonl"),
    ("csv", "csv"),
    ("text/plain", "text"),
]


class FetchError(Exception):
    """The URL could not be read; the message says why."""


def fetch(
    url: str, limits: Limits, client: httpx.Client | None = None
) -> tuple[io.BytesIO, str | None]:
    """The body (at most `max_feed_bytes`) and the reader kind its content type names."""
    owned = client is None
    client = client or httpx.Client(timeout=_TIMEOUT_S, follow_redirects=True)
    try:
        with client.stream("GET", url) as response:
            if response.status_code >= 400:
                raise FetchError(f"HTTP {response.status_code}")
            body = bytearray()
            for chunk in response.iter_bytes():
                body.extend(chunk)
                if len(body) > limits.max_feed_bytes:
                    raise FetchError(f"too large: more than {limits.max_feed_bytes:,} bytes")
            content_type = response.headers.get("content-type", "").lower()
    except httpx.HTTPError as error:
        raise FetchError(f"{type(error).__name__}: {error}") from error
    finally:
        if owned:
            client.close()
    kind = next((kind for key, kind in _KINDS if key in content_type), None)
    return io.BytesIO(bytes(body)), kind
