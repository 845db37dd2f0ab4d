"""Normalise article text once, so every later character offset refers to the cleaned text.

Cleaning is idempotent (cleaning clean text changes nothing) and keeps paragraph structure:
lines stay lines, runs of blank lines become one blank line. Already-clean text passes through
unchanged, so offsets in annotations made on it stay valid.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from dataclasses import dataclass, field

from polemos.ingest.boilerplate import boilerplate_kind

# C0/C1 controls except tab and newline, lone surrogates, and invisible characters that break
# tokenisation (zero-width space, BOM, soft hyphen, word joiner).
_INVISIBLE = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\ud800-\udfff\u200b\u2060\ufeff\u00ad]")
# C1 controls in decoded text are nearly always Windows-1252 punctuation read as Latin-1
# ("\x96" meant "–"): give them their intended character, which also keeps offsets in place.
_C1_AS_CP1252 = {
    code: bytes([code]).decode("cp1252")
    for code in range(0x80, 0xA0)
    if code not in (0x81, 0x8D, 0x8F, 0x90, 0x9D)
}
_LINE_BREAKS = re.compile(r"\r\n?|[\x0b\x0c\x1c-\x1e\x85\u2028\u2029]")
_SPACES = re.compile(r"[ \t\u00a0\u1680\u2000-\u200a\u202f\u205f\u3000]+")
_BLANK_RUNS = re.compile(r"\n{3,}")
_SENTENCE_END = re.compile(r"[.!?][\"'”’)\]]?\s")


@dataclass(slots=True)
class Cleaned:
    text: str
    dropped: Counter[str] = field(default_factory=Counter)  # boilerplate kind -> lines dropped
    removed_invisible: int = 0
    broken_lines: int = 0

    def warnings(self) -> list[str]:
        notes = [f"dropped {count} {kind} line(s)" for kind, count in sorted(self.dropped.items())]
        if self.removed_invisible:
            notes.append(f"removed {self.removed_invisible} control/invisible character(s)")
        if self.broken_lines:
            notes.append(f"broke {self.broken_lines} over-long line(s)")
        return notes


def clean_text(raw: str, max_line_chars: int = 5_000) -> Cleaned:
    """NFC, one space between words, no boilerplate lines, no line longer than the cap."""
    text = _LINE_BREAKS.sub("\n", raw.translate(_C1_AS_CP1252))
    text, removed = _INVISIBLE.subn("", text)
    text = unicodedata.normalize("NFC", text)
    result = Cleaned("", removed_invisible=removed)
    kept: list[str] = []
    for line in text.split("\n"):
        line = _SPACES.sub(" ", line).strip()
        pieces = break_line(line, max_line_chars) if len(line) > max_line_chars else [line]
        result.broken_lines += len(pieces) > 1
        for piece in pieces:
            kind = boilerplate_kind(piece) if piece else None
            if kind:
                result.dropped[kind] += 1
            else:
                kept.append(piece)
    result.text = _BLANK_RUNS.sub("\n\n", "\n".join(kept)).strip()
    return result


def break_line(line: str, cap: int) -> list[str]:
    """Split an over-long line into pieces of at most `cap` characters.

    Prefers a sentence end in the second half of the window, then a space, then a hard cut, so
    ordinary prose keeps whole sentences and a hostile 100 MB line still ends in bounded pieces.
    """
    pieces: list[str] = []
    start = 0
    while len(line) - start > cap:
        window = line[start : start + cap]
        cut = _last_sentence_end(window, cap // 2)
        if cut is None:
            space = window.rfind(" ", cap // 2)
            cut = space if space > 0 else cap
        piece = line[start : start + cut].strip()
        if piece:
            pieces.append(piece)
        start += cut
        while start < len(line) and line[start] == " ":
            start += 1
    rest = line[start:].strip()
    if rest:
        pieces.append(rest)
    return pieces


def _last_sentence_end(window: str, minimum: int) -> int | None:
    last = None
    for match in _SENTENCE_END.finditer(window, minimum):
        last = match.end() - 1
    return last


def clean_line(value: str, cap: int) -> str:
    """A one-line field (title, author): the same normalisation, newlines become spaces."""
    value = _INVISIBLE.sub("", _LINE_BREAKS.sub(" ", value.translate(_C1_AS_CP1252)))
    value = _SPACES.sub(" ", unicodedata.normalize("NFC", value.replace("\n", " "))).strip()
    return value[:cap].rstrip()
