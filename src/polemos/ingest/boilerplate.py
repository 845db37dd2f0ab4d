"""Which lines of a news page are not the story: photo captions, bylines, calls to action.

A caption ("... July 4, 2022. REUTERS/Alexander Ermochenko") describes a photo, not an event,
and would otherwise be read as a report. Rules are per line and anchored, so a sentence that
merely mentions Reuters or a photograph stays. Every rule is bounded in the line length it
looks at, so no pattern can backtrack for long on a hostile line.
"""

from __future__ import annotations

import re

_NAME = r"[A-Z][\w.'’-]*+"  # possessive: a hostile name run cannot backtrack
_NAMES = rf"{_NAME}(?:[ -]{_NAME}){{0,4}}"
_AGENCIES = (
    r"REUTERS|Reuters|AFP|AP|EPA(?:-EFE)?|EFE|ANP|Anadolu(?: Agency)?|TASS|Sputnik|Xinhua|"
    r"Getty Images|Shutterstock|Ukrinform|UNIAN|SOPA Images|LightRocket|NurPhoto|Alamy|"
    r"Bloomberg|Zuma Press|ZUMA Wire|PA Images|PA Wire|PA"
)
# Each rule with a literal it cannot match without (or None): `in` rules a line out far faster
# than a search that tries every position, and most lines of a story hold none of them.
_CAPTION_RULES = [
    # "... REUTERS/Alexander Ermochenko" or ".../File Photo", "EPA/ROMAN PILIPEY"
    ("/", re.compile(rf"(?:{_AGENCIES})\s?/\s?(?:{_NAMES}|[A-Z .'-]{{2,40}})(?:/(?:File Photo|"
                     rf"Pool|{_NAME}))*\.?\s*$")),
    # "... (Photo: Jane Doe/AFP)", "(Photograph: ...)", "[Image: ...]"
    (":", re.compile(r"[(\[](?:Photo|Photograph|Picture|Image|Credit|Photo credit)s?\s?:"
                     r"[^()\[\]]{1,150}[)\]]\.?\s*$", re.IGNORECASE)),
    # "... Photograph: Jane Doe/AP", "| Photo Credit: X", "Photo: X via Getty"
    (":", re.compile(r"(?:^|[\s|.])(?:Photo|Photograph|Picture|Image|Photo credit)s?\s?:\s?"
                     r"[^.!?]{1,120}$", re.IGNORECASE)),
    # "... (AP Photo/Moses Sawasawa)"
    ("/", re.compile(rf"\((?:{_AGENCIES})(?: Photo)?\s?/[^()]{{1,100}}\)\.?\s*$")),
    ("via Getty Images",
     re.compile(rf"\b(?:{_AGENCIES}) via Getty Images\.?\s*$|\bvia Getty Images\.?\s*$")),
    (None, re.compile(r"^(?:Image|Media|Video) (?:caption|source|copyright)\b", re.IGNORECASE)),
    (None, re.compile(r"^(?:File photo|FILE PHOTO|Pictured|Above|Top|Main picture)\s?[:\-–—]",
                      re.IGNORECASE)),
]
_CAPTION_MAX = 600
_WEEKDAY_MONTH = (
    r"(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|January|February|March|"
    r"April|May|June|July|August|September|October|November|December|Then|Now|Late|Early|Mid)"
)
_BYLINE = re.compile(
    rf"^(?:By|BY|Words by|Written by|Reporting by|Report by)\s+(?!{_WEEKDAY_MONTH}\b)"
    rf"{_NAMES}(?:(?:\s?,\s?|\s(?:and|&)\s){_NAMES}){{0,4}}"
    r"(?:\s?(?:,|\||-|–|—|\bin\b)\s?[\w ,.'’&-]{0,60})?\s*$"
)
_AGENCY_TRAILER = re.compile(
    r"^\(?(?:Reporting|Additional reporting|Writing|Editing|Compiled|Edited) by\b.{0,300}$",
    re.IGNORECASE,
)
_CALL_TO_ACTION = re.compile(
    r"^(?:Read more|Read also|Also read|Read next|Read the full|Related|Related articles?|"
    r"See also|More from|Recommended|Sign up|Subscribe|Click here|Follow us|Follow (?:the|our)|"
    r"Share this|Share on|Advertisement|ADVERTISEMENT|Continue reading|Watch|Listen|"
    r"Download the|Get the|Join (?:us|our)|This story has been|Updated|Published|Posted|"
    r"Last updated|Skip to|Cookie|We use cookies|Newsletter)\b.{0,200}$",
    re.IGNORECASE,
)
_CALL_TO_ACTION_MAX = 200
_COPYRIGHT = re.compile(
    r"^(?:©|\(c\)|Copyright\b).{0,200}$|"
    r"^This (?:article|story|material) may not be (?:published|reproduced)",
    re.IGNORECASE,
)
# Searched only where it can end: a match is these 19 or 20 characters and trailing space, so
# the search starts 20 characters before the line's last non-space one instead of at every
# position of the line.
_RIGHTS_RESERVED = re.compile(r"\bAll rights reserved\.?\s*$", re.IGNORECASE)
_RIGHTS_RESERVED_SPAN = len("All rights reserved.")
_COPYRIGHT_MAX = 250


def boilerplate_kind(line: str) -> str | None:
    """Why `line` is not part of the story ("caption", "byline", ...), or None to keep it."""
    length = len(line)
    if length <= _CAPTION_MAX and any((needle is None or needle in line) and rule.search(line)
                                      for needle, rule in _CAPTION_RULES):
        return "caption"
    if length <= _CALL_TO_ACTION_MAX:
        if _BYLINE.match(line) or _AGENCY_TRAILER.match(line):
            return "byline"
        if _CALL_TO_ACTION.match(line) and not _looks_like_prose(line):
            return "call to action"
    if length <= _COPYRIGHT_MAX and (_COPYRIGHT.match(line) or _rights_reserved(line)):
        return "copyright"
    return None


def _rights_reserved(line: str) -> bool:
    start = max(0, len(line.rstrip()) - _RIGHTS_RESERVED_SPAN)
    return _RIGHTS_RESERVED.search(line, start) is not None


def _looks_like_prose(line: str) -> bool:
    """"Watch", "Listen" and "Updated" also open real sentences ("Watchdogs said ...")."""
    words = line.split()
    return len(words) >= 12 and line.rstrip().endswith((".", '"', "”"))
