"""CSV/TSV exports: one article per row, columns found by name (see FieldNames)."""

from __future__ import annotations

import csv
import io
import sys
from collections.abc import Iterator
from typing import BinaryIO

from polemos.ingest.build import build_article
from polemos.ingest.decode import detect_encoding, sniff_binary
from polemos.ingest.readers.common import Item, Options, lookup
from polemos.ingest.readers.jsonl import raw_from_record
from polemos.models import Rejected

_SAMPLE = 65_536
_DELIMITERS = ",;\t|"


def read_csv(stream: BinaryIO, origin: str, name: str, options: Options) -> Iterator[Item]:
    sample = stream.read(_SAMPLE)
    stream.seek(0)
    kind = sniff_binary(sample)
    if kind:
        yield Rejected(origin, f"binary file ({kind}), not CSV")
        return
    encoding, warning = detect_encoding(sample)
    text = io.TextIOWrapper(stream, encoding=encoding, errors="replace", newline="")
    too_long: list[int] = []
    max_chars = options.limits.max_article_bytes
    lines = _bounded_lines(text, max_chars, too_long)
    csv.field_size_limit(min(sys.maxsize, max_chars))
    reader = csv.reader(lines, dialect=_dialect(sample, name))
    try:
        header = [column.strip().lstrip("\ufeff") for column in next(reader)]
    except StopIteration:
        yield Rejected(origin, "empty file")
        return
    except csv.Error as error:
        yield Rejected(origin, f"unreadable CSV header: {error}")
        return
    if lookup(dict.fromkeys(header, ""), options.fields.text) is None:
        yield Rejected(origin, f"no text column (looked for {', '.join(options.fields.text)}; "
                               f"header is {header[:20]})")
        return
    has_id = lookup(dict.fromkeys(header, ""), options.fields.id) is not None
    notes = (warning,) if warning else ()
    yield from _rows(reader, header, has_id, too_long, origin, name, options, notes)
    text.detach()


def _rows(reader, header: list[str], has_id: bool, too_long: list[int], origin: str,
          name: str, options: Options, notes: tuple[str, ...]) -> Iterator[Item]:
    row_number = 0
    while True:
        try:
            row = next(reader)
        except StopIteration:
            yield from _too_long(too_long, origin, options)
            return
        except csv.Error as error:
            yield Rejected(origin, f"unreadable CSV row: {error}", reader.line_num)
            continue
        yield from _too_long(too_long, origin, options)
        if not any(cell.strip() for cell in row):
            continue
        row_number += 1
        if len(row) != len(header):
            yield Rejected(origin, f"row has {len(row)} cells, header has {len(header)}",
                           reader.line_num)
            continue
        record = dict(zip(header, row, strict=True))
        raw = raw_from_record(record, origin, reader.line_num, options, notes)
        if not has_id:
            raw.doc_id = f"{name}#{row_number}"
        yield build_article(raw, options.limits)


def _too_long(too_long: list[int], origin: str, options: Options) -> Iterator[Rejected]:
    while too_long:
        yield Rejected(origin, f"line too long (more than {options.limits.max_article_bytes:,} "
                               "characters); skipped", too_long.pop(0))


def _bounded_lines(text: io.TextIOBase, max_chars: int, too_long: list[int]) -> Iterator[str]:
    """Physical lines; an over-long one is noted in `too_long` and replaced by an empty line."""
    number = 0
    while True:
        line = text.readline(max_chars + 1)
        if not line:
            return
        number += 1
        if len(line) > max_chars and not line.endswith(("\n", "\r")):
            while (chunk := text.readline(1 << 20)) and not chunk.endswith(("\n", "\r")):
                pass
            too_long.append(number)
            yield "\n"
            continue
        yield line.replace("\0", "")


def _dialect(sample: bytes, name: str) -> type[csv.Dialect]:
    """Tab for .tsv; otherwise the delimiter the header line uses most (comma on a tie)."""
    if name.lower().endswith(".tsv"):
        return csv.excel_tab
    first = sample.decode("utf-8", errors="ignore").split("\n", 1)[0]
    delimiter = max(_DELIMITERS, key=lambda char: (first.count(char), char == ","))

    class Dialect(csv.excel):
        pass

    Dialect.delimiter = delimiter
    return Dialect
