"""Apache Parquet input: a table of scraped pages (a Hugging Face dataset, a Spark or pandas export), a row a
document."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any, NamedTuple

from ._keys import KeysArg, as_key_map, repeated_column
from ._records import Item, document_from_record, noted_when_empty, path_text, read_failure

#: Rows handed out at a time. Memory is bounded by one row group of the read columns (pyarrow decodes a row group's
#: column whole), not by the file or its row groups' count.
BATCH_ROWS = 64


class ParquetReader:
    """The rows of a Parquet file (needs the ``parquet`` extra: pyarrow), in file order, each read as a JSON record
    is (``KeyMap``, the same default field names; a binary column is decoded as a fetched page's bytes are).

    Only the columns a record can be read from are loaded, a row group at a time. A file that pyarrow cannot open is
    one read failure; a row group that turns out corrupt partway is one at the row reached, and the row groups after
    it are read. Page checksums are checked where the file has them. A row with a cell no Python value can hold (a
    timestamp after year 9999) is a failure of its own, and a file naming a column the keys read twice one failure.
    ``name`` is what positions and default ids call the input (default: its path).
    """

    def __init__(
        self, path: str | Path, *, keys: KeysArg = None, batch_rows: int = BATCH_ROWS, name: str | None = None
    ) -> None:
        self.path = Path(path)
        self.name = name
        self.keys = as_key_map(keys)
        self.batch_rows = batch_rows

    def __iter__(self) -> Iterator[Item]:
        return noted_when_empty(self._documents(), "rows", path_text(self.name or str(self.path)))

    def _documents(self) -> Iterator[Item]:
        position, label = path_text(self.name or str(self.path)), path_text(self.name or self.path.name)
        try:
            import pyarrow
            import pyarrow.parquet as parquet
        except ImportError:
            yield read_failure("reading Parquet needs pyarrow: pip install 'newsclean[parquet]'", position)
            return
        errors = (OSError, ValueError, pyarrow.ArrowException)  # ValueError: a corrupt string is not UTF-8
        try:
            # Page checksums, where the writer stored them, are checked: damage to an uncompressed (or incompressible)
            # page otherwise reads as other bytes, without an error.
            table = parquet.ParquetFile(self.path, page_checksum_verification=True)
            content, wanted = self.keys.columns()
            names = table.schema_arrow.names
            groups = [table.metadata.row_group(group).num_rows for group in range(table.num_row_groups)]
        except errors as exc:
            yield read_failure(f"Parquet input is unreadable or corrupt at row 0: {exc}", f"{position}[0]")
            return
        if not content.intersection(names):
            message = f"no column holds a page or a text: {self.keys.describe()} (columns: {', '.join(names)})"
            yield read_failure(message, position)
            return
        repeated = repeated_column(names, self.keys)
        if repeated is not None:
            yield read_failure(f"the file {repeated}", position)
            return
        columns = [name for name in names if name in wanted]
        row = 0
        # A row group at a time: a corrupt one is one failure, and the row groups after it are read (read as one
        # stream, the first damaged page, read ahead, lost the whole file's rows, those before it too).
        for group, size in enumerate(groups):
            end = row + size
            try:
                for batch in table.iter_batches(batch_size=self.batch_rows, columns=columns, row_groups=[group]):
                    for record in arrow_rows(batch):
                        where = f"{position}[{row}]"
                        cells = record.cells if isinstance(record, Unreadable) else record
                        item = document_from_record(cells, self.keys, where, fallback_id=f"{label}[{row}]")
                        if isinstance(record, Unreadable):
                            item = read_failure(
                                f"row {row}: {record.reason}", where, source_id=item.source_id, url=item.url
                            )
                        yield item
                        row += 1
            except errors as exc:
                lost = f"rows {row}–{end - 1} are" if end - row > 1 else f"row {row} is"
                message = (
                    f"Parquet input is unreadable or corrupt at row {row}: {exc} (row group {group}: {lost} not read;"
                    " reading goes on with the next row group)"
                )
                yield read_failure(message, f"{position}[{row}]")
            row = max(row, end)

    def count(self) -> int:
        """How many items reading gives, from the footer's row count: one failure in place of no rows."""
        import pyarrow.parquet as parquet

        return max(int(parquet.ParquetFile(self.path).metadata.num_rows), 1)


#: What reading a cell of Arrow as a Python value raises for a value Python cannot hold: a timestamp or date after
#: year 9999 or before year 1 (OverflowError), a string that is not UTF-8 (UnicodeDecodeError, a ValueError).
_CELL_ERRORS = (OverflowError, ValueError)


class Unreadable(NamedTuple):
    """A row with a cell that cannot be read as a Python value: why, and the row's other cells (its id, its URL)."""

    reason: str
    cells: dict[str, Any]


def arrow_rows(table: Any) -> list[dict[str, Any] | Unreadable]:
    """The rows of a pyarrow Table or RecordBatch as dicts, in order; a row with a cell that cannot be read as a
    Python value is, in its place, an ``Unreadable`` naming the column. ``to_pylist`` raised for the whole batch:
    one timestamp in year 10000 ended a Parquet file's reading (an ``OverflowError`` no caller expected) and took
    down an adapter's whole batch."""
    try:
        return list(table.to_pylist())
    except _CELL_ERRORS:
        pass
    rows: list[dict[str, Any] | Unreadable] = []
    for index in range(table.num_rows):
        row = table.slice(index, 1)
        try:
            rows.append(row.to_pylist()[0])
        except _CELL_ERRORS:
            rows.append(_unreadable(row))
    return rows


def _unreadable(row: Any) -> Unreadable:
    cells: dict[str, Any] = {}
    reasons: list[str] = []
    for name, column in zip(row.schema.names, row.columns, strict=True):
        try:
            cells[name] = column.to_pylist()[0]
        except _CELL_ERRORS as exc:
            reasons.append(f"column '{name}' holds a value that cannot be read ({type(exc).__name__}: {exc})")
    return Unreadable("; ".join(reasons), cells)
