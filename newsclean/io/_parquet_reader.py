"""Apache Parquet input: a table of scraped pages (a Hugging Face dataset, a Spark or pandas export), a row a
document."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

from ._keys import KeysArg, as_key_map
from ._records import Item, document_from_record, noted_when_empty, path_text, read_failure

#: Rows read at a time: memory stays bounded by a batch of pages, not by the file or its row groups' count.
BATCH_ROWS = 64


class ParquetReader:
    """The rows of a Parquet file (needs the ``parquet`` extra: pyarrow), in file order, each read as a JSON record
    is (``KeyMap``, the same default field names; a binary column is decoded as a fetched page's bytes are).

    Only the columns a record can be read from are loaded. A file that pyarrow cannot open, or that turns out corrupt
    partway, is a read failure at the row reached; the rows before it stand. ``name`` is what positions and default ids
    call the input (default: its path).
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
        row = 0
        try:
            table = parquet.ParquetFile(self.path)
            content, wanted = self.keys.columns()
            names = table.schema_arrow.names
            if not content.intersection(names):
                message = f"no column holds a page or a text: {self.keys.describe()} (columns: {', '.join(names)})"
                yield read_failure(message, position)
                return
            columns = [name for name in names if name in wanted]
            for batch in table.iter_batches(batch_size=self.batch_rows, columns=columns):
                for record in batch.to_pylist():
                    where = f"{position}[{row}]"
                    yield document_from_record(record, self.keys, where, fallback_id=f"{label}[{row}]")
                    row += 1
        except (OSError, ValueError, pyarrow.ArrowException) as exc:  # ValueError: a corrupt string is not UTF-8
            yield read_failure(f"Parquet input is unreadable or corrupt at row {row}: {exc}", f"{position}[{row}]")

    def count(self) -> int:
        """How many items reading gives, from the footer's row count: one failure in place of no rows."""
        import pyarrow.parquet as parquet

        return max(int(parquet.ParquetFile(self.path).metadata.num_rows), 1)
