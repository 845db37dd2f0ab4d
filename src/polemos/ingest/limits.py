"""Bounds that keep one hostile input from exhausting memory or stalling a batch."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date


@dataclass(frozen=True, slots=True)
class Limits:
    """Every size and time bound ingest enforces, in one place so tests can shrink them.

    Sizes are in bytes for raw input and characters for decoded text. `today` fixes "now" for
    the future-date check (None: the real date), which keeps tests deterministic.
    """

    max_article_bytes: int = 5_000_000  # one article (a text/HTML file, one JSONL line, a cell)
    max_feed_bytes: int = 20_000_000  # an RSS/Atom file holds many articles
    max_line_chars: int = 5_000  # longer lines are broken at sentence ends or spaces
    max_title_chars: int = 1_000
    max_id_chars: int = 512
    future_days: int = 1  # publication dates later than today + this are impossible
    min_year: int = 1900
    html_timeout_s: float = 20.0  # main-text extraction of one page (main thread only)
    today: date | None = None

    def now(self) -> date:
        return self.today or date.today()


DEFAULT_LIMITS = Limits()
