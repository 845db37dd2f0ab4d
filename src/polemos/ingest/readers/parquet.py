"""Apache Parquet: one article per row, columns named like JSONL keys (`id`, `text`, `date`...).

Rows are streamed in record batches, so a large file never sits in memory whole. A scale-out
run reads row ranges (`rows`) of one file on different workers; rows are numbered from 1 in
the file, and a rejected row is reported as `file#row`, like an item of a JSON array.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import BinaryIO

from polemos.ingest.build import build_article
from polemos.ingest.readers.common import Item, Options
from polemos.ingest.readers.jsonl import raw_from_record
from polemos.models import Rejected

_BATCH_ROWS = 1024


def parquet_row_count(source: str | BinaryIO) -> int:
    """Rows in a Parquet file, from its footer (nothing else is read)."""
    import pyarrow.parquet as pq

    return pq.ParquetFile(source).metadata.num_rows


def read_parquet(stream: BinaryIO, origin: str, name: str, options: Options,
                 rows: tuple[int, int] | None = None) -> Iterator[Item]:
    """Articles of every row, or of rows `start <= row < stop` (0-based) when `rows` is given."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    try:
        table = pq.ParquetFile(stream)
    except (pa.ArrowException, OSError, ValueError) as error:
        yield Rejected(origin, f"not a readable Parquet file: {str(error)[:200]}")
        return
    start, stop = rows or (0, table.metadata.num_rows)
    groups, offset = _row_groups_holding(table.metadata, start, stop)
    for batch in table.iter_batches(batch_size=_BATCH_ROWS, row_groups=groups):
        if offset >= stop:
            return
        if offset + batch.num_rows > start:
            first = max(start - offset, 0)
            records = batch.slice(first, min(stop - offset, batch.num_rows) - first).to_pylist()
            for index, record in enumerate(records, start=offset + first + 1):
                raw = raw_from_record(record, f"{origin}#{index}", None, options)
                yield build_article(raw, options.limits)
        offset += batch.num_rows


def _row_groups_holding(metadata, start: int, stop: int) -> tuple[list[int], int]:  # noqa: ANN001
    """The row groups overlapping rows [start, stop), and the first row of the first of them."""
    groups, first_row, row = [], None, 0
    for group in range(metadata.num_row_groups):
        size = metadata.row_group(group).num_rows
        if row < stop and row + size > start:
            groups.append(group)
            first_row = row if first_row is None else first_row
        row += size
    return groups, first_row or 0
