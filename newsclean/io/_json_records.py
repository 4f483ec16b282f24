"""The records of a JSON document written over many lines, found one at a time.

``json.dump(records, f, indent=2)`` and the exports of several crawling platforms write an array of page records
with each record spread over many lines, and such a file easily outgrows what one read may hold in memory. A byte
scanner finds where each record ends (it follows strings, escapes and brackets, nothing else), so a file of any
size is read with one record in memory at a time; decoding the record is left to the caller.

The document is either an array of records or records written one after another (pretty-printed objects). A
record larger than the bound, a record cut short by the end of the file, and bytes that are not JSON between
records each become a ``RecordProblem`` in the record's place, so nothing is dropped without a word. Damage the
scan cannot get past (a quote or bracket lost or added) is read past by ``_json_salvage``, from where the scan
says the records were right (``RecordSpans``).

A document that is one object around the list of records (``{"status": "ok", "articles": [...]}``, as export APIs
answer) is scanned first for its members (``object_layout``), then the records of the list are read from where it
starts, as a top-level array's are. A list holds records when an object in it has a page or text field: a record's
list of comments or links is no list of records, and an object with an id or URL of its own is a record.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Iterator
from typing import NamedTuple

#: What the scanner stops at outside a string.
_STRUCTURE = re.compile(rb'[\[\]{}",]')
#: The rest of a string up to its closing quote (excluded), or up to a backslash that ends the chunk. It runs in the
#: regex engine, escapes included, which makes long HTML strings cheap to scan.
_STRING_BODY = re.compile(rb'(?:[^"\\]++|\\.)*+', re.DOTALL)
_CLOSER = {ord("["): ord("]"), ord("{"): ord("}")}
_OPENERS = frozenset(_CLOSER)
_CLOSERS = frozenset(_CLOSER.values())
_QUOTE, _COMMA = ord('"'), ord(",")
_WHITESPACE = b" \t\r\n"
_BOM = b"\xef\xbb\xbf"


class RecordProblem(NamedTuple):
    """A record that could not be cut out of the document; ``final`` when no record can be found after it. ``span``:
    the bytes of the document it covers (from, to), when reading resumed right after them (``salvaged_records``)."""

    message: str
    final: bool = False
    span: tuple[int, int] | None = None


class _Record:
    """The bytes of the record being scanned, kept until they pass ``limit``, then only counted."""

    __slots__ = ("limit", "pieces", "size")

    def __init__(self, limit: int) -> None:
        self.limit = limit
        self.pieces: list[bytes] | None = []
        self.size = 0

    def add(self, piece: bytes) -> None:
        self.size += len(piece)
        if self.pieces is not None:
            if self.size > self.limit:
                self.pieces = None  # too large: the rest is scanned, not kept
            else:
                self.pieces.append(piece)

    def result(self) -> bytes | RecordProblem | None:
        if self.pieces is None:
            return RecordProblem(f"record exceeds max_line_bytes={self.limit:,}")
        data = b"".join(self.pieces).strip(_WHITESPACE)
        return data or None


class _Scanner:
    """Scanner state carried from one chunk to the next."""

    def __init__(
        self, max_record_bytes: int, *, embedded: bool = False, base: int = 0, spans: RecordSpans | None = None
    ) -> None:
        self.max_record_bytes = max_record_bytes
        self.embedded = embedded  # the array is a member's value: what follows it is the enclosing object's
        self.base = base  # where the bytes fed start in the document
        self.spans = spans
        self.record_start = 0
        self.in_array: bool | None = None  # known at the document's first byte
        self.head = bytearray()  # the document's first bytes, until that byte is known
        self.read = 0  # bytes of the document fed so far
        self.offset = 0  # where the chunk being scanned starts in the document
        self.open = bytearray()  # the closing brackets owed, innermost last
        self.in_string = False
        self.escaped = False
        self.record: _Record | None = None
        self.array_closed = False  # after it, only whitespace may follow
        self.stopped = False  # a final problem was reported
        self.stray_reported = False  # stray bytes since the last record were reported

    @property
    def record_depth(self) -> int:
        """The nesting at which records start: inside the array, or at the top."""
        return 1 if self.in_array else 0

    def feed(self, chunk: bytes) -> Iterator[bytes | RecordProblem]:
        self.offset, self.read = self.read, self.read + len(chunk)  # where ``chunk`` starts in the document
        if self.array_closed:
            yield from self._after_array(chunk, 0)
            return
        if self.in_array is None:
            self.head += chunk
            chunk = bytes(self.head).lstrip(_WHITESPACE)
            if chunk.startswith(_BOM):
                chunk = chunk[len(_BOM) :].lstrip(_WHITESPACE)
            if not chunk or _BOM.startswith(chunk):  # nothing yet but whitespace, or a BOM cut short
                return
            self.offset = len(self.head) - len(chunk)
            self.head.clear()
            self.in_array = chunk[0] == ord("[")
            if self.spans is not None:
                self.spans.in_array = self.in_array
        position, end = 0, len(chunk)
        start: int | None = 0 if self.record is not None else None  # the current record's first byte here
        while position < end:
            if self.in_string:
                if self.escaped:
                    self.escaped = False
                    position += 1
                    continue
                position = _STRING_BODY.match(chunk, position).end()  # type: ignore[union-attr]  # always matches
                if position == end:
                    break
                if chunk[position] == _QUOTE:
                    self.in_string = False
                    position += 1
                    continue
                self.escaped = True  # a backslash ends the chunk: the next chunk's first byte is escaped
                break
            found = _STRUCTURE.search(chunk, position)
            if self.record is None:
                yield from self._stray(chunk[position : end if found is None else found.start()], position)
            if found is None:
                break
            byte, position = chunk[found.start()], found.end()
            at_record_depth = len(self.open) == self.record_depth
            if byte == _QUOTE:
                if self.record is None and at_record_depth:
                    yield from self._stray(b'"', found.start())  # a bare string where a record belongs
                self.in_string = True
            elif byte in _OPENERS:
                if self.record is None and at_record_depth:
                    self.record, start, self.stray_reported = _Record(self.max_record_bytes), found.start(), False
                self.open.append(_CLOSER[byte])
            elif byte in _CLOSERS:
                if not self.open or self.open[-1] != byte:
                    yield self._stop(
                        f"unexpected {chr(byte)!r} at byte {self.offset + found.start():,}: the brackets of the"
                        " document do not match"
                    )
                    return
                self.open.pop()
                if self.in_array and not self.open:  # the array's own closing bracket
                    if self.spans is not None:
                        self.spans.closed_at = self.base + self.offset + found.start()
                    yield from self._end_record(chunk, start, found.start())
                    self.array_closed = True
                    if self.embedded:
                        self.stopped = True  # the enclosing object was checked whole before (``object_layout``)
                    else:
                        yield from self._after_array(chunk, position)
                    return
                if not self.in_array and not self.open:
                    yield from self._end_record(chunk, start, position)
                    start = None
            elif byte == _COMMA and self.in_array and len(self.open) == 1:
                yield from self._end_record(chunk, start, found.start())
                start = None
            if self.in_array and self.record is None and len(self.open) == 1:
                # inside the array and between records: the next one starts here, whatever kind of value it is
                self.record, start = _Record(self.max_record_bytes), position
                self.record_start = self.base + self.offset + position
                if self.spans is not None:
                    self.spans.next_start = self.record_start
        if self.record is not None and start is not None:
            self.record.add(chunk[start:])

    def _stray(self, data: bytes, position: int) -> Iterator[RecordProblem]:
        """Bytes at the top of a document of objects that belong to no record: reported once per gap."""
        shown = data.strip(_WHITESPACE)
        if shown and not self.stray_reported:
            self.stray_reported = True
            at = self.offset + position + data.index(shown[:1])
            yield RecordProblem(f"not a JSON object or array at byte {at:,}: {shown[:40].decode('utf-8', 'replace')!r}")

    def _after_array(self, chunk: bytes, position: int) -> Iterator[RecordProblem]:
        rest = chunk[position:].lstrip(_WHITESPACE)
        if rest:
            at = self.offset + len(chunk) - len(rest)
            yield self._stop(f"data after the end of the JSON array, at byte {at:,}")

    def _stop(self, message: str) -> RecordProblem:
        self.stopped = True
        return RecordProblem(message, final=True)

    def _end_record(self, chunk: bytes, start: int | None, stop: int) -> Iterator[bytes | RecordProblem]:
        record, self.record = self.record, None
        if record is None:
            return
        if start is not None:
            record.add(chunk[start:stop])
        result = record.result()
        if result is not None:
            if self.spans is not None and isinstance(result, bytes):
                self.spans.last_start = self.record_start
            yield result

    def close(self) -> Iterator[RecordProblem]:
        if self.in_array is None and self.head.strip(_WHITESPACE):
            yield self._stop(f"not JSON: {bytes(self.head.strip(_WHITESPACE))[:40]!r}")
        if self.stopped or self.array_closed or self.in_array is None:
            return
        if self.in_string or len(self.open) > self.record_depth:
            yield self._stop("the file ends inside a record: it is truncated")
        elif self.in_array:
            yield self._stop("the file ends before the JSON array is closed: it is truncated")


def json_records(
    chunks: Iterable[bytes], *, max_record_bytes: int, start: int = 0, spans: RecordSpans | None = None
) -> Iterator[bytes | RecordProblem]:
    """Each record of the JSON document in ``chunks`` as its raw bytes (whitespace stripped), or a
    ``RecordProblem`` in its place. The elements of a top-level array are its records; without one, each
    top-level object or array is. Empty array slots (``[]``, a trailing comma) give nothing.

    With ``start``, the records are those of the array that starts at that byte, a member of the document's
    object (``object_layout``); reading stops at its closing bracket. ``spans`` is kept told where the array's
    records start, for a salvage of the rest (``salvaged_records``)."""
    scanner = _Scanner(max_record_bytes, embedded=start > 0, base=start, spans=spans)
    if start:
        chunks = _from_byte(chunks, start)
    for chunk in chunks:
        yield from scanner.feed(chunk)
        if scanner.stopped:
            return
    yield from scanner.close()


def _from_byte(chunks: Iterable[bytes], start: int) -> Iterator[bytes]:
    """``chunks`` without their first ``start`` bytes."""
    for chunk in chunks:
        if start >= len(chunk):
            start -= len(chunk)
            continue
        yield chunk[start:] if start else chunk
        start = 0


class Member(NamedTuple):
    """A member of the document's top-level object: its key, and where its value starts in the document."""

    key: str
    start: int
    lists_records: bool = False  # an array with an object among its elements that has one of the record keys


class ObjectLayout(NamedTuple):
    """The members of a document that is one object alone, found without decoding it (``object_layout``)."""

    members: list[Member]
    complete: bool  # False: the document ends inside the object (it is truncated), its brackets do not match, or
    # more follows it (``followed``)
    #: What is wrong with the document, when it is not complete; ``problem_in``: the start of the member whose list
    #: was open there (the reading of that list's records meets it, and says so), else None.
    problem: str | None = None
    problem_in: int | None = None
    followed: bool = False  # the object closes before the document ends: something follows it
    #: What follows it opens a JSON value (objects one after another, the first a wrapper); else it is the rest of a
    #: wrapper whose list a damaged bracket closed early (", {…}]}").
    followed_by_value: bool = False


#: What the layout scan stops at outside a string: a member's key is followed by a colon, members by commas.
_LAYOUT_STRUCTURE = re.compile(rb'[\[\]{}",:]')
_NOT_WHITESPACE = re.compile(rb"[^ \t\r\n]")
#: Keys longer than this are no key a record list is picked by: kept cut, to name them.
_KEY_BYTES = 256


class _LayoutScan:
    """Scanner state of ``object_layout``, carried from one chunk to the next. ``verdict`` is set when the
    document shows it is no wrapper: "record" (it has one of the record or identity keys), "other" (it is not one
    object alone), "malformed" (its brackets do not match)."""

    def __init__(self, record_keys: frozenset[str], identity_keys: frozenset[str]) -> None:
        self.record_keys = record_keys
        self.own_keys = record_keys | identity_keys  # keys that make the top object a record
        self.read = 0
        self.open = bytearray()
        self.in_string = self.escaped = False
        self.started = self.closed = False
        self.key_next = False  # at the top object's level, after "{" or ",": a key comes next
        self.element_key_next = False  # the same in an object that is an element of a member's list
        self.key: bytearray | None = None  # the key being read
        self.element_key = False  # whether it is an element's key (else a member's)
        self.last_key = ""  # the key read last, whose value comes next
        self.awaiting = False  # after a member's colon: its value comes next
        self.list_value = False  # the next structural byte opens a member's value that is an array
        self.in_list = False  # inside a member's value that is an array
        self.members: list[Member] = []
        self.verdict: str | None = None
        self.mismatch: str | None = None  # the closing bracket that did not match, and where
        self.followed_at: int | None = None  # where what follows the closed object starts
        self.followed_by = -1  # the byte there
        #: A record or identity key among the top object's keys after one of its lists held records: a record with a
        #: list of commented texts, or a wrapper whose list damage closed early, the rest of a record taken for its
        #: members (told by what follows the object: ``object_layout``).
        self.own_key_late = False

    def problem(self) -> tuple[str | None, int | None]:
        """What is wrong with the object (``ObjectLayout.problem``), and the start of the member whose list it is in."""
        if self.followed_at is not None:
            return f"data after the JSON object around the records, at byte {self.followed_at:,}", None
        if self.closed:
            return None, None
        inside = self.members[-1].start if self.in_list else None
        if self.mismatch is not None:
            return f"{self.mismatch}: the brackets of the JSON object around the records do not match", inside
        return "the file ends inside the JSON object around the records: it is truncated", inside

    def feed(self, chunk: bytes) -> None:
        offset, self.read = self.read, self.read + len(chunk)
        position, end = 0, len(chunk)
        while position < end and self.verdict is None:
            if self.in_string:
                position = self._string(chunk, position)
                continue
            if self.closed or not self.started or self.awaiting:
                found = _NOT_WHITESPACE.search(chunk, position)
                if found is None:
                    return
                position, byte = found.start(), chunk[found.start()]
                if self.closed or (not self.started and byte != ord("{")):
                    self.verdict = "other"  # a value after the object, or a document that is no object
                    self.followed_at = offset + position if self.closed else None
                    self.followed_by = byte
                    return
                if self.awaiting:
                    self.members.append(Member(self.last_key, offset + position))
                    self.list_value = byte == ord("[")
                self.awaiting = False
            found = _LAYOUT_STRUCTURE.search(chunk, position)
            if found is None:
                return
            byte, position = chunk[found.start()], found.end()
            depth = len(self.open)
            list_value, self.list_value = self.list_value, False
            if byte == ord('"'):
                self.in_string = True
                if depth == 1 and self.key_next:
                    self.key_next, self.key, self.element_key = False, bytearray(), False
                elif depth == 3 and self.element_key_next:
                    self.element_key_next, self.key, self.element_key = False, bytearray(), True
            elif byte in _OPENERS:
                self.started = True
                self.open.append(_CLOSER[byte])
                self.key_next = depth == 0
                # (a "[" where no member's value starts, in a damaged object, opens no member's list: it asked
                # for the last member of none, an IndexError out of the reader)
                self.in_list = self.in_list or (depth == 1 and byte == ord("[") and list_value)
                self.element_key_next = depth == 2 and byte == ord("{") and self._reads_elements()
            elif byte in _CLOSERS:
                if not self.open or self.open[-1] != byte:
                    self.verdict = "malformed"
                    self.mismatch = f"unexpected {chr(byte)!r} at byte {offset + found.start():,}"
                    return
                self.open.pop()
                self.closed = not self.open
                self.in_list = self.in_list and len(self.open) > 1
            elif depth == 1 and byte == ord(":"):
                self.awaiting = True
            elif depth == 1 and byte == _COMMA:
                self.key_next = True
            elif depth == 3 and byte == _COMMA:
                self.element_key_next = self.open[-1] == ord("}") and self._reads_elements()

    def _reads_elements(self) -> bool:
        """Whether the keys of the objects in the open member's list are still to be read: until one of them is a
        record key (the list holds records)."""
        return self.in_list and not self.members[-1].lists_records

    def _string(self, chunk: bytes, position: int) -> int:
        """Scan on inside a string from ``position``; a key's bytes are kept. Returns where scanning goes on."""
        start = kept_end = position
        if self.escaped:
            self.escaped = False
            position = kept_end = position + 1
        else:
            position = kept_end = _STRING_BODY.match(chunk, position).end()  # type: ignore[union-attr]  # always matches
            if position < len(chunk):
                if chunk[position] == _QUOTE:
                    self.in_string = False
                else:
                    self.escaped = True  # a backslash ends the chunk: the next chunk's first byte is escaped
                    kept_end = position + 1
                position += 1
        if self.key is not None:
            self.key += chunk[start:kept_end]
            if not self.in_string:
                self._key_read(_key_text(bytes(self.key)))
            else:
                del self.key[_KEY_BYTES:]
        return position

    def _key_read(self, key: str) -> None:
        """A key read whole: a member's (whose value comes next), or that of an object in a member's list."""
        self.key = None
        if self.element_key:
            if key in self.record_keys:
                self.members[-1] = self.members[-1]._replace(lists_records=True)
            return
        self.last_key = key
        if key in self.own_keys:
            if any(member.lists_records for member in self.members):
                self.own_key_late = True
            else:
                self.verdict = "record"


def _key_text(raw: bytes) -> str:
    """A key's bytes, between its quotes, as text."""
    try:
        key = json.loads(b'"' + raw + b'"')
    except ValueError:  # a bad escape, or a key cut at _KEY_BYTES inside one
        return raw.decode("utf-8", "replace")
    return key if isinstance(key, str) else raw.decode("utf-8", "replace")


def object_layout(
    chunks: Iterable[bytes], *, record_keys: frozenset[str], identity_keys: frozenset[str] = frozenset()
) -> ObjectLayout | None:
    """The members of the JSON document in ``chunks`` when it is one object alone and none of its keys is one of
    ``record_keys`` (the keys a record's page or text is read from) or ``identity_keys`` (its id or URL), else
    None: a wrapper object around the list of records (``{"status": "ok", "articles": [...]}``), whose members
    that list records (``Member.lists_records``: an object in the list has one of ``record_keys``) are marked.
    Scanned as ``json_records`` scans, without decoding, so a wrapper of any size costs no memory; a record (a key
    of either kind) is known at that key. Brackets that do not match once a list of records has opened, or bytes
    after the object that holds one, may be damage to a wrapper, not proof that the document is none: the layout is
    given, not complete, saying what is wrong and where (``followed`` for the second: values one after another are
    no wrapper, which the caller tells)."""
    scan = _LayoutScan(record_keys, identity_keys)
    for chunk in chunks:
        scan.feed(chunk)
        if scan.verdict in ("malformed", "other") and any(member.lists_records for member in scan.members):
            break
        if scan.verdict is not None:
            return None
    if not scan.started:
        return None
    followed = scan.followed_at is not None
    followed_by_value = followed and scan.followed_by not in _NO_VALUE_OPENS
    if scan.own_key_late and (not followed or followed_by_value):
        return None  # a record (with lists of its own), unless what follows the object shows a wrapper damaged
    problem, problem_in = scan.problem()
    return ObjectLayout(
        scan.members,
        complete=scan.closed and not followed,
        problem=problem,
        problem_in=problem_in,
        followed=followed,
        followed_by_value=followed_by_value,
    )


#: Bytes no JSON value opens with: after an object, the rest of an enclosing one.
_NO_VALUE_OPENS = frozenset(b",:]}")


class RecordSpans:
    """Where ``json_records``' records start in the document, for a reader that may have to salvage the rest of an
    array from one of them (``salvaged_records``): ``next_start``, the record being read (or the last one read:
    right after the last comma); ``last_start``, the last record given whole; ``in_array``, whether the records are
    an array's; ``closed_at``, where the array's closing bracket is, once met (set before the record it ends is
    given: that record is the one given while it is set)."""

    def __init__(self) -> None:
        self.in_array = False
        self.next_start: int | None = None
        self.last_start: int | None = None
        self.closed_at: int | None = None
