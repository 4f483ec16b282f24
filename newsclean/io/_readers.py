"""Readers: turn dumps on disk into a stream of ``Document`` (or a ``Failure`` for what cannot be read).

Every reader yields items in a fixed order (file order, then line or record order; folders sorted by path), so
the same inputs always give the same stream. A reader never raises for bad data: a malformed line, a missing key,
a truncated archive or an unreadable file becomes a ``Failure`` with ``stage="read"`` in its place, and reading
goes on with the next line or file.

This module picks the reader for each input (``detect_format``, ``open_reader``, ``read_inputs``) and reads
standard input and pipes (``StdinReader``, ``SpooledPipeReader``). The readers of each format have modules of their
own, re-exported here: ``_jsonl_reader`` (JSON Lines and JSON), ``_warc_reader`` (WARC), ``_folder_reader`` (a page
file, a folder of them), ``_csv_reader`` and ``_parquet_reader``; the suffix tables and ``MAX_DOCUMENT_BYTES`` are in
``_formats``.
"""

from __future__ import annotations

import shutil
import stat
import sys
import tempfile
from collections.abc import Iterable, Iterator, Sequence
from pathlib import Path
from typing import Literal

from .._decode import decode_text_dump
from .._pipeline import Document
from ._csv_reader import CsvReader
from ._folder_reader import FileReader, FolderReader
from ._formats import (
    CSV_DELIMITERS,
    JSONL_SUFFIXES,
    MAX_DOCUMENT_BYTES,
    PARQUET_SUFFIXES,
    TEXT_SUFFIXES,
    WARC_SUFFIXES,
)
from ._jsonl_reader import JsonlReader
from ._keys import KeysArg
from ._open import base_suffix, open_binary
from ._parquet_reader import ParquetReader
from ._records import Item, read_failure
from ._warc_reader import WarcReader

__all__ = [
    "CSV_DELIMITERS",
    "JSONL_SUFFIXES",
    "MAX_DOCUMENT_BYTES",
    "PARQUET_SUFFIXES",
    "TEXT_SUFFIXES",
    "WARC_SUFFIXES",
    "FileReader",
    "FolderReader",
    "InputFormat",
    "JsonlReader",
    "Reader",
    "SpooledPipeReader",
    "StdinReader",
    "WarcReader",
    "count_documents",
    "count_items",
    "detect_format",
    "open_reader",
    "read_inputs",
]

InputFormat = Literal["auto", "jsonl", "csv", "warc", "parquet", "html", "text", "folder"]


def detect_format(path: str) -> InputFormat:
    """What kind of input ``path`` is, from the file system and its extension (compression suffixes ignored)."""
    if path == "-":
        return "html"
    candidate = Path(path)
    if candidate.is_dir():
        return "folder"
    suffix = base_suffix(candidate)
    if suffix in JSONL_SUFFIXES:
        return "jsonl"
    if suffix in WARC_SUFFIXES:
        return "warc"
    if suffix in PARQUET_SUFFIXES:
        return "parquet"
    if suffix in CSV_DELIMITERS:
        return "csv"
    if suffix in TEXT_SUFFIXES:
        return "text"
    return "html"


class StdinReader:
    """Standard input as one document: HTML unless ``text``; more than ``max_document_bytes`` is rejected."""

    def __init__(self, *, text: bool = False, max_document_bytes: int = MAX_DOCUMENT_BYTES) -> None:
        self.text = text
        self.max_document_bytes = max_document_bytes

    def __iter__(self) -> Iterator[Item]:
        if sys.stdin is None:  # started with standard input closed (``<&-``, a daemon): Python has no stream
            yield read_failure("standard input is closed: there is nothing to read from '-'", "-", source_id="-")
            return
        try:
            data = sys.stdin.buffer.read(self.max_document_bytes + 1)
        except OSError as exc:  # a terminal gone, a socket reset: one failure, as any other unreadable input
            yield read_failure(exc, "-", source_id="-")
            return
        if len(data) > self.max_document_bytes:
            yield read_failure(f"standard input exceeds max_document_bytes={self.max_document_bytes:,}", "-")
            return
        if self.text:
            text = decode_text_dump(data)
            yield Document(
                text=text.text, encoding=text.encoding, encoding_source=text.source, source_id="-", position="-"
            )
        else:
            yield Document(html=data, source_id="-", position="-")


_COMPRESSION_MAGIC = ((b"\x1f\x8b", ".gz"), (b"\x28\xb5\x2f\xfd", ".zst"))


class SpooledPipeReader:
    """Standard input, or a pipe (``/dev/stdin``, a FIFO, a shell's ``<(zcat dump.gz)``: ``source``), holding a
    dump of records (``kind``: JSON Lines, CSV, WARC, Parquet), copied to a temporary file that the reader of that
    kind reads (CSV's encoding is sampled before its rows are read, a JSON document whose records span lines is
    read twice, and Parquet keeps its index at the end: a pipe read twice loses what the first read took), then
    deleted. Gzip and zstd input is known by its magic bytes, and CSV whose header row has tabs and no commas is
    TSV. Positions and default ids name the input ``-``, or the pipe's path."""

    def __init__(self, kind: InputFormat, *, keys: KeysArg = None, source: str | None = None) -> None:
        self.kind = kind
        self.keys = keys
        self.source = source

    def __iter__(self) -> Iterator[Item]:
        name = self.source or "-"
        with tempfile.TemporaryDirectory(prefix="newsclean-stdin-") as folder:
            if self.source is None and sys.stdin is None:
                yield read_failure("standard input is closed: there is nothing to read from '-'", name)
                return
            try:
                source = sys.stdin.buffer if self.source is None else Path(self.source).open("rb")  # noqa: SIM115
            except OSError as exc:
                yield read_failure(exc, name)
                return
            try:
                head = source.read(4)
                compressed = next((suffix for magic, suffix in _COMPRESSION_MAGIC if head.startswith(magic)), "")
                suffix = {"jsonl": ".jsonl", "csv": ".csv", "warc": ".warc", "parquet": ".parquet"}[self.kind]
                if self.kind == "csv" and not compressed:
                    head += source.readline(1 << 20)  # the header row: tab-separated when it has tabs and no commas
                    suffix = ".tsv" if b"\t" in head and b"," not in head else suffix
                spooled = Path(folder) / f"stdin{suffix}{'' if self.kind == 'warc' else compressed}"
                with spooled.open("wb") as sink:
                    sink.write(head)
                    shutil.copyfileobj(source, sink, 1 << 20)
                if self.kind == "csv" and compressed:
                    spooled = _as_tsv_if_tabbed(spooled, compressed)
            except OSError as exc:
                yield read_failure(f"{name} cannot be spooled to a temporary file: {exc}", name)
                return
            finally:
                if self.source is not None:
                    source.close()
            yield from _record_reader(str(spooled), self.kind, keys=self.keys, name=name)


def _as_tsv_if_tabbed(spooled: Path, compressed: str) -> Path:
    """A spooled compressed CSV renamed ``.tsv`` when its header row has tabs and no commas."""
    try:
        with open_binary(spooled) as stream:
            header = stream.readline(1 << 20)
    except (OSError, EOFError, ValueError):
        return spooled  # the CSV reader says what is wrong with it
    if b"\t" not in header or b"," in header:
        return spooled
    return spooled.rename(spooled.with_name(f"stdin.tsv{compressed}"))


def _is_pipe(path: str) -> bool:
    """Whether ``path`` is a pipe or a character device (``/dev/stdin``, a FIFO, ``<(…)``): it can be read once."""
    try:
        mode = Path(path).stat().st_mode
    except (OSError, ValueError):
        return False
    return stat.S_ISFIFO(mode) or stat.S_ISCHR(mode)


Reader = (
    JsonlReader | CsvReader | ParquetReader | FileReader | FolderReader | WarcReader | StdinReader | SpooledPipeReader
)


def open_reader(
    path: str,
    *,
    keys: KeysArg = None,
    input_format: InputFormat = "auto",
    text: bool | None = None,
) -> Reader:
    """The reader for one input path, by ``input_format`` or, with ``"auto"``, by ``detect_format``."""
    kind = detect_format(path) if input_format == "auto" else input_format
    # ``--format text`` and ``--format html`` say how a page is read, whatever its suffix (``text`` forces text
    # too); "auto" leaves it to each file's suffix.
    if kind == "text":
        text = True
    elif input_format == "html" and text is None:
        text = False
    if path == "-":
        return SpooledPipeReader(kind, keys=keys) if kind in _RECORD_KINDS else StdinReader(text=bool(text))
    if kind in _RECORD_KINDS and _is_pipe(path):
        return SpooledPipeReader(kind, keys=keys, source=path)
    if kind == "folder" or (kind in {"html", "text"} and Path(path).is_dir()):
        return FolderReader(path, text=text)  # a folder of pages, to read as the format says
    if kind in _RECORD_KINDS:
        return _record_reader(path, kind, keys=keys)
    return FileReader(path, text=text)


_RECORD_KINDS = frozenset({"jsonl", "csv", "warc", "parquet"})


def _record_reader(
    path: str, kind: InputFormat, *, keys: KeysArg, name: str | None = None
) -> JsonlReader | CsvReader | WarcReader | ParquetReader:
    if kind == "warc":
        return WarcReader(path, name=name)
    if kind == "parquet":
        return ParquetReader(path, keys=keys, name=name)
    if kind == "csv":
        delimiter = CSV_DELIMITERS.get(base_suffix(Path(path)), ",")
        return CsvReader(path, keys=keys, delimiter=delimiter, name=name)
    return JsonlReader(path, keys=keys, name=name)


def read_inputs(
    paths: Iterable[str],
    *,
    keys: KeysArg = None,
    input_format: InputFormat = "auto",
    text: bool | None = None,
) -> Iterator[Item]:
    """All inputs, one after another, in the order given."""
    for path in paths:
        yield from open_reader(path, keys=keys, input_format=input_format, text=text)


def count_documents(paths: Iterable[str], *, input_format: InputFormat = "auto") -> int | None:
    """How many items ``read_inputs`` will yield, when that is cheap to know (files, folders, Parquet)."""
    return count_items([open_reader(path, input_format=input_format) for path in paths])


def count_items(readers: Sequence[Reader]) -> int | None:
    """How many items ``readers`` will yield, when that is cheap to know (files, folders, Parquet); reading them
    afterwards lists each folder no second time."""
    total = 0
    for reader in readers:
        try:
            if isinstance(reader, FileReader):
                total += 1
            elif isinstance(reader, FolderReader):
                files = reader.files()
                if not files:  # not a folder, or one without pages: one failure, or none
                    return None
                total += len(files)
            elif isinstance(reader, ParquetReader):
                total += reader.count()
            else:  # records a line or a row at a time, or standard input: known only once read
                return None
        except Exception:  # unreadable, or pyarrow missing or refusing it: the reader will say so
            return None
    return total
