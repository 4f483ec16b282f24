"""CSV and TSV input: a spreadsheet or ``DataFrame.to_csv`` export of scraped pages, a row a document."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator
from pathlib import Path

from .._decode import decode_text_dump
from ._keys import KeyMap
from ._open import open_utf8
from ._records import Item, document_from_record, read_failure

#: How much of the file names its encoding when it is not UTF-8 (Excel saves "CSV" in the system's code page).
ENCODING_SAMPLE_BYTES = 1 << 16


class CsvReader:
    """The rows of a CSV (``,``) or TSV (tab) file with a header row, each read as a JSON record is (``KeyMap``,
    the same default column names), one row in memory at a time; an empty cell counts as no value.

    The file is UTF-8 (a BOM, or UTF-16 with its BOM, as ``open_utf8`` reads it), else the encoding its first 64 KB are
    detected in. A row with a cell over ``max_cell_chars``, or that the CSV parser refuses, is a read failure in its
    place; reading goes on with the next row. ``name`` is what positions and default ids call the input (default: its
    path).
    """

    def __init__(
        self,
        path: str | Path,
        *,
        keys: KeyMap | None = None,
        delimiter: str = ",",
        max_cell_chars: int = 64 << 20,
        name: str | None = None,
    ) -> None:
        self.path = Path(path)
        self.name = name
        self.keys = keys or KeyMap()
        self.delimiter = delimiter
        self.max_cell_chars = max_cell_chars

    def __iter__(self) -> Iterator[Item]:
        position, label = self.name or str(self.path), self.name or self.path.name
        try:
            encoding = self._encoding()
            stream = open_utf8(self.path)
        except (OSError, EOFError, ValueError) as exc:
            yield read_failure(exc, position)
            return
        # The csv module's cell bound is process-wide, so it is only ever raised (to bound memory); this reader's
        # own bound is checked on each row.
        csv.field_size_limit(max(csv.field_size_limit(), self.max_cell_chars))
        row_number = 0
        with io.TextIOWrapper(stream, encoding=encoding, errors="replace", newline="") as text:
            rows = csv.reader(text, delimiter=self.delimiter)
            try:
                header = next(rows, None)
            except (csv.Error, OSError, EOFError, ValueError) as exc:
                yield read_failure(f"the header row cannot be read: {exc}", f"{position}:1")
                return
            if not header:
                return
            while True:
                try:
                    row = next(rows)
                except StopIteration:
                    return
                except csv.Error as exc:
                    row_number += 1
                    yield read_failure(f"row {row_number}: {exc}", f"{position}:{rows.line_num}")
                    continue
                except (OSError, EOFError, ValueError) as exc:  # a truncated or corrupt compressed file
                    yield read_failure(f"input is truncated or corrupt after row {row_number}: {exc}", position)
                    return
                row_number += 1
                if not any(row):
                    continue
                where = f"{position}:{rows.line_num}"
                longest, max_cell_chars = max(map(len, row)), self.max_cell_chars
                if longest > max_cell_chars:
                    message = f"row {row_number}: a cell of {longest:,} characters exceeds {max_cell_chars=:,}"
                    yield read_failure(message, where)
                    continue
                record = {name: cell for name, cell in zip(header, row, strict=False) if cell != ""}
                yield document_from_record(record, self.keys, where, fallback_id=f"{label}:{row_number}")

    def _encoding(self) -> str:
        """UTF-8 when the first 64 KB read as it (a character cut at the end of the sample aside), else the
        encoding detection finds in them."""
        with open_utf8(self.path) as stream:
            sample = stream.read(ENCODING_SAMPLE_BYTES)
        try:
            sample.decode("utf-8")
        except UnicodeDecodeError as exc:
            if exc.start < len(sample) - 3:
                return decode_text_dump(sample).encoding or "utf-8"
        return "utf-8"
