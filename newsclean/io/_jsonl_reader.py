"""JSON Lines and JSON input (plain, ``.gz`` or ``.zst``): a record a line, a JSON array of records, objects
written over several lines one after another, or a wrapper object's list of records, each record a document whose
fields a ``KeyMap`` names."""

from __future__ import annotations

import itertools
import json
import re
from collections.abc import Callable, Generator, Iterator
from pathlib import Path
from typing import IO, Any, NamedTuple

import msgspec

from .._models import Failure
from ._formats import MAX_DOCUMENT_BYTES
from ._json_records import Member, ObjectLayout, RecordProblem, RecordSpans, json_records, object_layout
from ._json_salvage import json_failure, object_inside, salvaged_records, suffix_counts
from ._keys import KeysArg, as_key_map, json_kind
from ._line_ends import JsonLines
from ._open import open_utf8
from ._records import Item, document_from_record, noted_when_empty, path_text, read_failure

#: How much of a JSON document whose records span lines is read at a time.
JSON_CHUNK_BYTES = 1 << 20


#: How much of a file is read at a time to see whether it opens a JSON array: blank lines, then "[".
_ARRAY_PROBE_BYTES = 4096


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
                            if not self._array_line_over_bound(line_number):  # the whole file's array
                                yield from self._spread_records(position)
                                return
                            chunks = _rest_of_line(line, lines, self.max_line_bytes)
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
                    yield from self._damaged_first_line(position, exc)
                    return
                yield read_failure(
                    f"input is truncated or corrupt after line {line_number}: {exc}",
                    f"{position}:{line_number + 1}",
                )

    def _damaged_first_line(self, position: str, damage: Exception) -> Iterator[Item]:
        """The items of a file whose compressed stream is damaged inside its first line: what a scan a record at
        a time reads before the damage (a wrapper's or an array's records), then its failure; when nothing was read
        and the file is no array, one failure at line 1, for a JSON Lines file whose first record was cut (its
        position was "file[0]", an array's, and its message "after record 0")."""
        found = self._spread_records(position)
        head = list(itertools.islice(found, 2))
        if len(head) == 1 and isinstance(head[0], Failure) and not self._opens_an_array():
            yield read_failure(f"input is truncated or corrupt in its first line: {damage}", f"{position}:1")
            return
        yield from head
        yield from found

    def _opens_an_array(self) -> bool:
        """Whether the file's first bytes, blanks aside, open a JSON array (False when they cannot be read)."""
        try:
            with open_utf8(self.path) as stream:
                # A read at a time: a buffered read() that wants more than the damage leaves raises, losing them.
                while chunk := stream.read1(_ARRAY_PROBE_BYTES):
                    if content := chunk.lstrip():
                        return content.startswith(b"[")
        except (OSError, EOFError, ValueError):  # the damage lies before the first byte that is not blank
            return False
        return False

    def _spread_records(self, position: str) -> Iterator[Item]:
        """The records of a JSON document whose records span lines, scanned one at a time, each within
        ``max_line_bytes`` (``_json_records``): an array of them, objects one after another, or the one list of
        objects of a wrapper object (``_wrapped_records``)."""
        layout = self._wrapper_layout(position)
        if layout is not None and not (isinstance(layout, ObjectLayout) and layout.followed_by_value):
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
        # What is wrong lies outside the list read (cut short, or damaged, after it), where its reading sees none; or
        # it is the list's closing bracket itself, damaged (``_closing_fault``), which its reading tells and reads past.
        problem_after = layout.problem is not None and layout.problem_in != member.start
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
        """The records ``read`` finds in each value ``json_records`` finds in the file from byte ``start``, positions
        and default ids numbered by index after ``where`` and ``label``. An array whose closing bracket more of it
        follows (``closing_suspect``, for a wrapper's list: its object does not end where its bracket says) is read
        past it when that bracket is damage (``_closing_fault``): True then."""
        try:
            stream = open_utf8(self.path)
        except OSError as exc:
            yield read_failure(exc, position)
            return False
        index = 0
        spans = RecordSpans()
        embedded = start > 0
        damaged_at: tuple[int, ClosingFault] | None = None
        fallback: list[Item] | None = None  # what the strict reading gave, should salvage past a closing bracket fail
        with stream:
            # read1: a read that fills its size over several reads of a damaged .gz loses what it had read
            chunks = iter(lambda: stream.read1(JSON_CHUNK_BYTES), b"")
            try:
                records = json_records(chunks, max_record_bytes=self.max_line_bytes, start=start, spans=spans)
                for record in records:
                    items = list(self._found_items(record, f"{where}[{index}]", f"{label}[{index}]", read))
                    damaged_from = _damaged_from(record, items, spans)
                    if damaged_from is None and spans.closed_at is not None and isinstance(record, bytes):
                        # The record the array's closing bracket ends: whether that bracket is the array's end.
                        try:
                            following = None if embedded else next(records, None)
                        except (OSError, EOFError, ValueError):  # the stream damaged after it: the record stands
                            yield from items
                            index += 1
                            raise
                        if following is not None:
                            after = f"[{index + 1}]"
                            items += self._found_items(following, where + after, label + after, read)
                        if following is not None or closing_suspect:
                            fault = self._closing_fault(spans.closed_at, spans.last_start or 0, embedded=embedded)
                            if fault is not None:
                                damaged_from, damaged_at = spans.last_start or 0, (spans.closed_at, fault)
                                fallback = items
                                break
                        yield from items
                        return False
                    if damaged_from is not None and not isinstance(record, RecordProblem):
                        inside = object_inside(record)
                        if inside is not None:
                            yield _record_inside(items, damaged_from)
                            return True
                        # A record that is no JSON with its brackets and strings in step (a NaN, a bad number or
                        # literal) leaves the scan on the records: the next one reads, and the reading stands. Damage
                        # to a quote or a bracket shifts the scan off them, and the next one fails too.
                        following = next(records, None)
                        if following is not None:
                            after = f"[{index + 1}]"
                            next_items = list(self._found_items(following, where + after, label + after, read))
                            if _damaged_from(following, next_items, spans) is None:
                                yield from _placed_in_file(items, damaged_from)
                                yield from next_items
                                index += 2
                                continue
                    if damaged_from is not None:
                        break
                    yield from items
                    index += 1
                else:
                    if not (embedded and closing_suspect and spans.closed_at is not None and spans.next_start):
                        return False
                    # The list closed on an empty slot after a comma: a record's "{" turned into "]" is read past.
                    fault = self._closing_fault(spans.closed_at, None, embedded=embedded)
                    if fault is None:
                        return False
                    damaged_from, damaged_at, fallback = spans.next_start, (spans.closed_at, fault), []
            except (OSError, EOFError, ValueError) as exc:  # truncated or corrupt compressed stream (see _open)
                yield read_failure(f"input is truncated or corrupt after record {index}: {exc}", f"{where}[{index}]")
                return False
        return (
            yield from self._salvaged(
                damaged_from, index, where, label, read, embedded=embedded, damaged_at=damaged_at, fallback=fallback
            )
        ) and damaged_at is not None

    def _closing_fault(self, closed_at: int, record_start: int | None, *, embedded: bool) -> ClosingFault | None:
        """Whether the array's closing bracket at byte ``closed_at``, which more of the document follows, is damage,
        by the count from the end (``suffix_counts``): None when the document ends where its JSON closes after it;
        else why the record it ends is damaged (``record_start``: that record's start; None: it ends an empty slot,
        after a comma), to be read past; ``ambiguous`` when what follows may be that record's rest (the damage closed
        it early) or the next record (its comma and opening brace turned into the bracket), which cannot be told."""
        closer = ord("}") if embedded else ord("]")
        try:
            with open_utf8(self.path) as stream:
                after = suffix_counts(_chunks(stream), start=closed_at + 1, closer=closer)
        except (OSError, EOFError, ValueError):  # a damaged compressed stream: no end to count from
            return None
        depth = 1 if embedded else 0  # the brackets the rest of the document closes after the array's end
        if not after.ends_closed or (after.quotes % 2 == 0 and after.nesting[0] == depth):
            return None
        if record_start is None:
            return ClosingFault(f"unexpected ']' at byte {closed_at:,}, with more of the array after it")
        if after.opens_with == _COMMA:  # members go on: a record opens with no comma
            return ClosingFault(
                f"unexpected ']' at byte {closed_at:,}: the array closes right after this record, yet the record's"
                " members go on after it"
            )
        return ClosingFault(
            f"unexpected ']' at byte {closed_at:,}, right after the record at byte {record_start:,}, with more of the"
            " array after it: whether what follows it is the rest of that record or the next record (its comma and"
            " opening brace lost) cannot be told, so the records after it cannot be numbered: the rest of the file is"
            " one failure",
            ambiguous=True,
        )

    def _salvaged(
        self,
        start: int,
        index: int,
        where: str,
        label: str,
        read: _ValueReader,
        *,
        embedded: bool,
        damaged_at: tuple[int, ClosingFault] | None = None,
        fallback: list[Item] | None = None,
    ) -> Generator[Item, None, bool]:
        """The records of an array from its record ``index`` on, at byte ``start``, where damage stopped the strict
        scan or shifted it off the records (``salvaged_records``): two more passes over the file from there.

        ``damaged_at``: where and why the record there is known damaged, by the count from the end at an array's
        closing bracket that more of the document follows. That count is right only when no more damage follows
        (a wrapper damaged after its list shifts it too): the salvage stands when a record follows the damaged one,
        read whole; else ``fallback``, what the strict reading gave, is given instead, and False returned."""
        closer = ord("}") if embedded else ord("]")  # what the document ends with: the wrapper's brace, the array's
        try:
            with open_utf8(self.path) as stream:
                suffix = suffix_counts(_chunks(stream), start=start, closer=closer)
            with open_utf8(self.path) as stream:
                found = salvaged_records(
                    _chunks(stream),
                    suffix,
                    start=start,
                    index=index,
                    depth=2 if embedded else 1,
                    max_record_bytes=self.max_line_bytes,
                    embedded=embedded,
                    damaged_at=None if damaged_at is None else (damaged_at[0], damaged_at[1].message),
                )
                if fallback is not None:
                    head = list(itertools.islice(found, 2))
                    if len(head) < 2 or not isinstance(head[1][1], bytes):
                        yield from fallback
                        return False
                    if damaged_at is not None and damaged_at[1].ambiguous:
                        # (a record whole after the damage: the count from the end stands, and the doubt is real)
                        yield read_failure(damaged_at[1].message, f"{where}[{index}]")
                        return True
                    found = itertools.chain(head, found)
                for index, record in found:
                    yield from self._found_items(record, f"{where}[{index}]", f"{label}[{index}]", read)
        except (OSError, EOFError, ValueError) as exc:  # truncated or corrupt compressed stream (see _open)
            yield read_failure(f"input is truncated or corrupt after record {index}: {exc}", f"{where}[{index}]")
        return True

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
        _drain(chunks)  # what is left of the line when the scan stopped early (bytes after the array's end)

    def _array_line_over_bound(self, line_number: int) -> bool:
        """Whether line ``line_number``, the first with content, longer than ``max_line_bytes`` and opening with
        "[", is an array whole on its line with lines after it, as ``_array_line`` tells of a shorter one: JSON
        Lines whose first line is an array of records. Its array is found to close at the line's end by scanning
        the line a bounded piece at a time, never held whole. Read as the whole file's array, the lines after it
        were one "data after the end of the JSON array" failure, their records lost."""
        bound = self.max_line_bytes
        try:
            with open_utf8(self.path) as stream:
                lines = JsonLines(stream)
                for _ in range(line_number - 1):  # the blank lines before it
                    _drain(_rest_of_line(lines.readline(bound + 1), lines, bound))
                chunks = _rest_of_line(lines.readline(bound + 1), lines, bound)
                if not _closes_at_end(json_records(chunks, max_record_bytes=bound)):
                    return False
                _drain(chunks)
                while line := lines.readline(bound):
                    if line.strip():
                        return True
        except (OSError, EOFError, ValueError):  # damage to a compressed stream: the file is read as one document
            return False
        return False

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
        only when its line is no JSON Lines' line (``_line_items``) either: a wrapper damaged after its list. A
        wrapper written on one line that damage broke in two (``_broken_line_wrapper``) is one too."""
        if isinstance(layout, Failure) or layout.complete:
            return True
        if layout.followed and self._is_jsonl_line(line):
            return False
        return not ended or self._nothing_after_first_line() or self._broken_line_wrapper(line)

    def _broken_line_wrapper(self, line: bytes) -> bool:
        """Whether the first line, which opens a wrapper's list of records, is the start of a wrapper written on one
        line and broken by damaged bytes that hold a newline (a quote lost or added with it turned the object's
        strings inside out, so its brackets no longer close at the file's end): neither it nor the next line with
        content is a line of JSON Lines (a value, or values one after another), and the file ends as an object
        does, with "}". Read as JSON Lines, its records were two malformed lines."""
        if self._is_jsonl_line(line):
            return False
        try:
            with open_utf8(self.path) as stream:
                lines = JsonLines(stream)
                _drain(_rest_of_line(lines.readline(self.max_line_bytes + 1), lines, self.max_line_bytes))
                following = b""
                while not following and (piece := lines.readline(self.max_line_bytes + 1)):
                    following = piece.strip()
                if not following or self._is_jsonl_line(following):
                    return False
            with open_utf8(self.path) as stream:
                return _last_byte(_chunks(stream)) == b"}"
        except (OSError, EOFError, ValueError):
            return False

    def _is_jsonl_line(self, line: bytes) -> bool:
        """Whether ``line`` reads as a line of JSON Lines does: one JSON value, or several one after another."""
        return self._one_value(line) or self._split_line(line) is not None

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


class ClosingFault(NamedTuple):
    """An array's closing bracket that is damage (``JsonlReader._closing_fault``): why, and whether the records after
    it can be placed (not ``ambiguous``)."""

    message: str
    ambiguous: bool = False


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


def _placed_in_file(items: list[Item], start: int) -> Iterator[Item]:
    """A damaged record's failures, saying where the record starts in the file, as a salvaged record's do."""
    for item in items:
        if isinstance(item, Failure) and item.message.startswith(_SHAPE_FAILURES):
            item = msgspec.structs.replace(item, message=f"{item.message}, in the record at byte {start:,} of the file")
        yield item


def _record_inside(items: list[Item], start: int) -> Failure:
    """The failure for a record (at byte ``start`` of the file) that fails where an object whole starts
    (``object_inside``): it lost its closing brace and took the next record in (and a brace added further on closed
    it), or an opening brace was added inside it; which cannot be told, nor, then, how many records its bytes hold.
    Read as one, the records after it were numbered one short."""
    (failure,) = [item for item in items if isinstance(item, Failure)]
    return msgspec.structs.replace(
        failure,
        message=(
            f"{failure.message}, in the record at byte {start:,} of the file, where an object whole starts: the next"
            " record (this one lost its closing brace) or its own rest (an opening brace added), so the records after"
            " it cannot be numbered: the rest of the file is one failure"
        ),
    )


def _chunks(stream: IO[bytes]) -> Iterator[bytes]:
    """``stream`` a read at a time (a read that fills its size over several reads of a damaged .gz loses them)."""
    return iter(lambda: stream.read1(JSON_CHUNK_BYTES), b"")  # type: ignore[attr-defined]


def _damaged_from(found: bytes | RecordProblem, items: list[Item], spans: RecordSpans) -> int | None:
    """Where to salvage an array's records from (``salvaged_records``) when the value ``json_records`` found shows
    damage its strict scan cannot get past: a record of the array whose JSON fails (the scan may have cut it at a
    comma of a page's text, or taken the next records in with it), or brackets that no longer match; None when the
    strict reading stands. A file cut short is not damage to read past."""
    if not spans.in_array:
        return None
    if isinstance(found, RecordProblem):
        # (a file that ends inside a record may be cut short, or have had a quote or bracket of it damaged: salvage
        # tells them apart, and says a cut as this scan does)
        return spans.next_start if found.final and spans.next_start != spans.last_start else None
    failed = any(isinstance(item, Failure) and item.message.startswith(_SHAPE_FAILURES) for item in items)
    return spans.last_start if failed and json_failure(found) is not None else None


#: How the failures of a record whose bytes may not be one record begin (``_decoded``).
_SHAPE_FAILURES = ("malformed JSON", "element is not valid UTF-8")


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


_COMMA = ord(",")

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


def _rest_of_line(first: bytes, lines: JsonLines, size: int) -> Iterator[bytes]:
    """A line that ``first``, the first piece of it read, did not hold whole: ``first``, then the rest of the line,
    at most ``size`` bytes at a time."""
    piece = first
    while piece:
        yield piece
        if lines.ended(piece):
            return
        piece = lines.readline(size)


def _drain(pieces: Iterator[bytes]) -> None:
    """Read what is left of ``pieces`` (the rest of a line), keeping none of it."""
    for _ in pieces:
        pass


def _closes_at_end(found: Iterator[bytes | RecordProblem]) -> bool:
    """Whether the JSON array whose records ``json_records`` finds closes at the end of its bytes, nothing but
    blanks after it (a record over the bound is no sign it does not)."""
    return not any(isinstance(record, RecordProblem) and record.final for record in found)


def _last_byte(chunks: Iterator[bytes]) -> bytes:
    """The last byte of ``chunks`` that is no blank (empty when there is none)."""
    last = b""
    for chunk in chunks:
        content = chunk.rstrip(_JSON_BLANKS)
        if content:
            last = content[-1:]
    return last


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
