"""Readers: turn dumps on disk into a stream of ``Document`` (or a ``Failure`` for what cannot be read).

Every reader yields items in a fixed order (file order, then line or record order; folders sorted by path), so
the same inputs always give the same stream. A reader never raises for bad data: a malformed line, a missing key,
a truncated archive or an unreadable file becomes a ``Failure`` with ``stage="read"`` in its place, and reading
goes on with the next line or file.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import stat
import sys
import tempfile
from collections.abc import Callable, Generator, Iterable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Any, Literal, NamedTuple
from urllib.parse import urlsplit

import msgspec

from .._decode import decode_html, decode_text_dump
from .._exceptions import FetchError
from .._models import Failure
from .._pipeline import Document
from ..fetch._content import check_interstitial, looks_like_html
from ..fetch._options import HTML_CONTENT_TYPES
from ._csv_reader import CsvReader
from ._http_payload import PayloadError, page_bytes
from ._json_records import Member, ObjectLayout, RecordProblem, json_records, object_layout
from ._keys import KeysArg, as_key_map, json_kind
from ._line_ends import JsonLines
from ._open import base_suffix, compression_of, open_binary, open_utf8
from ._parquet_reader import ParquetReader
from ._records import Item, document_from_record, path_text, read_failure
from ._warc_digest import block_digest
from ._warc_framing import (
    block_start,
    gzip_block_head,
    gzip_damage,
    is_gzip,
    member_damage,
    next_gzip_record_start,
    next_record_start,
    opens_gzip_record,
    record_inside,
)
from ._warc_framing import record_end as warc_record_end

InputFormat = Literal["auto", "jsonl", "csv", "warc", "parquet", "html", "text", "folder"]

HTML_SUFFIXES = frozenset({".html", ".htm", ".xhtml"})
TEXT_SUFFIXES = frozenset({".txt", ".text", ".md", ".markdown"})
JSONL_SUFFIXES = frozenset({".jsonl", ".ndjson", ".json", ".jl"})
PARQUET_SUFFIXES = frozenset({".parquet", ".pq"})
#: The delimiter of each table-of-text suffix.
CSV_DELIMITERS = {".csv": ",", ".tsv": "\t", ".tab": "\t"}
# Common Crawl's WET files (``*.warc.wet.gz``) are WARCs of the pages' text.
WARC_SUFFIXES = frozenset({".warc", ".arc", ".wet"})
#: Files of records (never a page, whatever their first bytes look like).
RECORD_SUFFIXES = JSONL_SUFFIXES | WARC_SUFFIXES | PARQUET_SUFFIXES | frozenset(CSV_DELIMITERS)
#: Folder files that are documents by their suffix (Markdown too: crawlers that write Markdown save a folder of
#: `.md` pages); other files are documents when they start as HTML (`_starts_as_html`), images and CSS are not.
FOLDER_SUFFIXES = HTML_SUFFIXES | TEXT_SUFFIXES
#: The most bytes one document may take in memory while it is read (a JSONL line, a file, a WARC record, stdin).
#: A larger one is rejected unread past that point: a 10 GB ``page.html.gz`` is not decompressed into memory only
#: for the pipeline's ``Limits.max_bytes`` (10 MiB by default) to refuse it.
MAX_DOCUMENT_BYTES = 64 << 20
#: How much of a JSON document whose records span lines is read at a time.
JSON_CHUNK_BYTES = 1 << 20


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


class JsonlReader:
    """JSON Lines (plain, ``.gz`` or ``.zst``), one page or text per line, fields chosen by a ``KeyMap``.

    A JSON array of records is read too: line by line when each record sits on a line of its own (Scrapy's
    ``-o items.json``: ``[``, then one record a line, each but the last followed by a comma, then ``]``), and
    record by record when records span several lines (``json.dump(..., indent=2)``), as are objects written over
    several lines one after another, and the records of a wrapper object's one list of records
    (``{"articles": [...]}``). Lines end with LF, CRLF or CR alone (``_line_ends``); a line of several objects
    one after another gives a record each, numbered within the line (``dump.jsonl:3#2``). A line that is a wrapper
    object gives its list's records (``dump.jsonl:3["articles"][0]``), and a line that is an array of objects its
    elements (``dump.jsonl:3[0]``), a first line too when lines follow it.

    ``max_line_bytes`` bounds the memory one line, or one record spread over lines, may take: a longer one is
    skipped and rejected. ``name`` is what positions and default ids call the input (default: its path).
    """

    def __init__(
        self,
        path: str | Path,
        *,
        keys: KeysArg = None,
        max_line_bytes: int = MAX_DOCUMENT_BYTES,
        name: str | None = None,
    ) -> None:
        self.path = Path(path)
        self.keys = as_key_map(keys)
        self.max_line_bytes = max_line_bytes
        self.name = name
        self._label = path_text(name or self.path.name)  # default ids: the input's name and the line
        self._decoder = msgspec.json.Decoder()
        # The top-level fields a record's page or text comes from: an object without them may wrap the records,
        # unless it has an id or URL of its own.
        self._content_fields, _ = self.keys.columns()
        self._identity_fields = self.keys.identity_fields()

    def __iter__(self) -> Iterator[Item]:
        position = path_text(self.name or str(self.path))
        try:
            stream = open_utf8(self.path)
        except OSError as exc:
            yield read_failure(exc, position)
            return
        line_number = 0
        in_array: bool | None = None  # known from the first line with content
        checked = False  # whether the first record stands on one line
        with stream:
            lines = JsonLines(stream)
            try:
                while True:
                    line = lines.readline(self.max_line_bytes + 1)
                    if not line:
                        break
                    line_number += 1
                    where = f"{position}:{line_number}"
                    if len(line) > self.max_line_bytes and not lines.ended(line):
                        if in_array is None and line.lstrip().startswith(b"["):  # an array on one long line
                            yield from self._spread_records(position)
                            return
                        while line and not lines.ended(line):  # skip the rest of the oversized line
                            line = lines.readline(self.max_line_bytes)
                        yield read_failure(f"line exceeds max_line_bytes={self.max_line_bytes:,}", where)
                        continue
                    if not line.strip():
                        continue
                    first = in_array is None
                    if in_array is None:
                        in_array = line.lstrip().startswith(b"[") and not self._array_line(line, lines.ended(line))
                    value = _array_element(line, first=first) if in_array else line
                    if value is None:
                        continue
                    if not checked:
                        checked = True
                        # A record spread over several lines opens with a brace alone on its line, and an array
                        # written on one line (json.dump, pandas' to_json) holds several records on its first;
                        # a wrapper object on one line holds them in a list member. Any other line that does not
                        # parse is one bad record, rejected as such.
                        if value.strip() == b"{" or (in_array and not self._one_value(value)):
                            yield from self._spread_records(position)
                            return
                        if not in_array and self._may_wrap_records(value):
                            layout = self._wrapper_layout(position)
                            if layout is not None and self._wrapper_stands(value, layout, lines.ended(line)):
                                yield from self._wrapper_items(position, layout)
                                return
                    if in_array:
                        yield from self._items(value, where, f"{self._label}:{line_number}", "line", self._value_items)
                    else:
                        yield from self._line_items(value, where, f"{self._label}:{line_number}")
            except (OSError, EOFError, ValueError) as exc:  # truncated or corrupt compressed stream (see _open)
                if line_number == 0:
                    # Damage inside the first line, which a readline loses whole: a wrapper or an array on one line
                    # is scanned a record at a time, which reads the records before the damage.
                    yield from self._spread_records(position)
                    return
                yield read_failure(
                    f"input is truncated or corrupt after line {line_number}: {exc}",
                    f"{position}:{line_number + 1}",
                )

    def _spread_records(self, position: str) -> Iterator[Item]:
        """The records of a JSON document whose records span lines, scanned one at a time, each within
        ``max_line_bytes`` (``_json_records``): an array of them, objects one after another, or the one list of
        objects of a wrapper object (``_wrapped_records``)."""
        layout = self._wrapper_layout(position)
        if layout is not None and not (isinstance(layout, ObjectLayout) and layout.followed):
            yield from self._wrapper_items(position, layout)
        else:  # (objects one after another, a wrapper among them read as any value is)
            yield from self._records(position, 0, position, self._label)

    def _wrapper_items(self, position: str, layout: ObjectLayout | Failure) -> Iterator[Item]:
        """The items of a wrapper object with a list of records: the records of its one such list, or one failure
        when it has several (which holds the records is not known) or cannot be read."""
        if isinstance(layout, Failure):
            yield layout
            return
        wrapped = [member for member in layout.members if member.lists_records]
        if len(wrapped) == 1:
            yield from self._wrapped_records(position, layout, wrapped[0])
        else:
            yield _ambiguous_wrapper([member.key for member in wrapped], position, path_text(self.path.name))

    def _wrapper_layout(self, position: str) -> ObjectLayout | Failure | None:
        """The members of the document when it is a wrapper object with a list of records (``object_layout``),
        the failure to open it, or None."""
        try:
            with open_utf8(self.path) as stream:
                layout = object_layout(
                    _until_damaged(stream), record_keys=self._content_fields, identity_keys=self._identity_fields
                )
        except OSError as exc:
            return read_failure(exc, position)
        if layout is None or not any(member.lists_records for member in layout.members):
            return None
        return layout

    def _wrapped_records(self, position: str, layout: ObjectLayout, member: Member) -> Iterator[Item]:
        """The records of a wrapper object's one list of records (``{"status": "ok", "articles": [...]}``), each
        named by the list's key and its index: ``dump.json["articles"][3]``."""
        step = f"[{json.dumps(member.key, ensure_ascii=False)}]"
        yield from self._records(position, member.start, f"{position}{step}", f"{self._label}{step}")
        if layout.problem is not None and layout.problem_in != member.start:
            # What is wrong lies outside the list read (cut short, or damaged, after it), where its reading sees none.
            yield read_failure(layout.problem, position)

    def _records(self, position: str, start: int, where: str, label: str) -> Iterator[Item]:
        """The records ``json_records`` finds in the file from byte ``start``, positions and default ids numbered
        by index after ``where`` and ``label``."""
        try:
            stream = open_utf8(self.path)
        except OSError as exc:
            yield read_failure(exc, position)
            return
        index = 0
        with stream:
            # read1: a read that fills its size over several reads of a damaged .gz loses what it had read
            chunks = iter(lambda: stream.read1(JSON_CHUNK_BYTES), b"")
            try:
                for record in json_records(chunks, max_record_bytes=self.max_line_bytes, start=start):
                    if isinstance(record, RecordProblem):
                        yield read_failure(record.message, f"{where}[{index}]")
                    else:
                        # (a wrapper's records are records, each of them: never wrappers in turn)
                        read = self._record_items if start else self._value_items
                        yield from self._items(record, f"{where}[{index}]", f"{label}[{index}]", "element", read)
                    index += 1
            except (OSError, EOFError, ValueError) as exc:  # truncated or corrupt compressed stream (see _open)
                yield read_failure(f"input is truncated or corrupt after record {index}: {exc}", f"{where}[{index}]")

    def _one_value(self, data: bytes) -> bool:
        try:
            self._decoder.decode(data)
        except _NOT_JSON:
            return False
        return True

    def _array_line(self, line: bytes, ended: bool) -> bool:
        """Whether the first line, which opens with "[", is a JSON array whole on its line with lines after it: JSON
        Lines whose first line is an array of records, not a JSON array (``json.dump(records, f)`` and a newline,
        Scrapy's ``[`` alone, a record spread over lines). Read as an array, the lines after it were one failure."""
        return ended and not self._nothing_after_first_line() and self._one_value(line)

    def _may_wrap_records(self, line: bytes) -> bool:
        """Whether the first line is a wrapper object (``_wrapped_lists``), or an object that does not parse
        (damaged, cut short, or the first line of a wrapper written over several): its records are read as the
        whole file's when it is the whole file (``_wrapper_layout``, ``_wrapper_stands``)."""
        try:
            record = self._decoder.decode(line)
        except _NOT_JSON:
            return line.lstrip().startswith(b"{")
        return self._wrapped_lists(record) is not None

    def _wrapped_lists(self, value: Any) -> list[str] | None:
        """The keys of the lists of records of a wrapper object: an object with no page, text, id or URL field of
        its own (``{"status": "ok", "articles": [...]}``) and a list of records; None for any other value. A
        record's list of comments or links (objects with no page or text field) holds no records, and an object
        with an id or URL is a record, whatever its lists hold: read as wrappers, their parts were articles."""
        if not isinstance(value, dict):
            return None
        if not (self._content_fields.isdisjoint(value) and self._identity_fields.isdisjoint(value)):
            return None
        return self._record_lists(value) or None

    def _record_lists(self, record: dict[str, Any]) -> list[str]:
        """The keys of ``record``'s lists that hold records: an object among their elements has a page or text."""
        return [
            key
            for key, value in record.items()
            if isinstance(value, list)
            and any(isinstance(element, dict) and not self._content_fields.isdisjoint(element) for element in value)
        ]

    def _wrapper_stands(self, line: bytes, layout: ObjectLayout | Failure, ended: bool) -> bool:
        """Whether the wrapper ``layout`` found is what the file holds, its first line being ``line``. A bad first
        line of JSON Lines is not the start of a wrapper that is never closed (``{"a": [`` would take every line
        after it into its list) unless it is the file's only line: a wrapper written on one line and cut short.
        A wrapper whose object closes at the end of the file is one, whatever its first line (damage in one of its
        records, or a newline put in it, made every record a malformed line). A wrapper that more follows is one
        only when its line is no JSON Lines' line (``_line_items``) either: a wrapper damaged after its list."""
        if isinstance(layout, Failure) or layout.complete:
            return True
        if layout.followed and (self._one_value(line) or self._split_line(line) is not None):
            return False
        return not ended or self._nothing_after_first_line()

    def _nothing_after_first_line(self) -> bool:
        """Whether the file's first line is followed by blank lines alone (``{…}\\n``, as ``jq -c`` or an API's
        answer saved with a newline ends): the line is then the whole document, which may be a wrapper object."""
        try:
            with open_utf8(self.path) as stream:
                lines = JsonLines(stream)
                first = lines.readline(self.max_line_bytes + 1)
                while first and not lines.ended(first):
                    first = lines.readline(self.max_line_bytes)
                while line := lines.readline(self.max_line_bytes):
                    if line.strip():
                        return False
        except (OSError, EOFError, ValueError):
            return False
        return True

    def _line_items(self, line: bytes, where: str, fallback_id: str) -> Iterator[Item]:
        """The line's records (``_line_value_items``); or, for a line that is several JSON values one after another
        (``{…}{…}``, as a writer that forgot the newline joins them), each value's, numbered within the line:
        ``dump.jsonl:3#1``, ``dump.jsonl:3#2``. A line that is a wrapper object and then what is no JSON value
        gives the wrapper's records and a failure for the rest (its records, each whole, were lost with it); a line
        that is anything else stays one malformed line (a record before a damaged byte may be cut short)."""
        record = self._decoded(line, where, "line")
        if not isinstance(record, Failure):
            yield from self._line_value_items(record, where, fallback_id, "line")
            return
        split = self._split_line(line)
        if split is None:
            yield record
        elif split.wrapper is None:
            for number, value in enumerate(split.values, 1):
                yield from self._items(
                    value, f"{where}#{number}", f"{fallback_id}#{number}", "value", self._line_value_items
                )
        else:
            yield from self._value_items(split.wrapper, where, fallback_id, "line")
            yield _data_after_wrapper(line, split.values[0], where)

    def _split_line(self, line: bytes) -> _LineSplit | None:
        """How a line that does not parse as one value is read: as several JSON values, or as the wrapper object it
        opens with and what is no value after it; None when it is one malformed line."""
        values = _line_values(line)
        whole = [value for value in values if isinstance(value, bytes)]
        if len(values) > 1 and len(whole) == len(values):
            return _LineSplit(whole)
        if len(values) > 1 and isinstance(values[0], bytes):
            wrapper = self._wrapper_value(values[0])
            if wrapper is not None:
                return _LineSplit([values[0]], wrapper)
        return None

    def _wrapper_value(self, data: bytes) -> Any:
        """The wrapper object (``_wrapped_lists``) ``data`` is, decoded; else None."""
        try:
            value = self._decoder.decode(data)
        except _NOT_JSON:
            return None
        return value if self._wrapped_lists(value) is not None else None

    def _items(self, data: bytes, where: str, fallback_id: str, unit: str, read: _ValueReader) -> Iterator[Item]:
        """The records ``read`` finds in the JSON value ``data``, or the failure to decode it."""
        record = self._decoded(data, where, unit)
        if isinstance(record, Failure):
            yield record
        else:
            yield from read(record, where, fallback_id, unit)

    def _record_items(self, value: Any, where: str, fallback_id: str, unit: str) -> Iterator[Item]:
        """The one record a JSON value is (or the failure to read it as one)."""
        yield self._from_record(value, where, fallback_id, unit)

    def _line_value_items(self, value: Any, where: str, fallback_id: str, unit: str) -> Iterator[Item]:
        """The records of a value of a line of JSON Lines: those of an array of objects, each in its place
        (``dump.jsonl:3[0]``: a batch of records written as a line), else ``_value_items``'s. An array with no
        object in it (``[]``, ``[1, 2]``) is no batch of records, and stays one failure."""
        if isinstance(value, list) and any(isinstance(element, dict) for element in value):
            for index, element in enumerate(value):
                yield from self._value_items(element, f"{where}[{index}]", f"{fallback_id}[{index}]", "element")
        else:
            yield from self._value_items(value, where, fallback_id, unit)

    def _value_items(self, value: Any, where: str, fallback_id: str, unit: str) -> Iterator[Item]:
        """The records of a JSON value where a record stands: itself, or, for a wrapper object
        (``_wrapped_lists``), its list's records named by the list's key and index (``dump.jsonl:3["articles"][0]``),
        or one failure when it has several lists of records."""
        lists = self._wrapped_lists(value)
        if lists is None:
            yield self._from_record(value, where, fallback_id, unit)
        elif len(lists) > 1:
            yield _ambiguous_wrapper(lists, where, path_text(self.path.name))
        else:
            step = f"[{json.dumps(lists[0], ensure_ascii=False)}]"
            for index, element in enumerate(value[lists[0]]):
                yield self._from_record(element, f"{where}{step}[{index}]", f"{fallback_id}{step}[{index}]", "element")

    def _decoded(self, data: bytes, where: str, unit: str) -> Any:
        """The JSON value of ``data``, or the ``Failure`` that says why it has none."""
        try:
            data.decode("utf-8")
        except UnicodeDecodeError as exc:
            return read_failure(
                f"{unit} is not valid UTF-8 (byte {exc.start}: {data[exc.start : exc.start + 1]!r})", where
            )
        try:
            return self._decoder.decode(data)
        except RecursionError:
            return read_failure(f"{unit} nests JSON arrays or objects too deeply to be read", where)
        except msgspec.DecodeError as exc:
            record = _with_lone_surrogates(data) if "surrogate" in str(exc) else None
            if record is None:
                return read_failure(f"malformed JSON: {exc}", where)
            return record

    def _from_record(self, record: Any, where: str, fallback_id: str, unit: str) -> Item:
        if not isinstance(record, dict):
            return read_failure(f"{unit} is a JSON {json_kind(record)}, not an object", where)
        item = document_from_record(record, self.keys, where, fallback_id=fallback_id)
        if isinstance(item, Failure) and item.error == "MissingKey" and not self._identity_fields.isdisjoint(record):
            lists = self._record_lists(record)
            if lists:
                # An object with an id or URL is a record, not a wrapper: said, in case its list is what to read.
                key = json.dumps(lists[0], ensure_ascii=False)
                hint = (
                    f"; its list {key} holds objects with a page or text, but an object with an id or URL of its"
                    " own is read as one record: to read the list's objects as records,"
                    f" jq -c '{_jq_path(lists[0])}[]' {path_text(self.path.name)} > records.jsonl"
                )
                item = msgspec.structs.replace(item, message=item.message + hint)
        return item


class _LineSplit(NamedTuple):
    """A line read as several JSON values (``values``), or as the wrapper object it opens with (``wrapper``,
    decoded; ``values`` holds its bytes) followed by what is no value."""

    values: list[bytes]
    wrapper: Any = None


#: How the records of a decoded JSON value are found: given the value, its position, its default id and what it is.
_ValueReader = Callable[[Any, str, str, str], Iterator[Item]]

#: What msgspec raises for bytes it cannot read as JSON: malformed JSON, a string that is not UTF-8 (a
#: ``UnicodeDecodeError``, not a ``DecodeError``), and arrays or objects nested past its depth limit (a
#: ``RecursionError``). Out of a check of the first line, either ended the reading of the whole file.
_NOT_JSON = (msgspec.DecodeError, UnicodeDecodeError, RecursionError)


def _until_damaged(stream: IO[bytes]) -> Iterator[bytes]:
    """The chunks of ``stream`` up to damage to its compression, if any (truncated, corrupt): a wrapper's layout is
    what comes before it (and reading its records says where it is); given up at it, a damaged .gz's records were
    read as one bad line."""
    while True:
        try:
            chunk = stream.read1(JSON_CHUNK_BYTES)  # type: ignore[attr-defined]
        except (EOFError, ValueError, OSError):
            return
        if not chunk:
            return
        yield chunk


#: What JSON takes for blanks between values.
_JSON_BLANKS = b" \t\r\n"


def _line_values(line: bytes) -> list[bytes | RecordProblem]:
    """The JSON objects or arrays of a line that does not parse as one value, one after another, each cut out whole
    (``json_records``), and a problem for what is no value among them; none for a line that opens with no object."""
    if not line.lstrip().startswith(b"{"):
        return []
    return list(json_records([line], max_record_bytes=len(line)))


def _data_after_wrapper(line: bytes, wrapper: bytes, where: str) -> Failure:
    """The failure for what follows the wrapper object a line opens with (``wrapper``, its bytes), which is no
    JSON value: named by the byte of the line it starts at."""
    rest = line.lstrip(_JSON_BLANKS)[len(wrapper) :]
    at = len(line) - len(rest.lstrip(_JSON_BLANKS))
    shown = rest.strip(_JSON_BLANKS)[:40].decode("utf-8", "replace")
    return read_failure(f"data after the JSON object around the records, at byte {at:,} of the line: {shown!r}", where)


def _jq_path(key: str) -> str:
    """How jq names a member ``key`` of the top object: ``.articles``, or ``.["two words"]``."""
    return f".{key}" if re.fullmatch(r"[A-Za-z_][A-Za-z0-9_]*", key) else f".[{json.dumps(key)}]"


def _ambiguous_wrapper(keys: list[str], position: str, name: str) -> Failure:
    """The failure for a wrapper object with several lists of records: which holds the records is not known."""
    shown = ", ".join(json.dumps(key, ensure_ascii=False) for key in keys)
    message = (
        f"the JSON object holds {len(keys)} lists of records ({shown}), so which one holds the records is not"
        f" known: write the one to read as JSON Lines and clean that, e.g. jq -c '{_jq_path(keys[0])}[]' {name}"
        " > records.jsonl"
    )
    return Failure(stage="read", error="AmbiguousRecordList", message=message, position=position)


def _with_lone_surrogates(data: bytes) -> Any:
    """A JSON value whose strings hold an escaped lone surrogate (``"\\ud83d"``: half an emoji, cut off by
    JavaScript's ``substring`` and written so by ``JSON.stringify``, as a headless-browser crawler's dump has them),
    each such surrogate read as U+FFFD; None when it is not JSON all the same. msgspec refuses the whole record for
    one, so a page was rejected as malformed JSON for a character of its description."""
    try:
        value = json.loads(data, parse_constant=_no_constant)
        return _without_surrogates(value)
    except (ValueError, RecursionError):
        return None


def _no_constant(name: str) -> Any:
    raise ValueError(f"{name} is not JSON")  # NaN and Infinity, which msgspec refuses too


_SURROGATE = re.compile("[\ud800-\udfff]")


def _without_surrogates(value: Any) -> Any:
    if isinstance(value, str):
        return _SURROGATE.sub("\ufffd", value)
    if isinstance(value, list):
        return [_without_surrogates(item) for item in value]
    if isinstance(value, dict):
        return {_without_surrogates(key): _without_surrogates(item) for key, item in value.items()}
    return value


def _array_element(line: bytes, *, first: bool) -> bytes | None:
    """One record's line of a JSON array written a record a line: without the array's brackets and the comma after
    it; None for a line of brackets only."""
    value = line.strip()
    if first:
        value = value[1:].lstrip()
    if value.endswith(b","):
        value = value[:-1].rstrip()
    if value.endswith(b"]") and (value == b"]" or value[:-1].rstrip().endswith(b"}")):
        value = value[:-1].rstrip()
    return value or None


class FileReader:
    """One file: an HTML page (any suffix but ``.txt``) or a plain-text dump (``.txt``, or ``text=True``).

    A file of more than ``max_document_bytes`` (decompressed) is rejected; reading stops there.
    """

    def __init__(
        self,
        path: str | Path,
        *,
        text: bool | None = None,
        source_id: str | None = None,
        max_document_bytes: int = MAX_DOCUMENT_BYTES,
    ) -> None:
        self.path = Path(path)
        self.text = base_suffix(self.path) in TEXT_SUFFIXES if text is None else text
        self.source_id = source_id or path_text(self.path.name)
        self.max_document_bytes = max_document_bytes

    def __iter__(self) -> Iterator[Item]:
        position = path_text(str(self.path))
        try:
            with open_binary(self.path) as stream:
                data = stream.read(self.max_document_bytes + 1)
        except FileNotFoundError as exc:
            if self.path.is_symlink():
                # The error names the link, which is there, as "no such file": what is missing is what it points to.
                message = f"link to a file that does not exist: {position} -> {_link_target(self.path)}"
                yield _failure_of(exc, message, position, source_id=self.source_id)
            else:
                yield read_failure(exc, position, source_id=self.source_id)
            return
        except (OSError, EOFError, ValueError) as exc:
            yield read_failure(exc, position, source_id=self.source_id)
            return
        if len(data) > self.max_document_bytes:
            message = f"file exceeds max_document_bytes={self.max_document_bytes:,} (read no further)"
            yield read_failure(message, position, source_id=self.source_id)
            return
        compressed = _still_compressed(data)
        if compressed is not None:
            yield read_failure(f"{path_text(self.path.name)} {compressed}", position, source_id=self.source_id)
            return
        if self.text:
            text = decode_text_dump(data)
            yield Document(
                text=text.text,
                encoding=text.encoding,
                encoding_source=text.source,
                source_id=self.source_id,
                position=position,
            )
        else:
            yield Document(html=data, source_id=self.source_id, position=position)


#: Compressed data by its magic bytes. A page still compressed (a ``.bz2``, or a gzip body that curl saved as
#: ``page.html`` without ``--compressed``) was refused as "input looks binary", which does not say what to do.
_COMPRESSED_MAGIC = (
    (b"\x1f\x8b", "gzip", ".gz"),
    (b"\x28\xb5\x2f\xfd", "zstd", ".zst"),
    (b"BZh", "bzip2", None),
    (b"\xfd7zXZ\x00", "xz", None),
    (b"\x04\x22\x4d\x18", "LZ4", None),
)


def _still_compressed(data: bytes) -> str | None:
    """What to say of a file's bytes that are compressed data (after any decompression its suffix asked for), or
    None when they are not."""
    for magic, name, suffix in _COMPRESSED_MAGIC:
        if data.startswith(magic) and (name != "bzip2" or data[3:4].isdigit()):  # "BZh" and a block size
            if suffix is not None:
                return f"is {name}-compressed but its name does not end in {suffix}: rename it, or decompress it"
            return f"is {name}-compressed, which is not read: decompress it (or recompress it with gzip)"
    return None


class FolderReader:
    """Every ``.html``/``.htm``/``.xhtml``/``.txt`` file under a folder, recursively, sorted by relative path, and
    every other uncompressed file that starts as HTML: a mirror saves pages under their URL's name
    (``news/2023/story``, ``article.php``), and those are pages too.

    Hidden files and folders (names starting with ``.``) are skipped. Links to folders outside it are followed,
    each such folder read once; a link to a folder inside it is not (its pages are read under their own path). A
    folder below it that cannot be listed (no permission, a path too long) is one read failure in its place. The
    source id is the relative path (``path_text``: a byte of a name that is not UTF-8 written ``\\xNN``).
    """

    def __init__(self, path: str | Path, *, text: bool | None = None) -> None:
        self.path = Path(path)
        self.text = text
        self._files: list[Path] | None = None
        self._walked: _Walk | None = None

    def files(self) -> list[Path]:
        """The files it reads, listed once (a count of them and the reading share one listing: each file of no
        page suffix is opened to see whether it starts as HTML), and the folders below it that cannot be listed:
        each is one item, a read failure."""
        if self._files is None:
            self._files = self._list()
        return self._files

    def _walk(self) -> _Walk:
        if self._walked is None:
            self._walked = _walk(self.path)
        return self._walked

    def _list(self) -> list[Path]:
        walked = self._walk()
        found = [
            candidate
            for candidate in walked.entries
            if _regular_or_broken(candidate)
            and (base_suffix(candidate) in FOLDER_SUFFIXES or _starts_as_html(candidate))
        ]
        found += walked.unlisted
        return sorted(found, key=lambda candidate: candidate.relative_to(self.path).as_posix())

    def __iter__(self) -> Iterator[Item]:
        if not self.path.is_dir():
            yield read_failure(f"{path_text(str(self.path))} is not a folder", path_text(str(self.path)))
            return
        try:
            files = self.files()
        except OSError as exc:
            yield read_failure(exc, path_text(str(self.path)))
            return
        unlisted = self._walk().unlisted
        for file in files:
            source_id = path_text(file.relative_to(self.path).as_posix() if file != self.path else str(file))
            if file in unlisted:
                error = unlisted[file]
                message = f"folder cannot be listed, so the pages in it are not read: {error}"
                yield _failure_of(error, message, path_text(str(file)), source_id=source_id)
            else:
                yield from FileReader(file, text=self.text, source_id=source_id)
        if not files:
            yield from self._dumps_left_unread()

    def _dumps_left_unread(self) -> Iterator[Item]:
        """For a folder without pages, one failure: naming the dumps of records in it, if any. A folder's JSON, CSV and
        WARC files are a mirror's data files as often as dumps (and may be an earlier run's output), so they are
        read only when given as inputs; a folder of Spark's ``part-*.jsonl.gz`` would otherwise give nothing,
        silently."""
        dumps = sorted(
            path_text(candidate.relative_to(self.path).as_posix())
            for candidate in self._walk().entries
            if base_suffix(candidate) in RECORD_SUFFIXES and _regular_or_broken(candidate)
        )
        if dumps:
            shown = ", ".join(dumps[:3]) + (", …" if len(dumps) > 3 else "")
            message = (
                f"the folder holds no pages, and its {len(dumps)} dump(s) of records ({shown}) are read only when"
                f" given as inputs: newsclean clean {path_text(str(self.path))}/<name> …"
            )
            yield read_failure(message, path_text(str(self.path)))
        else:
            # Most often the wrong folder: said, not a run that ends with nothing to show.
            message = "the folder holds no pages (.html, .htm, .xhtml, .txt or .md files, or files that open as HTML)"
            yield read_failure(message, path_text(str(self.path)))


def _failure_of(error: OSError, message: str, position: str, *, source_id: str) -> Failure:
    """A read failure with its own message, typed as the error behind it (``PermissionError``, …)."""
    return Failure(stage="read", error=type(error).__name__, message=message, position=position, source_id=source_id)


def _link_target(link: Path) -> str:
    try:
        return path_text(str(link.readlink()))
    except OSError:  # gone, or replaced by a file, since it was listed
        return "?"


@dataclass
class _Walk:
    """What is below a folder: every entry that is not a folder (hidden ones left out), and the folders that
    could not be listed, each with its error."""

    entries: list[Path]
    unlisted: dict[Path, OSError]


def _walk(root: Path) -> _Walk:
    """The entries below ``root``, found with ``os.scandir`` rather than ``Path.rglob``: rglob skips a folder it
    may not list without a word (its pages dropped unsaid), gives up on the whole tree at one path too long to
    open, and never goes into a linked folder (``pages/2024 -> /mnt/archive/2024``, whose pages were dropped
    unsaid). A link to a folder inside ``root`` is not gone into (its pages are read under their own path, and a
    link to a folder above is a loop), and each folder outside it is listed once, by its device and inode."""
    walk = _Walk(entries=[], unlisted={})
    inside = os.path.realpath(root)
    seen: set[tuple[int, int]] = set()
    pending = [root]
    while pending:
        folder = pending.pop()
        try:
            with os.scandir(folder) as listing:
                children = sorted(listing, key=lambda entry: entry.name)
        except OSError as exc:
            walk.unlisted[folder] = exc
            continue
        for entry in children:
            if entry.name.startswith("."):
                continue
            path = folder / entry.name
            try:
                is_folder = entry.is_dir()  # a link to a folder too
            except OSError:
                is_folder = False
            if not is_folder:
                walk.entries.append(path)
            elif not entry.is_symlink():
                pending.append(path)
            elif os.path.commonpath([inside, target := os.path.realpath(path)]) != inside:
                try:
                    linked = Path(target).stat()
                except OSError as exc:
                    walk.unlisted[path] = exc
                    continue
                if (linked.st_dev, linked.st_ino) not in seen:
                    seen.add((linked.st_dev, linked.st_ino))
                    pending.append(path)
    return walk


def _regular_or_broken(path: Path) -> bool:
    """A regular file, or a link to nothing (read, and rejected as unreadable); not a folder, and not a pipe or a
    device, which opening to sniff would block on."""
    try:
        mode = path.stat().st_mode
    except OSError:
        return path.is_symlink()
    return stat.S_ISREG(mode)


def _starts_as_html(path: Path) -> bool:
    """An uncompressed file of no page suffix whose first kilobyte opens an HTML document (in the Unicode form a
    byte order mark names, as ``looks_like_html`` reads it)."""
    if compression_of(path) is not None or base_suffix(path) in RECORD_SUFFIXES:
        return False
    try:
        with path.open("rb") as stream:
            return looks_like_html(stream.read(1024))
    except OSError:  # listed but unreadable: not known to be a page, and not read as one
        return False


#: What a resource record's Content-Type says when its writer did not know the type (warcio writes the first when
#: given none): its content is sniffed, as an untyped response's is.
_UNTYPED_RECORD_TYPES = frozenset({"application/warc-record", "application/octet-stream"})
#: The types of a resource's or a conversion's content that is read as a text dump: Common Crawl's WET text, and
#: the Markdown that crawlers for language models archive (Markdown is read as text dumps are, as a ``.md`` file is).
_TEXT_DUMP_TYPES = frozenset({"text/plain", "text/markdown", "text/x-markdown"})
#: 2xx statuses that have no body (RFC 9110 §15.3.5, §15.3.6): an empty payload is what they are.
_STATUSES_WITHOUT_BODY = frozenset({204, 205})


class WarcReader:
    """The pages of a WARC (plain or ``.gz``), read with FastWARC.

    Documents are ``response`` records with a 2xx HTTP status and an HTML content type (or none, and a payload
    that starts as HTML); ``resource`` records (a file archived as it is, with no HTTP exchange: warcit, browser
    archives) typed HTML or typed as nothing and starting as HTML; and ``resource`` or ``conversion`` records of
    ``text/plain`` or ``text/markdown``, read as text dumps (Common Crawl's WET files hold a ``conversion`` record
    of each page's text); ``conversion`` records are otherwise pages as ``resource`` records are. An untyped payload
    is sniffed in the Unicode form its byte order mark names (UTF-16 HTML).
    Requests, metadata, revisits, redirects and other content are not documents. A response payload stored as it
    came over the wire has its chunked transfer coding and content codings undone (``_http_payload``). A record
    cut short is rejected (its record, or its payload against the HTTP Content-Length), and so is one whose
    content, or inflated payload, is longer than ``max_document_bytes`` (it is not read), and a response whose HTTP
    head does not parse. A record read whose ``WARC-Block-Digest`` does not match its block is rejected as damaged
    (``_warc_digest``). Damage to an uncompressed WARC's framing, or to a ``.warc.gz``'s gzip members, is one
    failure, and reading resumes at the next record (``_warc_framing``). ``name`` is what positions call the input
    (default: its path; a byte of it that is not UTF-8 written ``\\xNN``, as ``path_text`` writes it).
    """

    def __init__(
        self, path: str | Path, *, max_document_bytes: int = MAX_DOCUMENT_BYTES, name: str | None = None
    ) -> None:
        self.path = Path(path)
        self.max_document_bytes = max_document_bytes
        self.name = name

    def __iter__(self) -> Iterator[Item]:
        position = path_text(self.name or str(self.path))
        if base_suffix(self.path) == ".arc":
            # FastWARC reads WARC only; an ARC file read as one failed as "corrupt after offset 0".
            message = (
                "ARC (the format before WARC) is not read: convert it with"
                f" 'warcio recompress {path_text(self.path.name)} {path_text(self.path.stem)}.warc.gz' first"
            )
            yield read_failure(message, position)
            return
        if compression_of(self.path) == "zstd":
            # The framing checks read the file's own bytes as WARC: a zstd WARC failed as a wrong Content-Length.
            message = (
                "a zstd-compressed WARC is not read: decompress it (zstd -d), or recompress it as .warc.gz"
                " (one gzip member a record)"
            )
            yield read_failure(message, position)
            return
        try:
            stream = self.path.open("rb")
        except OSError as exc:
            yield read_failure(exc, position)
            return
        with stream:
            start: int | None = 0
            while start is not None:
                start = yield from self._records_from(stream, start, position)

    def _records_from(self, stream: IO[bytes], start: int, position: str) -> Generator[Item, None, int | None]:
        """The items of the records from offset ``start`` on; returns where reading resumes after damage (the next
        record), or None at the end. Damage is one failure naming its offset: a record whose Content-Length does not
        end it at a record boundary, or bytes where a record should start (a ``.warc.gz``: ``_gzip_records_from``)."""
        from fastwarc.warc import ArchiveIterator

        fd = stream.fileno()
        if is_gzip(fd) or (compression_of(self.path) == "gzip" and os.pread(fd, 5, 0) != b"WARC/"):
            # A .warc.gz whose first bytes are damaged is still one: read as an uncompressed WARC, its records (in
            # members after the damage) were lost to one "invalid WARC header"
            return (yield from self._gzip_records_from(stream, start, position))
        kinds = _page_record_types()
        size = os.fstat(fd).st_size
        stream.seek(start)
        offset = end = start  # the last record's offset, and where the records read so far end
        reported = False  # whether the last record's item was a failure
        try:
            # All record types: a request's or a metadata record's length is checked as a page's is.
            for record in ArchiveIterator(stream, parse_http=True, min_content_length=0):
                offset = record.stream_pos
                start_of_block = block_start(fd, offset)
                length = int(record.headers.get("Content-Length") or 0)
                if _misread_type(record):
                    # FastWARC reads its own fields by their exact case: with "warc-type:" the type is unknown (the
                    # record passed over unsaid), and with "content-length:" the next record misread.
                    message = (
                        "WARC record whose header FastWARC cannot read (field names in another case than the"
                        f" standard's, such as 'warc-type'?){_resumed(next_record_start(fd, offset + 1))}"
                    )
                    yield read_failure(
                        message, f"{position}@{offset}", source_id=record.record_id, url=_target_uri(record)
                    )
                    return next_record_start(fd, offset + 1)
                record_end = None if start_of_block is None else warc_record_end(fd, start_of_block, length)
                if record_end is None:
                    message = (
                        "WARC record's Content-Length does not end it where a record ends (a wrong length, or"
                        f" bytes added or lost inside it){_resumed(next_record_start(fd, offset + 1))}"
                    )
                    yield read_failure(
                        message,
                        f"{position}@{offset}",
                        source_id=record.record_id,
                        url=_target_uri(record),
                    )
                    return next_record_start(fd, offset + 1)
                end = record_end
                if end > size:  # whatever its HTTP head says, the record is cut short: it cannot be read whole
                    # ... or its Content-Length is wrong (a digit added, a huge value): when a record starts after
                    # it, the length is what is damaged, and the records after it are read (they were lost unread).
                    resume = next_record_start(fd, offset + 1)
                    if resume is None:
                        message = (
                            f"WARC is corrupt at offset {offset}: the file ends inside the record that starts there"
                        )
                        message += " (truncated?)"
                    else:
                        message = (
                            f"WARC record's Content-Length ({length:,}) runs past the end of the file, and a record"
                            f" starts after it (a wrong length?){_resumed(resume)}"
                        )
                    yield read_failure(
                        message,
                        f"{position}@{offset}",
                        source_id=record.record_id,
                        url=_target_uri(record),
                    )
                    return resume
                if record.record_type in kinds or _type_problem(record):
                    place = _RecordPlace(fd, offset, compressed=False, block_start=start_of_block)
                    item = self._item(record, f"{position}@{offset}", kind=record.record_type, place=place)
                    if item is not None:
                        yield item
                    reported = isinstance(item, Failure)
                else:
                    reported = False
        except Exception as exc:  # FastWARC raises plain exceptions on corrupt archives
            # Where the records read so far end, a record may start that FastWARC did not find, having misread the
            # one before (a repeated header field): resumed there, it is read; skipped, it was lost. The records
            # at ``offset`` must have been read whole for that (``end`` past it): otherwise it is the one in doubt.
            resume = next_record_start(fd, end if end > offset else end + 1)
            inner = record_inside(fd, offset, end) if end > offset and resume != end else None
            if inner is not None:
                message = (
                    f"WARC is corrupt at offset {end}: {exc}; the record at offset {offset} runs there by its"
                    f" Content-Length, over the header of a record at offset {inner} (a length too long?)"
                    f"{_resumed(inner)}"
                )
                yield read_failure(message, f"{position}@{end}")
                return inner
            if resume != end or end <= offset:
                yield read_failure(f"WARC is corrupt at offset {end}: {exc}{_resumed(resume)}", f"{position}@{end}")
            elif not reported:  # the record at ``offset`` (not a page, or one read whole) was misread: said once
                message = (
                    f"FastWARC misread the WARC record at offset {offset} and lost its place after it ({exc}; a header"
                    f" field repeated?){_resumed(resume)}"
                )
                yield read_failure(message, f"{position}@{offset}")
            return resume
        return None

    def _gzip_records_from(self, stream: IO[bytes], start: int, position: str) -> Generator[Item, None, int | None]:
        """``_records_from`` for a ``.warc.gz``, whose offsets are compressed ones (a record's is its gzip member's).

        FastWARC stops at the first member that does not decompress, and silently at one that decompresses to
        nothing; wherever it stops, the members from the last record read on are walked (``gzip_damage``). Damage
        is one failure naming the compressed offset it was found at, in the place of the record whose member it is
        in (that record's item is held back until the next record is read, or its member is found intact), and
        reading resumes at the next member that opens a record."""
        from fastwarc.warc import ArchiveIterator

        kinds = _page_record_types()
        fd = stream.fileno()
        stream.seek(start)
        records = iter(ArchiveIterator(stream, parse_http=True, min_content_length=0))
        last: _GzipRecord | None = None
        error: Exception | None = None
        while True:
            try:
                record = next(records)
            except StopIteration:
                break
            except Exception as exc:  # FastWARC raises plain exceptions on corrupt archives
                error = exc
                break
            if last is not None and last.item is not None:
                yield last.item
            last = _GzipRecord(record.stream_pos, record.record_id, _target_uri(record))
            if record.record_type in kinds or _type_problem(record):
                where = f"{position}@{last.offset}"
                place = _RecordPlace(fd, last.offset, compressed=True)
                try:
                    last.item = self._item(record, where, kind=record.record_type, place=place)
                except Exception as exc:  # the block is inflated as it is read: a corrupt member raises here
                    message = f"WARC record cannot be read: {exc}"
                    last.item = read_failure(message, where, source_id=last.record_id, url=last.url)
        member = start  # where the walk starts: the last record's member, when its offset is one's start
        if last is not None and last.offset > start and opens_gzip_record(fd, last.offset):
            member = last.offset  # (a file compressed as one member gives records offsets inside it)
        damage, following = gzip_damage(fd, member, check_first=last is None)
        if damage is None and error is not None and following is not None:
            damage = member_damage(fd, following)  # the member FastWARC failed in starts as a record's should
        owner: _GzipRecord | None = None  # the record read last, when the failure takes its place
        if damage is not None:
            resume = next_gzip_record_start(fd, damage.member + 1)
            at, blamed, reason = damage.member, f"at compressed offset {damage.at}", damage.reason
            # A page read whole stands (only its member's gzip trailer may be lost, or a file compressed as one
            # member holds it and the records after it); one that could not be read is the damage's, as is the
            # last record of a file that ends inside a member.
            if last is not None and not isinstance(last.item, Document):
                owner = last if last.offset == damage.member or (damage.cut and error is None) else None
        elif error is None:  # the end, or a member of blanks FastWARC took for it
            if last is not None and last.item is not None:
                yield last.item
            return following
        elif last is None:  # the member at ``start`` is intact, and opens a record that does not parse
            resume, at, blamed, reason = following, start, f"at compressed offset {start}", str(error)
        elif following is not None and not _parses_at(stream, following):
            resume = next_gzip_record_start(fd, following + 1)
            at, blamed, reason = following, f"at compressed offset {following}", str(error)
        else:  # what the last record's intact member holds goes on after the record, which is in doubt with it
            resume, at, owner = following, last.offset, last
            blamed = f"inside the gzip member at compressed offset {last.offset}, after its record's Content-Length"
            reason = str(error)
        if last is not None and last.item is not None and owner is None:
            yield last.item
        message = (
            f"WARC is corrupt {blamed} (offsets in the .gz file, not in the WARC it decompresses to): {reason}"
            f"{_resumed(resume, compressed=True)}"
        )
        yield read_failure(
            message,
            f"{position}@{at}",
            source_id=owner.record_id if owner else None,
            url=owner.url if owner else None,
        )
        return resume

    def _item(self, record: Any, where: str, *, kind: Any, place: _RecordPlace) -> Item | None:
        """The record's document, its failure, or None for a record that holds no page."""
        from fastwarc.warc import WarcRecordType

        record_id, url = record.record_id, _target_uri(record)
        problem = _type_problem(record) or _misread_length(record, response=kind == WarcRecordType.response)
        if problem is not None:
            return read_failure(problem, where, source_id=record_id, url=url)
        if kind == WarcRecordType.response:
            http = record.http_headers
            if http is None:
                message = "WARC response record without a readable HTTP header (truncated?)"
                return read_failure(message, where, source_id=record_id, url=url)
            if http.status_code is None:  # FastWARC keeps the record, with no status and no headers
                message = f"WARC response record whose HTTP status line does not parse: {http.status_line[:80]!r}"
                return read_failure(message, where, source_id=record_id, url=url)
            if not 200 <= http.status_code < 300:
                return None
            if http.status_code == 206 and not _whole_range(http.get("Content-Range")):
                # A byte range of the page (a resumed download, a media player's fetch): read as the page, it
                # passed for a whole article that stops where the range does.
                served = (http.get("Content-Range") or "no Content-Range").strip()[:80]
                message = f"WARC response is 206 Partial Content ({served}): a part of the page, not the page"
                return read_failure(message, where, source_id=record_id, url=url)
            declared_empty = (http.get("Content-Length") or "").strip() == "0"
            if record.content_length == 0 and not declared_empty and http.status_code not in _STATUSES_WITHOUT_BODY:
                # A head with no blank line after it takes the whole block (the page read as header lines, the
                # payload empty): dropped as an untyped empty response, or read as an empty page, it said nothing.
                message = (
                    "WARC response record with an empty HTTP payload and no 'Content-Length: 0' (an HTTP head"
                    " with no blank line after it?)"
                )
                return read_failure(message, where, source_id=record_id, url=url)
            headers = {str(name): str(value) for name, value in http.items()}
            content_type = (http.get("Content-Type") or "").strip().lower()
        else:  # a resource or a conversion: the record's own Content-Type types its content
            declared = str(record.headers.get("Content-Type") or "")
            if declared.split(";")[0].strip().lower() in _UNTYPED_RECORD_TYPES:
                declared = ""
            headers = {"Content-Type": declared} if declared else {}
            content_type = declared.strip().lower()
        is_text = kind != WarcRecordType.response and content_type.split(";")[0].strip() in _TEXT_DUMP_TYPES
        # A type of neither a page nor a text dump: one known to be no page (an image, a script, a feed) is passed
        # over unread; any other (a byte of "text/html" damaged into "text/htmm" or "tex|/html", a server's own
        # "application/x-php") is sniffed as an untyped payload is: passed over, the page was dropped unsaid.
        sniffed = bool(content_type) and not is_text and not content_type.startswith(HTML_CONTENT_TYPES)
        if sniffed and _known_no_page(content_type):
            return None
        limit = self.max_document_bytes
        if record.content_length > limit:
            if sniffed and not looks_like_html(record.reader.read(_SNIFF_BYTES)):
                return None
            message = f"WARC record of {record.content_length:,} bytes exceeds max_document_bytes={limit:,}"
            return read_failure(message, where, source_id=record_id, url=url)
        body = record.reader.read()
        if len(body) < record.content_length:
            message = f"WARC record truncated: {len(body):,} of {record.content_length:,} bytes"
            return read_failure(message, where, source_id=record_id, url=url)
        damage = _digest_mismatch(record, body, place)
        if damage is not None:
            return read_failure(damage, where, source_id=record_id, url=url)
        if is_text:
            text = decode_html(body, headers)  # the charset its type names, else detection
            return Document(
                text=text.text,
                encoding=text.encoding,
                encoding_source=text.source,
                url=url,
                source_id=record_id,
                position=where,
                fetched_at=record.record_date,
            )
        if kind == WarcRecordType.response:
            try:
                body = page_bytes(body, headers, max_bytes=limit, url=url)
            except PayloadError as exc:
                return read_failure(f"WARC record: {exc}", where, source_id=record_id, url=url)
        if (sniffed or not content_type) and not looks_like_html(body):
            return None  # served without a type (or one of none known), as the fetcher sniffs it: not a page
        if kind == WarcRecordType.response:
            interstitial = _interstitial(body, headers, url)
            if interstitial is not None:
                return Failure(
                    stage="read",
                    error="Interstitial",
                    message=interstitial,
                    position=where,
                    source_id=record_id,
                    url=url,
                )
            from ..fetch._warc import is_refresh_stub  # httpx and warcio: loaded for WARC responses only

            if url and is_refresh_stub(body, url):
                return None  # a redirect hop written as a page, which the fetcher followed (and iter_warc skips)
        return Document(
            html=body,
            url=url,
            headers=headers or None,
            source_id=record_id,
            position=where,
            fetched_at=record.record_date,
        )


def _target_uri(record: Any) -> str | None:
    """The record's WARC-Target-URI, without the angle brackets that the WARC 1.1 standard's grammar puts around it
    and some writers follow (warcio strips them as well): kept, the URL was ``<http://…>``, which no canonical URL,
    site or date rule reads."""
    value = record.headers.get("WARC-Target-URI")
    if value is None:
        return None
    value = value.strip()
    if value.startswith("<") and value.endswith(">"):
        value = value[1:-1].strip()
    return value or None


_CONTENT_RANGE = re.compile(r"\s*bytes\s+(\d+)\s*-\s*(\d+)\s*/\s*(\d+)\s*", re.IGNORECASE)


def _whole_range(content_range: str | None) -> bool:
    """Whether a 206 response's Content-Range covers the whole representation (``bytes 0-999/1000``): a server
    that answers a range request with all of it."""
    match = _CONTENT_RANGE.fullmatch(content_range or "")
    return match is not None and int(match[1]) == 0 and int(match[2]) + 1 == int(match[3])


@dataclass(frozen=True)
class _RecordPlace:
    """Where a record starts in its file: its offset (a compressed one, its gzip member's, in a ``.warc.gz``), and,
    in an uncompressed WARC, where its block starts (found when its length was checked)."""

    fd: int
    offset: int
    compressed: bool
    block_start: int | None = None

    def block_head(self, length: int, record_id: str | None) -> bytes | None:
        """The first ``length`` bytes of the record's block, read again from the file; None when not found."""
        if not self.compressed:
            return None if self.block_start is None else os.pread(self.fd, length, self.block_start)
        return None if record_id is None else gzip_block_head(self.fd, self.offset, length, record_id=record_id)

    def __str__(self) -> str:
        return f"{'compressed ' if self.compressed else ''}offset {self.offset}"


def _digest_mismatch(record: Any, payload: bytes, place: _RecordPlace) -> str | None:
    """Why the record's block is not the one its ``WARC-Block-Digest`` states (its bytes were damaged), or None: it
    is, or it states no digest that can be read, or its HTTP head cannot be found again (neither is damage).

    The block is the HTTP head FastWARC parsed and ``payload``, all of the rest: hashed where they are, the head read
    again from the file (a few hundred bytes) and the payload the reader holds, so a record is read once."""
    digest = block_digest(record.headers.get("WARC-Block-Digest"))
    if digest is None:
        return None
    head = _http_head(record, len(payload), place)
    if head is None or digest.matches(head, payload):
        return None
    return f"WARC record at {place}: its block digest ({digest.algorithm}) does not match its content (damaged?)"


def _http_head(record: Any, payload_length: int, place: _RecordPlace) -> bytes | None:
    """The bytes of the record's block before its payload of ``payload_length`` bytes (its HTTP head, none for a
    resource), or None when they cannot be read again."""
    try:
        length = int(record.headers.get("Content-Length") or "") - payload_length
    except ValueError:
        return None
    if length <= 0:
        return b"" if length == 0 else None
    return place.block_head(length, record.record_id)


def _resumed(start: int | None, *, compressed: bool = False) -> str:
    """What a failure for damage in a WARC says about what is read next."""
    if start is None:
        return "; no record follows"
    return f"; reading resumes at the next record, {'compressed ' if compressed else ''}offset {start}"


@dataclass
class _GzipRecord:
    """A record read from a ``.warc.gz``, and its item (None: not a page) until it is known to stand."""

    offset: int
    record_id: str | None
    url: str | None
    item: Item | None = None


#: What a WARC-Type holds: a token (RFC 9110's characters), a known type or an extension's.
_TOKEN = re.compile(r"[!#$%&'*+.^_`|~0-9A-Za-z-]+")


def _type_problem(record: Any) -> str | None:
    """Why a record's type cannot be told, or None. A record with no WARC-Type, or one that is no token, has a
    damaged header (a byte lost or added in the field's name, garbage in its value): skipped as a type that is no
    page, it was dropped unsaid. A token of no known type is an extension's, and passed over."""
    value = record.headers.get("WARC-Type")
    if value is None:
        return "WARC record without a WARC-Type header (a damaged header?)"
    if not _TOKEN.fullmatch(value.strip()):
        return f"WARC record whose WARC-Type is no type: {value[:40]!r} (a damaged header?)"
    if _misread_type(record):
        return "WARC record whose header FastWARC cannot read (field names in another case than the standard's?)"
    return None


def _misread_length(record: Any, *, response: bool) -> str | None:
    """Why FastWARC's reading of the record's block cannot be trusted, or None. With a field of its WARC header
    repeated (``Content-Type``, ``WARC-Type``), FastWARC reads the block as empty whatever its Content-Length says: a
    resource was read as an empty page, and the record after it as garbage. A resource's or a conversion's content
    is its whole block; a response's payload is what follows its HTTP head, so only an empty one with a repeated
    field is known misread."""
    try:
        declared = int(record.headers.get("Content-Length") or "")
    except ValueError:
        return None
    read = record.content_length
    if read == declared or (response and (read > 0 or declared == 0)):
        return None
    names = [str(name).lower() for name, _ in record.headers.items()]
    repeated = sorted({name for name in names if names.count(name) > 1})
    if response and not repeated:
        return None  # an HTTP head without its blank line, as ``_item`` says
    said = f" (a header field repeated: {', '.join(repeated)}?)" if repeated else ""
    return (
        f"WARC record whose header FastWARC misreads: it reads {read:,} bytes of a block whose Content-Length is"
        f" {declared:,}{said}"
    )


#: A media type as a Content-Type names it (RFC 9110 §8.3.1), in lower case, parameters aside: its top-level type,
#: its subtype, and the subtype's structured syntax suffix (RFC 6838 §4.2.8: "+json", "+xml").
_MEDIA_TYPE = re.compile(
    r"([!#$%&'*^_`|~0-9a-z-]+)/([!#$%&'*+.^_`|~0-9a-z-]+?)(\+[!#$%&'*.^_`|~0-9a-z-]+)?[ \t]*(?:;.*)?", re.DOTALL
)
#: How much of a payload is sniffed for HTML when it is not read whole (``looks_like_html`` reads a kilobyte).
_SNIFF_BYTES = 1024
#: Top-level media types whose content is never a page.
_NO_PAGE_TOP_LEVEL_TYPES = frozenset({"audio", "font", "haptics", "image", "message", "model", "multipart", "video"})
#: Types of ``text`` and ``application`` that a crawl archives beside its pages, none of them a page: styles,
#: scripts, data, feeds, documents and archives. (``text/plain`` and ``text/markdown`` are text dumps only when a
#: resource or a conversion holds them: a response of either is a robots.txt, an ads.txt, a file served as it is.)
_NO_PAGE_TYPES = frozenset(
    {
        "text/css", "text/javascript", "text/ecmascript", "text/x-javascript", "text/json", "text/x-json",
        "text/csv", "text/tab-separated-values", "text/xml", "text/plain", "text/markdown", "text/x-markdown",
        "text/calendar", "text/vcard", "text/vtt", "text/event-stream", "text/x-component", "text/cache-manifest",
        "application/javascript", "application/x-javascript", "application/ecmascript", "application/json",
        "application/x-ndjson", "application/xml", "application/pdf", "application/zip", "application/gzip",
        "application/x-gzip", "application/x-tar", "application/x-bzip2", "application/x-7z-compressed",
        "application/x-rar-compressed", "application/wasm", "application/x-shockwave-flash", "application/msword",
        "application/rtf", "application/postscript", "application/ogg", "application/protobuf",
        "application/x-protobuf", "application/grpc", "application/x-www-form-urlencoded", "application/dns-message",
        "application/ocsp-response", "application/pkix-cert", "application/x-x509-ca-cert", "application/java-archive",
        "application/x-bittorrent", "application/x-font-ttf", "application/x-font-woff", "application/font-woff",
        "application/font-woff2", "application/vnd.ms-fontobject",
    }
)  # fmt: skip
#: Structured syntax suffixes of types that are no page (``application/rss+xml``, ``application/ld+json``); an
#: XHTML page, ``application/xhtml+xml``, is known as a page before these are looked at.
_NO_PAGE_SUFFIXES = frozenset({"+json", "+xml", "+zip", "+gzip", "+cbor", "+zstd"})


def _known_no_page(content_type: str) -> bool:
    """Whether a Content-Type (lower case) names a type known to hold no page; False for one of no type known,
    and for a value that is no media type ("tex|/html"): their payloads are sniffed."""
    media_type = _MEDIA_TYPE.fullmatch(content_type)
    if media_type is None:
        return False
    top, subtype, suffix = media_type.groups()
    return (
        top in _NO_PAGE_TOP_LEVEL_TYPES
        or f"{top}/{subtype}{suffix or ''}" in _NO_PAGE_TYPES
        or suffix in _NO_PAGE_SUFFIXES
        or (top == "application" and subtype.startswith("vnd."))
    )


#: The record types of the WARC standard.
_STANDARD_TYPES = frozenset(
    {"warcinfo", "response", "resource", "request", "metadata", "revisit", "conversion", "continuation"}
)


def _misread_type(record: Any) -> bool:
    """Whether FastWARC took the record for one of no known type while its WARC-Type names one (a field name in
    another case: FastWARC matches them exactly, where the standard does not)."""
    from fastwarc.warc import WarcRecordType

    value = (record.headers.get("WARC-Type") or "").strip().lower()
    return record.record_type in (WarcRecordType.no_type, WarcRecordType.unknown) and value in _STANDARD_TYPES


def _page_record_types() -> tuple[Any, ...]:
    """The record types that hold pages: responses, resources (files archived as they are) and conversions."""
    from fastwarc.warc import WarcRecordType

    return (WarcRecordType.response, WarcRecordType.resource, WarcRecordType.conversion)


def _parses_at(stream: IO[bytes], offset: int) -> bool:
    """Whether FastWARC reads a record at ``offset`` of a ``.warc.gz`` (a member there that opens one, intact)."""
    from fastwarc.warc import ArchiveIterator

    stream.seek(offset)
    try:
        next(iter(ArchiveIterator(stream, parse_http=True, min_content_length=0)))
    except Exception:  # FastWARC raises plain exceptions; StopIteration too: no record is read there
        return False
    return True


def _interstitial(body: bytes, headers: dict[str, str], url: str | None) -> str | None:
    """Why an archived response is a bot challenge or a consent wall and not the page, as the fetcher tells them
    apart (a crawl archives them all: the fetch's own record was a failure), else None."""
    lowered = {name.lower(): value for name, value in headers.items()}
    try:
        check_interstitial(body, lowered, url=url or "", final_host=urlsplit(url or "").hostname or "")
    except FetchError as exc:
        return f"WARC record is {exc.args[0] if exc.args else exc}"
    return None


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
