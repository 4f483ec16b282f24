"""JSON Lines and JSON input (plain, ``.gz`` or ``.zst``): a record a line, a JSON array of records, objects
written over several lines one after another, or a wrapper object's list of records, each record a document whose
fields a ``KeyMap`` names."""

from __future__ import annotations

import functools
import io
import itertools
import json
from collections.abc import Callable, Generator, Iterator
from pathlib import Path
from typing import Any, NamedTuple

import msgspec

from .._models import Failure
from ._closing_bracket import list_close_suspect, read_as_wrapper
from ._formats import MAX_DOCUMENT_BYTES
from ._json_array_reader import JsonArrayReader
from ._json_chunks import JSON_CHUNK_BYTES, until_damaged
from ._json_decode import NOT_JSON, decoded, fails_on_bytes_alone, one_value, one_value_but_bytes
from ._json_lead import open_json, stray_lead, stray_lead_failure
from ._json_records import Member, ObjectLayout, RecordProblem, json_records, object_layout
from ._json_wrappers import ambiguous_wrapper, data_after_wrapper, record_list_hint, record_lists, wrapped_lists
from ._jsonl_lines import JSON_BLANKS, array_element, drain, line_values, rest_of_line
from ._jsonl_probes import array_line_over_bound, broken_line_wrapper, nothing_after_first_line, opens_an_array
from ._keys import KeysArg, as_key_map, json_kind
from ._line_ends import JsonLines
from ._records import Item, document_from_record, noted_when_empty, path_text, read_failure

__all__ = ["JSON_CHUNK_BYTES", "JsonlReader"]


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
    skipped and rejected. A longer first line that is an array of records, with lines after it, is scanned a record
    at a time, as a long JSON array is: its records give what they give on a shorter line (``dump.jsonl:1[0]``),
    one over the bound rejected in its place, and the lines after it are read. ``name`` is what positions and
    default ids call the input (default: its path).
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
        return noted_when_empty(self._documents(), "records", path_text(self.name or str(self.path)))

    def _documents(self) -> Iterator[Item]:
        position = path_text(self.name or str(self.path))
        try:
            stream = open_json(self.path)
        except OSError as exc:
            yield read_failure(exc, position)
            return
        line_number = 0
        in_array: bool | None = None  # known from the first line with content
        checked = False  # whether the first record stands on one line
        lead_told = False  # whether stray control bytes before the first value were looked for (``open_json``)
        with stream:
            lines = JsonLines(stream)
            try:
                while True:
                    line = lines.readline(self.max_line_bytes + 1)
                    if not line:
                        break
                    line_number += 1
                    where = f"{position}:{line_number}"
                    if not lead_told and line.strip():  # the first value's line: the lead before it is read
                        lead_told = True
                        yield from self._stray_lead(stream, position)
                    if len(line) > self.max_line_bytes and not lines.ended(line):
                        if in_array is None and line.lstrip().startswith(b"["):  # an array on one long line
                            bound = self.max_line_bytes
                            if not array_line_over_bound(self.path, line_number, bound):  # the whole file's array
                                yield from self._spread_records(position)
                                return
                            chunks = rest_of_line(line, lines, self.max_line_bytes)
                            yield from self._long_array_line_items(chunks, where, f"{self._label}:{line_number}")
                            in_array, checked = False, True  # JSON Lines, its first line an array of records
                            continue
                        while line and not lines.ended(line):  # skip the rest of the oversized line
                            line = lines.readline(self.max_line_bytes)
                        yield read_failure(f"line exceeds max_line_bytes={self.max_line_bytes:,}", where)
                        continue
                    if not line.strip():
                        continue
                    first = in_array is None
                    if in_array is None:
                        in_array = line.lstrip().startswith(b"[") and not self._array_line(line, lines.ended(line))
                    value = array_element(line, first=first) if in_array else line
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
                if not lead_told:  # a file of stray bytes and blanks alone
                    yield from self._stray_lead(stream, position)
            except (OSError, EOFError, ValueError) as exc:  # truncated or corrupt compressed stream (see _open)
                if line_number == 0:
                    # Damage inside the first line, which a readline loses whole: a wrapper or an array on one line
                    # is scanned a record at a time, which reads the records before the damage.
                    yield from self._damaged_first_line(position, exc)
                    return
                yield read_failure(
                    f"input is truncated or corrupt after line {line_number}: {exc}",
                    f"{position}:{line_number + 1}",
                )

    @staticmethod
    def _stray_lead(stream: io.BufferedReader, position: str) -> Iterator[Item]:
        """The failure that reports the stray control bytes read as blanks before the file's first value, if any."""
        lead = stray_lead(stream)
        if lead is not None:
            yield stray_lead_failure(lead, position)

    def _damaged_first_line(self, position: str, damage: Exception) -> Iterator[Item]:
        """The items of a file whose compressed stream is damaged inside its first line: what a scan a record at
        a time reads before the damage (a wrapper's or an array's records), then its failure; when nothing was read
        and the file is no array, one failure at line 1, for a JSON Lines file whose first record was cut (its
        position was "file[0]", an array's, and its message "after record 0")."""
        found = self._spread_records(position)
        head = list(itertools.islice(found, 2))
        if len(head) == 1 and isinstance(head[0], Failure) and not opens_an_array(self.path):
            yield read_failure(f"input is truncated or corrupt in its first line: {damage}", f"{position}:1")
            return
        yield from head
        yield from found

    def _spread_records(self, position: str) -> Iterator[Item]:
        """The records of a JSON document whose records span lines, scanned one at a time, each within
        ``max_line_bytes`` (``_json_records``): an array of them, objects one after another, or the one list of
        objects of a wrapper object (``_wrapped_records``)."""
        layout = self._wrapper_layout(position)
        if read_as_wrapper(layout):
            yield from self._wrapper_items(position, layout)
        else:  # (objects one after another, a wrapper among them read as any value is)
            yield from self._records(position, 0, position, self._label, self._value_items)

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
            yield ambiguous_wrapper([member.key for member in wrapped], position, path_text(self.path.name))

    def _wrapper_layout(self, position: str) -> ObjectLayout | Failure | None:
        """The members of the document when it is a wrapper object with a list of records (``object_layout``),
        the failure to open it, or None."""
        try:
            with open_json(self.path) as stream:
                layout = object_layout(
                    until_damaged(stream), record_keys=self._content_fields, identity_keys=self._identity_fields
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
        # What is wrong lies outside the list read (cut short, or damaged, after it), where its reading sees none; or
        # it is the list's closing bracket itself, damaged (``closing_fault``), which its reading tells and reads past.
        problem_after = list_close_suspect(layout, member)
        # (a wrapper's records are records, each of them: never wrappers in turn)
        read_past = yield from self._records(
            position,
            member.start,
            f"{position}{step}",
            f"{self._label}{step}",
            self._record_items,
            closing_suspect=problem_after,
        )
        if problem_after and not read_past:
            yield read_failure(str(layout.problem), position)

    def _records(
        self, position: str, start: int, where: str, label: str, read: _ValueReader, *, closing_suspect: bool = False
    ) -> Generator[Item, None, bool]:
        """The records ``read`` finds in each value ``json_records`` finds in the file from byte ``start``, read past
        damage (``JsonArrayReader.records``): True when a closing bracket that more of the array follows was read
        past (``closing_suspect``)."""
        reader = JsonArrayReader(
            self.path, functools.partial(self._found_items, read=read), max_record_bytes=self.max_line_bytes
        )
        return (yield from reader.records(position, start, where, label, closing_suspect=closing_suspect))

    def _found_items(self, found: bytes | RecordProblem, where: str, label: str, read: _ValueReader) -> Iterator[Item]:
        """The records ``read`` finds in one value ``json_records`` found, or the failure in its place."""
        if isinstance(found, RecordProblem):
            yield read_failure(found.message, where)
        else:
            yield from self._items(found, where, label, "element", read)

    def _long_array_line_items(self, chunks: Iterator[bytes], where: str, label: str) -> Iterator[Item]:
        """The records of a line longer than ``max_line_bytes`` that is an array of records (``chunks``: the line,
        a bounded piece at a time), scanned a record at a time as a long JSON array is, each named by its index
        after the line's position: ``dump.jsonl:1[0]``. The line is read to its end, so the next line follows."""
        found = json_records(chunks, max_record_bytes=self.max_line_bytes)
        for index, record in enumerate(found):
            yield from self._found_items(record, f"{where}[{index}]", f"{label}[{index}]", self._value_items)
        drain(chunks)  # what is left of the line when the scan stopped early (bytes after the array's end)

    def _one_value(self, data: bytes) -> bool:
        return one_value(self._decoder, data)

    def _array_line(self, line: bytes, ended: bool) -> bool:
        """Whether the first line, which opens with "[", is a JSON array whole on its line with lines after it: JSON
        Lines whose first line is an array of records, not a JSON array (``json.dump(records, f)`` and a newline,
        Scrapy's ``[`` alone, a record spread over lines). Read as an array, the lines after it were one failure."""
        return (
            ended
            and not nothing_after_first_line(self.path, self.max_line_bytes)
            and one_value_but_bytes(self._decoder, line)
        )

    def _may_wrap_records(self, line: bytes) -> bool:
        """Whether the first line is a wrapper object (``_wrapped_lists``), or an object that does not parse
        (damaged, cut short, or the first line of a wrapper written over several): its records are read as the
        whole file's when it is the whole file (``_wrapper_layout``, ``_wrapper_stands``)."""
        try:
            record = self._decoder.decode(line)
        except NOT_JSON:
            return line.lstrip().startswith(b"{")
        return self._wrapped_lists(record) is not None

    def _wrapped_lists(self, value: Any) -> list[str] | None:
        """The keys of the lists of records of ``value`` when it is a wrapper object (``wrapped_lists``); else None."""
        return wrapped_lists(value, self._content_fields, self._identity_fields)

    def _wrapper_stands(self, line: bytes, layout: ObjectLayout | Failure, ended: bool) -> bool:
        """Whether the wrapper ``layout`` found is what the file holds, its first line being ``line``. A bad first
        line of JSON Lines is not the start of a wrapper that is never closed (``{"a": [`` would take every line
        after it into its list) unless it is the file's only line: a wrapper written on one line and cut short.
        A wrapper whose object closes at the end of the file is one, whatever its first line (damage in one of its
        records, or a newline put in it, made every record a malformed line). A wrapper that more follows is one
        only when its line is no JSON Lines' line (``_line_items``) either: a wrapper damaged after its list. A
        wrapper written on one line that damage broke in two (``broken_line_wrapper``) is one too."""
        if isinstance(layout, Failure) or layout.complete:
            return True
        if layout.followed and self._is_jsonl_line(line):
            return False
        return (
            not ended
            or nothing_after_first_line(self.path, self.max_line_bytes)
            or broken_line_wrapper(self.path, line, self.max_line_bytes, self._is_jsonl_line)
        )

    def _is_jsonl_line(self, line: bytes) -> bool:
        """Whether ``line`` reads as a line of JSON Lines does: one JSON value, or several one after another."""
        return one_value_but_bytes(self._decoder, line) or self._split_line(line) is not None

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
        if fails_on_bytes_alone(line):
            yield from self._records_around_bad_bytes(line, record, where, fallback_id)
            return
        split = self._split_line(line)
        if split is None:
            yield record
        elif split.wrapper is None:
            for number, value in enumerate(split.values, 1):
                yield from self._line_value_bytes_items(value, f"{where}#{number}", f"{fallback_id}#{number}")
        else:
            yield from self._value_items(split.wrapper, where, fallback_id, "line")
            yield data_after_wrapper(line, split.values[0], where)

    def _line_value_bytes_items(self, data: bytes, where: str, fallback_id: str) -> Iterator[Item]:
        """The records of one value of a line of several (``_line_value_items``), each of a batch or a wrapper's list
        read alone when bytes that are not UTF-8 fail the value (``_records_around_bad_bytes``)."""
        record = self._decoded(data, where, "value")
        if not isinstance(record, Failure):
            yield from self._line_value_items(record, where, fallback_id, "value")
        elif fails_on_bytes_alone(data):
            yield from self._records_around_bad_bytes(data, record, where, fallback_id)
        else:
            yield record

    def _records_around_bad_bytes(self, data: bytes, failure: Failure, where: str, fallback_id: str) -> Iterator[Item]:
        """The records of a line's value that bytes that are not UTF-8 fail (``failure``): when it is a batch of
        records (an array with an object in it) or a wrapper object, each record is cut out of its bytes and read
        alone, as a JSON array's are, so only the records that hold such bytes fail (all of them went with one
        failure); any other value stays that failure."""
        value = data.strip(JSON_BLANKS)
        found: Iterator[bytes | RecordProblem] | None = None
        step, read = "", self._value_items  # (a batch's elements are read as a line's are: a wrapper among them too)
        if value.startswith(b"["):
            elements = list(json_records([value], max_record_bytes=self.max_line_bytes))
            if any(isinstance(element, bytes) and element.startswith(b"{") for element in elements):
                found = iter(elements)
        elif value.startswith(b"{"):
            layout = object_layout([value], record_keys=self._content_fields, identity_keys=self._identity_fields)
            wrapped = [member for member in layout.members if member.lists_records] if layout is not None else []
            if layout is not None and layout.complete and len(wrapped) > 1:
                yield ambiguous_wrapper([member.key for member in wrapped], where, path_text(self.path.name))
                return
            if layout is not None and layout.complete and wrapped:
                step, read = f"[{json.dumps(wrapped[0].key, ensure_ascii=False)}]", self._record_items
                found = json_records([value], max_record_bytes=self.max_line_bytes, start=wrapped[0].start)
        if found is None:
            yield failure
            return
        for index, element in enumerate(found):
            yield from self._found_items(element, f"{where}{step}[{index}]", f"{fallback_id}{step}[{index}]", read)

    def _split_line(self, line: bytes) -> _LineSplit | None:
        """How a line that does not parse as one value is read: as several JSON values, or as the wrapper object it
        opens with and what is no value after it; None when it is one malformed line."""
        values = line_values(line)
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
        except NOT_JSON:
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
            yield ambiguous_wrapper(lists, where, path_text(self.path.name))
        else:
            step = f"[{json.dumps(lists[0], ensure_ascii=False)}]"
            for index, element in enumerate(value[lists[0]]):
                yield self._from_record(element, f"{where}{step}[{index}]", f"{fallback_id}{step}[{index}]", "element")

    def _decoded(self, data: bytes, where: str, unit: str) -> Any:
        """The JSON value of ``data``, or the ``Failure`` that says why it has none (``decoded``)."""
        return decoded(self._decoder, data, where, unit)

    def _from_record(self, record: Any, where: str, fallback_id: str, unit: str) -> Item:
        if not isinstance(record, dict):
            return read_failure(f"{unit} is a JSON {json_kind(record)}, not an object", where)
        item = document_from_record(record, self.keys, where, fallback_id=fallback_id)
        if isinstance(item, Failure) and item.error == "MissingKey" and not self._identity_fields.isdisjoint(record):
            lists = record_lists(record, self._content_fields)
            if lists:
                # An object with an id or URL is a record, not a wrapper: said, in case its list is what to read.
                hint = record_list_hint(lists[0], path_text(self.path.name))
                item = msgspec.structs.replace(item, message=item.message + hint)
        return item


class _LineSplit(NamedTuple):
    """A line read as several JSON values (``values``), or as the wrapper object it opens with (``wrapper``,
    decoded; ``values`` holds its bytes) followed by what is no value."""

    values: list[bytes]
    wrapper: Any = None


#: How the records of a decoded JSON value are found: given the value, its position, its default id and what it is.
_ValueReader = Callable[[Any, str, str, str], Iterator[Item]]
