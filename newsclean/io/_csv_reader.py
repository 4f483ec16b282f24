"""CSV and TSV input: a spreadsheet or ``DataFrame.to_csv`` export of scraped pages, a row a document.

The parser is Python's ``csv`` in strict mode: read leniently, a quote that is never closed made the rest of the
file one cell (the rows after it lost inside the first), and a quote inside a quoted cell that was not written
twice was dropped, the cell read on as something else. Each is a read failure in its row's place instead. Two
leniencies lose no data and stay: a quote inside an unquoted cell is a character of it (``5" screen``), and a row
with fewer cells than the header has the others empty.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator
from pathlib import Path

from .._decode import codec_for_label, decode_text_dump
from ._keys import KeysArg, as_key_map, repeated_column
from ._open import open_utf8
from ._records import Item, document_from_record, noted_when_empty, path_text, read_failure

#: How much of the file names its encoding when it is not UTF-8 (Excel saves "CSV" in the system's code page).
ENCODING_SAMPLE_BYTES = 1 << 16
_QUOTE = '"'


class _Lines:
    """The file's lines as the CSV parser takes them, counted, with where the row being read left a quoted cell
    open: the line after which its quotes stopped pairing up. A quoted cell holds its quotes doubled, so an odd
    count of them opens or closes one; the parser itself does not say where a cell it refused began or ends."""

    def __init__(self, text: Iterator[str]) -> None:
        self._text = text
        self.number = 0  # lines read
        self.exhausted = False
        #: Damage to a compressed file met while skipping a refused row's lines: raised at the next line asked for.
        self.error: OSError | EOFError | ValueError | None = None
        #: The line on which a quoted cell still open at the last line read was opened, or None.
        self.open_since: int | None = None

    def __iter__(self) -> _Lines:
        return self

    def __next__(self) -> str:
        if self.error is not None:
            raise self.error
        try:
            line = next(self._text)
        except StopIteration:
            self.exhausted = True
            raise
        self.number += 1
        if line.count(_QUOTE) % 2:
            self.open_since = self.number if self.open_since is None else None
        return line

    def start_row(self) -> int:
        """Forget the last row's quotes; the number of the line the next row starts on."""
        self.open_since = None
        return self.number + 1

    def skip_open_cell(self) -> None:
        """Read on to the line that closes the quoted cell a refused row left open (or to the end): those lines
        are the rest of that row, not rows of their own."""
        try:
            while self.open_since is not None and next(self, None) is not None:
                pass
        except (OSError, EOFError, ValueError) as exc:  # a truncated or corrupt .gz: out of the parser's error
            self.error = exc  # handler, it escaped the reader; the next row's read reports it


class CsvReader:
    """The rows of a CSV (``,``) or TSV (tab) file with a header row, each read as a JSON record is (``KeyMap``,
    the same default column names), one row in memory at a time; an empty cell counts as no value.

    The file is UTF-8 (a BOM, or UTF-16 with its BOM, as ``open_utf8`` reads it), else the encoding its first 64 KB are
    detected in. A row with a cell over ``max_cell_chars``, one the CSV parser refuses (a quote never closed, a
    quoted cell that goes on after its closing quote) or one with more cells than the header names is a read
    failure in its place; reading goes on with the next row. A header that names a column the keys read twice is a
    failure for the file. Positions name the line a row starts on. ``name`` is what positions and default ids call
    the input (default: its path).
    """

    def __init__(
        self,
        path: str | Path,
        *,
        keys: KeysArg = None,
        delimiter: str = ",",
        max_cell_chars: int = 64 << 20,
        name: str | None = None,
    ) -> None:
        self.path = Path(path)
        self.name = name
        self.keys = as_key_map(keys)
        self.delimiter = delimiter
        self.max_cell_chars = max_cell_chars

    def __iter__(self) -> Iterator[Item]:
        return noted_when_empty(self._documents(), "rows", path_text(self.name or str(self.path)))

    def _documents(self) -> Iterator[Item]:
        position = path_text(self.name or str(self.path))
        try:
            encoding = self._encoding()
            stream = open_utf8(self.path)
        except (OSError, EOFError, ValueError) as exc:
            yield read_failure(exc, position)
            return
        # The csv module's cell bound is process-wide, so it is only ever raised (to bound memory); this reader's
        # own bound is checked on each row.
        csv.field_size_limit(max(csv.field_size_limit(), self.max_cell_chars))
        with io.TextIOWrapper(stream, encoding=encoding, errors="replace", newline="") as text:
            lines = _Lines(text)
            yield from self._rows(lines, csv.reader(lines, delimiter=self.delimiter, strict=True), position)

    def _rows(self, lines: _Lines, rows: Iterator[list[str]], position: str) -> Iterator[Item]:
        header: list[str] | None = []
        first = 1
        try:
            # Blank lines before the header row (a script's stray newline, an export that starts with one) are
            # skipped as blank rows are: read as the header, they made the whole file "no rows".
            while header == []:
                first = lines.start_row()
                header = next(rows, None)
        except csv.Error as exc:
            message = f"the header row cannot be read: {self._skip_refused(exc, lines, first)}"
            yield read_failure(message, f"{position}:{first}")
            return
        except (OSError, EOFError, ValueError) as exc:  # a truncated or corrupt compressed file
            yield read_failure(f"the header row cannot be read: {exc}", f"{position}:{first}")
            return
        if not header:
            return
        repeated = repeated_column(header, self.keys)
        if repeated is not None:
            yield read_failure(f"the header row {repeated}", f"{position}:{first}")
            return
        label = path_text(self.name or self.path.name)
        row_number = 0
        while True:
            start = lines.start_row()
            try:
                row = next(rows)
            except StopIteration:
                return
            except csv.Error as exc:
                row_number += 1
                message = f"row {row_number} (line {start}): {self._skip_refused(exc, lines, start)}"
                yield read_failure(message, f"{position}:{start}")
                continue
            except (OSError, EOFError, ValueError) as exc:  # a truncated or corrupt compressed file
                yield read_failure(f"input is truncated or corrupt after row {row_number}: {exc}", position)
                return
            row_number += 1
            if any(row):
                where = f"{position}:{start}"
                yield self._item(header, row, f"row {row_number} (line {start})", where, f"{label}:{row_number}")

    def _item(self, header: list[str], row: list[str], row_name: str, where: str, fallback_id: str) -> Item:
        longest, max_cell_chars = max(map(len, row)), self.max_cell_chars
        if longest > max_cell_chars:
            return read_failure(f"{row_name}: a cell of {longest:,} characters exceeds {max_cell_chars=:,}", where)
        if any(row[len(header) :]):
            # An unquoted delimiter split a cell: the cells after it would land in the wrong columns, or be dropped.
            delimiter = "a tab" if self.delimiter == "\t" else f"'{self.delimiter}'"
            message = (
                f"{row_name} has {len(row)} cells where the header names {len(header)} columns: a cell holding"
                f" {delimiter} must be quoted"
            )
            return read_failure(message, where)
        record = {name: cell for name, cell in zip(header, row, strict=False) if cell != ""}
        return document_from_record(record, self.keys, where, fallback_id=fallback_id)

    @staticmethod
    def _skip_refused(error: csv.Error, lines: _Lines, start: int) -> str:
        """Skip the rest of the row starting on line ``start`` that the parser refused (the lines of a quoted cell
        it left open, which are no rows of their own); why it was refused, and which lines it took."""
        if lines.exhausted:  # strict mode's only error at the end of the data: a quoted cell never closed
            opened = lines.open_since or start
            return (
                f"the quoted cell opened on line {opened} is never closed: the rest of the file (lines"
                f" {opened}–{lines.number}) is that one cell, and none of it is read (a quote inside a quoted cell is"
                ' written twice: "")'
            )
        reason = str(error)
        if "expected after" in reason:  # csv's "',' expected after '\"'"
            reason = (
                f"a quoted cell goes on after its closing quote ({reason}): a quote inside a quoted cell is written"
                ' twice ("")'
            )
        lines.skip_open_cell()
        if lines.number > start:
            reason += f"; its quoted cell runs on to line {lines.number}, so lines {start}–{lines.number} are skipped"
        return reason

    def _encoding(self) -> str:
        """UTF-8 when the first 64 KB read as it (a character cut at the end of the sample aside), else the
        Python codec of the encoding detection finds in them."""
        sample = b""
        with open_utf8(self.path) as stream:
            # read1, with the damage of a truncated or corrupt .gz caught: read() raised it for the whole sample, and
            # the rows before the damage, which reading the rows keeps, were lost with the file's one failure
            try:
                while len(sample) < ENCODING_SAMPLE_BYTES and (chunk := stream.read1(ENCODING_SAMPLE_BYTES)):
                    sample += chunk
            except (EOFError, ValueError, OSError):
                pass  # reading the rows meets it again, after the rows before it, and says where
        sample = sample[:ENCODING_SAMPLE_BYTES]
        try:
            sample.decode("utf-8")
        except UnicodeDecodeError as exc:
            if exc.start < len(sample) - 3:
                return codec_for_label(decode_text_dump(sample).encoding) or "utf-8"
        return "utf-8"
