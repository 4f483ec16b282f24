"""The records of a JSON document written over many lines, found one at a time.

``json.dump(records, f, indent=2)`` and the exports of several crawling platforms write an array of page records
with each record spread over many lines, and such a file easily outgrows what one read may hold in memory. A byte
scanner finds where each record ends (it follows strings, escapes and brackets, nothing else), so a file of any
size is read with one record in memory at a time; decoding the record is left to the caller.

The document is either an array of records or records written one after another (pretty-printed objects). A
record larger than the bound, a record cut short by the end of the file, and bytes that are not JSON between
records each become a ``RecordProblem`` in the record's place, so nothing is dropped without a word.

A document that is one object around the list of records (``{"status": "ok", "articles": [...]}``, as export APIs
answer) is scanned first for its members (``object_layout``), then the records of the list are read from where it
starts, as a top-level array's are. A list holds records when an object in it has a page or text field: a record's
list of comments or links is no list of records, and an object with an id or URL of its own is a record.
"""

from __future__ import annotations

import json
import re
from collections import deque
from collections.abc import Generator, Iterable, Iterator
from typing import NamedTuple

import msgspec

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
    """A record that could not be cut out of the document; ``final`` when no record can be found after it."""

    message: str
    final: bool = False


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
    problem, problem_in = scan.problem()
    followed = scan.followed_at is not None
    return ObjectLayout(
        scan.members, complete=scan.closed and not followed, problem=problem, problem_in=problem_in, followed=followed
    )


class RecordSpans:
    """Where ``json_records``' records start in the document, for a reader that may have to salvage the rest of an
    array from one of them (``salvaged_records``): ``next_start``, the record being read (or the last one read:
    right after the last comma); ``last_start``, the last record given whole; ``in_array``, whether the records are
    an array's."""

    def __init__(self) -> None:
        self.in_array = False
        self.next_start: int | None = None
        self.last_start: int | None = None


# Salvage: the records of an array after damage that the strict scan cannot get past.
#
# The strict scan cuts records by following strings and brackets from the document's start. One damaged byte (a
# quote lost or added, a bracket turned into another) shifts where it thinks strings start and end, or which
# bracket closes which, for the rest of the document: it stopped there, or cut records at commas of a page's text,
# and every record after the damage was lost with it. Salvage reads on past the damage without guessing.
#
# Whether a byte is inside a string is known from the end of the document as well as from its start: a quote with
# an odd number of backslashes before it is escaped, any other quote opens or closes a string, and the document
# ends outside any string and bracket. So after the damage (where every byte is as written), a byte is inside a
# string when an odd number of unescaped quotes follows it, and its depth is what the brackets after it close: both
# are counts, taken in one pass over the rest of the document. Before the damage, the counts from the start are
# right. A damaged record is read with the reading from the start; where its JSON fails (at or after the damage),
# reading resumes at the first comma (or the array's end) that the reading from the end puts between records. A
# "{" inside a page's text is inside a string by that reading, so it is never taken for a record.
#
# Where that cannot be trusted, the rest of the array is one failure rather than a guess: a document that does not
# end where its JSON closes (cut short, or with bytes after it) gives the reading from the end no footing; an object
# whole between the last boundary before the failure and the first after it may be the next record or the damaged
# one's rest (``_Salvage._boundary``). More damage further on shows as bytes JSON allows only in strings standing
# outside one by the reading from the end; the bytes from the failure are then read once more with one quote more or
# less than the count from the start (a quote lost or added, the commonest damage), and given up on only when that
# fails as well (``_Salvage._plain_json``).

#: What salvage counts: runs of backslashes (which escape a quote right after them when odd), quotes, brackets,
#: commas.
_SALVAGE_TOKENS = re.compile(rb'\\+|["\[\]{},]')
_BACKSLASH, _CLOSE_SQUARE, _CLOSE_CURLY = b"\\"[0], b"]"[0], b"}"[0]
#: Where a decoder's message says its error lies in the record: msgspec's "(byte 18)".
_ERROR_BYTE = re.compile(r"\(byte (\d+)\)")
_DECODER = msgspec.json.Decoder()
_ASCII_ONLY = bytes(range(128)) + b"x" * 128
#: What JSON does not allow outside a string (blanks, numbers, true, false and null are allowed; tokens are counted).
_NOT_JSON_OUTSIDE = re.compile(rb"[^ \t\r\n0-9:.eE+\-truefalsn]")


class _Counts:
    """Counts over a document's bytes from a point outside any string: unescaped quotes, and for each parity of the
    quotes before them, the brackets opened less those closed."""

    __slots__ = ("nesting", "quotes", "run_end", "run_odd")

    def __init__(self) -> None:
        self.quotes = 0
        self.nesting = [0, 0]
        self.run_end = -1  # where the last run of backslashes ended, in the document
        self.run_odd = False

    def copy(self) -> _Counts:
        copied = _Counts()
        copied.quotes, copied.nesting = self.quotes, list(self.nesting)
        copied.run_end, copied.run_odd = self.run_end, self.run_odd
        return copied

    def take(self, byte: int, at: int, length: int = 1) -> None:
        """Count the token ``byte`` (``length`` bytes long, for a run of backslashes) at document offset ``at``."""
        if byte == _BACKSLASH:
            odd = length % 2 == 1
            self.run_odd = (self.run_odd != odd) if self.run_end == at else odd  # a run cut by a chunk's end goes on
            self.run_end = at + length
        elif byte == _QUOTE:
            if not (self.run_end == at and self.run_odd):
                self.quotes += 1
        elif byte in _OPENERS:
            self.nesting[self.quotes % 2] += 1
        elif byte in _CLOSERS:
            self.nesting[self.quotes % 2] -= 1


class _Reading(NamedTuple):
    """One way to tell from ``_Counts`` where a byte is: outside strings when the quotes before it have the parity
    ``outside``, and then at the depth counted for that parity plus ``offset`` (0: between the array's records)."""

    outside: int
    offset: int

    def between_records(self, counts: _Counts) -> bool:
        parity = counts.quotes % 2
        return parity == self.outside and counts.nesting[parity] + self.offset == 0


class SuffixCounts(NamedTuple):
    """``_Counts`` over a document from a point between its array's records to its end, and whether the document
    ends where its JSON should close (its last byte, blanks aside, is the closing bracket expected)."""

    quotes: int
    nesting: tuple[int, int]
    ends_closed: bool


def suffix_counts(chunks: Iterable[bytes], *, start: int, closer: int) -> SuffixCounts:
    """The counts of the document in ``chunks`` from byte ``start`` (between its array's records) to its end,
    ``closer`` being the byte the document must end with (``]`` for an array, ``}`` for a wrapper object)."""
    counts = _Counts()
    read, last = 0, -1
    for chunk in _from_byte(chunks, start):
        for found in _SALVAGE_TOKENS.finditer(chunk):
            counts.take(chunk[found.start()], read + found.start(), found.end() - found.start())
        stripped = chunk.rstrip(_WHITESPACE)
        if stripped:
            last = stripped[-1]
        read += len(chunk)
    return SuffixCounts(counts.quotes, (counts.nesting[0], counts.nesting[1]), last == closer)


def json_failure(data: bytes) -> tuple[str, int | None] | None:
    """Why ``data`` is no JSON value, and the byte of it where the decoder says so (None: at its end); None when it is
    one as far as its brackets and strings go: bytes that are not UTF-8 in a string, nesting too deep for the decoder
    and escaped lone surrogates leave the record whole, for the reader to take or refuse."""
    # Bytes past ASCII stand only in strings: each read as one ASCII letter, whether they are UTF-8 or not, a string
    # keeps its length and a byte outside one stays an error, at its place.
    ascii_only = data.translate(_ASCII_ONLY)
    try:
        _DECODER.decode(ascii_only)
    except RecursionError:
        return None
    except msgspec.DecodeError as exc:
        try:
            json.loads(ascii_only, parse_constant=_no_constant)
        except (ValueError, RecursionError):
            found = _ERROR_BYTE.search(str(exc))
            return str(exc), int(found.group(1)) if found else None
    return None


def _no_constant(name: str) -> None:
    raise ValueError(f"{name} is not JSON")


class _Damage:
    """A record whose JSON failed, while reading looks for the boundary between records to resume at."""

    __slots__ = (
        "at_failure",
        "candidate",
        "candidate_start",
        "failed_at",
        "index",
        "kept",
        "message",
        "reading",
        "start",
    )

    def __init__(self, start: int, index: int, message: str, failed_at: int, reading: _Reading) -> None:
        self.start, self.index, self.message, self.failed_at = start, index, message, failed_at
        self.reading = reading  # how the boundary to resume at is told: the count from the end, first
        self.at_failure: _Counts | None = None  # the counts where the JSON failed, once scanned there
        self.kept: bytearray | None = bytearray()  # the bytes from the failure on, for a second reading of them
        #: The bytes after the last boundary found before the failure, up to the next: when they are an object
        #: whole, which record comes next cannot be told (``_Salvage._boundary``).
        self.candidate: bytearray | None = None
        self.candidate_start = start


Salvaged = tuple[int, bytes | RecordProblem]


def salvaged_records(
    chunks: Iterable[bytes],
    suffix: SuffixCounts,
    *,
    start: int,
    index: int,
    depth: int,
    max_record_bytes: int,
    embedded: bool,
) -> Iterator[Salvaged]:
    """The records of an array from its record ``index`` on, which starts at byte ``start`` of the document in
    ``chunks``, each with its index: its bytes, or a ``RecordProblem`` in its place. ``depth``: the brackets open
    between the array's records (1 for a top-level array, 2 for a wrapper object's list); ``suffix``:
    ``suffix_counts`` from ``start``; ``embedded``: the array is a member's value, and reading stops at its end. A
    record that does not parse is a problem, and reading resumes at the next boundary between records that the
    reading from the end finds (see above). One record in memory at a time, each within ``max_record_bytes``; each
    byte is scanned a bounded number of times."""
    walk = _Salvage(suffix, start=start, index=index, depth=depth, limit=max_record_bytes, embedded=embedded)
    for chunk in _from_byte(chunks, start):
        yield from walk.feed(chunk)
        if walk.stopped:
            break
    yield from walk.close()


class _Salvage:
    """State of ``salvaged_records``, carried from one chunk to the next."""

    def __init__(self, suffix: SuffixCounts, *, start: int, index: int, depth: int, limit: int, embedded: bool) -> None:
        self.counts = _Counts()
        outside = suffix.quotes % 2
        # From the end: outside strings where an even number of quotes follows, at the depth the brackets that follow
        # close (all of them by the end: ``depth`` more than between records).
        self.from_end = _Reading(outside, -depth - suffix.nesting[outside]) if suffix.ends_closed else None
        self.reading = _Reading(0, 0)  # from the start: right up to the damage
        self.read = start  # the document offset of the next chunk
        self.index = index
        self.limit = limit
        self.embedded = embedded
        self.failure = ""
        self.damage: _Damage | None = None
        self.given_up: RecordProblem | None = None  # the failure that ends the reading, once given
        self.closing = (start, self.counts)  # where the array's closing bracket is, and the counts before it
        self.closed = False
        self.stopped = False
        self._open_record(start)

    def _open_record(self, at: int, data: bytes = b"") -> None:
        self.record_start = at
        self.record: bytearray | None = bytearray(data)  # None: over the limit, scanned, not kept
        self.record_counts = self.counts.copy()

    def feed(self, chunk: bytes) -> Iterator[Salvaged]:
        base, self.read = self.read, self.read + len(chunk)
        yield from self._scan_all(deque([(base, chunk)]))

    def _scan_all(self, pieces: deque[tuple[int, bytes]]) -> Iterator[Salvaged]:
        while pieces and not self.stopped:
            yield from self._scan(*pieces.popleft(), pieces)

    def _scan(self, base: int, data: bytes, pieces: deque[tuple[int, bytes]]) -> Iterator[Salvaged]:
        """Scan ``data`` (at document offset ``base``); what is to be scanned again goes back to the front of
        ``pieces``."""
        if self.closed:
            yield from self._after_array(base, data)
            return
        kept_from = 0  # where the bytes not yet kept (with the record, or the damage's candidate) start in ``data``
        gap = 0  # where the bytes since the last token start in ``data``
        for found in _SALVAGE_TOKENS.finditer(data):
            at, byte, length = found.start(), data[found.start()], found.end() - found.start()
            if self.damage is not None:
                self._note_failure(base, at)
                if not self._plain_json(base, data, gap, found.end() if byte == _BACKSLASH else at, pieces):
                    return
                gap = found.end()
                if byte in (_COMMA, _CLOSE_SQUARE) and self.damage.reading.between_records(self.counts):
                    self._keep_candidate(data[kept_from:at])
                    if (yield from self._boundary(base + at, closes=byte == _CLOSE_SQUARE)):
                        pieces.appendleft((base + at, data[at:]))  # the boundary, read as one from here on
                        return
                    kept_from = found.end()
                self.counts.take(byte, base + at, length)
                continue
            if byte in (_COMMA, _CLOSE_SQUARE, _CLOSE_CURLY) and self.reading.between_records(self.counts):
                self._keep(data[kept_from:at])
                failed_at = yield from self._decided(base + at, unexpected=byte == _CLOSE_CURLY)
                if failed_at is not None:
                    self._damaged(failed_at, pieces, (base + at, data[at:]))
                    return
                if byte == _CLOSE_SQUARE:
                    self.closing = (base + at, self.counts.copy())
                    self.counts.take(byte, base + at)
                    self.closed = True
                    pieces.appendleft((base + found.end(), data[found.end() :]))
                    return
                self.counts.take(byte, base + at)
                self._open_record(base + found.end())
                kept_from = found.end()
                continue
            self.counts.take(byte, base + at, length)
        if self.damage is not None:
            self._note_failure(base, len(data))
            if self._plain_json(base, data, gap, len(data), pieces):
                self._keep_candidate(data[kept_from:])
                self._keep_from_failure(base, data)
        else:
            self._keep(data[kept_from:])
            if self.record is not None and len(self.record) > self.limit:
                self._over_limit(pieces)

    def _note_failure(self, base: int, at: int) -> None:
        """Take the counts where the damaged record's JSON fails, once the scan reaches it (``at`` in a chunk at
        ``base``: no token lies between the failure and it)."""
        damage = self.damage
        if damage is not None and damage.at_failure is None and base + at >= damage.failed_at:
            damage.at_failure = self.counts.copy()

    def _keep_from_failure(self, base: int, data: bytes) -> None:
        damage = self.damage
        if damage is not None and damage.kept is not None and base + len(data) > damage.failed_at:
            damage.kept += data[max(0, damage.failed_at - base) :]
            if len(damage.kept) > self.limit:
                damage.kept = None

    def _plain_json(self, base: int, data: bytes, start: int, stop: int, pieces: deque[tuple[int, bytes]]) -> bool:
        """Whether ``data[start:stop]``, bytes with no token but a run of backslashes at its end, is what JSON allows
        where it is (anything in a string; outside, blanks, numbers, true, false, null) past the damaged record's
        failure, by the reading in use. Else that reading is wrong there. The count from the end is when more damage
        lies further on (two quotes lost: it sees the strings between them turned inside out); then the bytes from
        the failure are read again as the count from the start reads them with one quote more or less (a quote lost
        or added, the commonest damage), which is right up to the next damage, where the same is done again. When
        that fails too, the records cannot be placed: the rest is one failure, stopping the reading."""
        damage = self.damage
        assert damage is not None
        begin = max(start, damage.failed_at + 1 - base)  # (the byte the JSON fails at may be the damage itself)
        if begin >= stop or self.counts.quotes % 2 != damage.reading.outside:
            return True
        found = _NOT_JSON_OUTSIDE.search(data, begin, stop)
        if found is None:
            return True
        at_failure, kept = damage.at_failure, damage.kept
        if damage.reading == self.from_end and at_failure is not None and kept is not None:
            # One quote more or less than the reading from the start counts, at the depth it counts there.
            outside = 1 - self.reading.outside
            depth = at_failure.nesting[self.reading.outside] + self.reading.offset
            damage.reading = _Reading(outside, depth - at_failure.nesting[outside])
            damage.candidate, damage.kept = None, None
            self.counts = at_failure.copy()
            pieces.appendleft((damage.failed_at, bytes(kept) + data[max(0, damage.failed_at - base) :]))
            return False
        self.stopped = True
        self.given_up = RecordProblem(
            f"malformed JSON: {damage.message}, in the record at byte {damage.start:,} of the file (its JSON fails at"
            f" byte {damage.failed_at:,}); past it, neither the count of quotes from the end of the file nor one more"
            f" or less than the count from its start keeps the bytes JSON allows only in a string inside one (byte"
            f" {base + found.start():,}), so where the records after it start cannot be told: the rest of the file is"
            " one failure",
            final=True,
        )
        self.index = damage.index
        return False

    def _keep(self, data: bytes) -> None:
        if self.record is not None:
            self.record += data

    def _keep_candidate(self, data: bytes) -> None:
        damage = self.damage
        if damage is not None and damage.candidate is not None:
            damage.candidate += data
            if len(damage.candidate) > self.limit:
                damage.candidate = None

    def _over_limit(self, pieces: deque[tuple[int, bytes]]) -> None:
        """A record past the limit: damaged when its bytes so far fail as JSON before their end (its JSON would have
        closed there), else too large, its bytes no longer kept."""
        assert self.record is not None
        data = bytes(self.record)
        failure = json_failure(data)
        if failure is None or failure[1] is None or failure[1] >= len(data) - 1:
            self.record = None
            return
        self.failure = failure[0]
        self._damaged(self.record_start + failure[1], pieces, None)

    def _decided(self, end: int, *, unexpected: bool) -> Generator[Salvaged, None, int | None]:
        """The record that ends at ``end``, given when it parses (or is over the limit: a problem, as the strict
        scan says); else the document offset its JSON fails at. ``unexpected``: it ends with a "}", which no record
        of an array ends with: where its own JSON fails, else there."""
        if self.record is None:
            if unexpected:
                self.failure = f"unexpected '}}' at byte {end:,}: the brackets of the array do not match"
                return end
            yield self.index, RecordProblem(f"record exceeds max_line_bytes={self.limit:,}")
            self.index += 1
            return None
        data = bytes(self.record)
        body = data.strip(_WHITESPACE)
        failure = json_failure(body) if body else None
        if failure is None and unexpected:
            failure = (f"unexpected '}}' at byte {end:,}: the brackets of the array do not match", None)
        if failure is None:
            if body:  # (none: an empty slot, "[]" or a trailing comma)
                yield self.index, body
                self.index += 1
            return None
        self.failure, at = failure
        lead = len(data) - len(data.lstrip(_WHITESPACE))
        return self.record_start + lead + at if at is not None else end

    def _damaged(self, failed_at: int, pieces: deque[tuple[int, bytes]], rest: tuple[int, bytes] | None) -> None:
        """The record being read fails at document offset ``failed_at``: its bytes are read again from its start,
        looking for the boundary to resume at (``rest``: the chunk from where the record was found to end)."""
        if self.from_end is None:
            self.stopped = True
            self.given_up = RecordProblem(
                f"malformed JSON: {self.failure}, in the record at byte {self.record_start:,} of the file; the file"
                " does not end where its JSON closes (it is cut short, or more follows), so where the records after"
                " the damage start cannot be told: the rest of it is one failure",
                final=True,
            )
            return
        kept = bytes(self.record or b"")
        self.damage = _Damage(self.record_start, self.index, self.failure, failed_at, self.from_end)
        self.counts, self.record = self.record_counts, None
        if rest is not None:
            pieces.appendleft(rest)
        pieces.appendleft((self.record_start, kept))

    def _boundary(self, at: int, *, closes: bool) -> Generator[Salvaged, None, bool]:
        """A boundary between records by the reading from the end, at ``at`` (a comma, or the array's end when
        ``closes``), while looking for where to resume: True when reading resumes (or stops).

        The reading from the end is right after the damage, which lies before the failure: reading resumes at the
        first boundary at or after the failure. A boundary it sees before the failure may lie before the damage,
        where it may be wrong (inside the damaged record, in a list of its own), or after it: when the bytes from
        the last such boundary to this one are an object whole, they may be the next record (the damaged one lost
        its closing brace) or the damaged record's own rest (an opening brace was added before them), which the
        brackets cannot tell apart; the records after them could not be numbered, and the rest is one failure."""
        damage = self.damage
        assert damage is not None
        candidate = damage.candidate
        if at < damage.failed_at:
            damage.candidate, damage.candidate_start = (None if closes else bytearray()), at + 1
            return False
        if candidate is not None and _whole_object(bytes(candidate)):
            self.stopped = True
            self.given_up = RecordProblem(
                f"malformed JSON: {damage.message}, in the record at byte {damage.start:,} of the file (its JSON fails"
                f" at byte {damage.failed_at:,}); whether the object at byte {damage.candidate_start:,} is the next"
                " record (this one lost its closing brace) or the rest of this one (an opening brace was added) cannot"
                " be told, so the records after it cannot be numbered: the rest of the file is one failure",
                final=True,
            )
            self.index = damage.index
            return True
        resumes = "the end of the array" if closes else f"byte {at + 1:,}"
        yield (
            damage.index,
            RecordProblem(
                f"malformed JSON: {damage.message}, in the record at byte {damage.start:,} of the file (its JSON"
                f" fails at byte {damage.failed_at:,}); reading resumes at {resumes}"
            ),
        )
        self.index, self.damage, self.reading = damage.index + 1, None, damage.reading
        self._open_record(at)  # an empty record the boundary ends: read from here as any record is
        return True

    def _after_array(self, base: int, data: bytes) -> Iterator[Salvaged]:
        if self.embedded:
            self.stopped = True  # what follows is the enclosing object's, checked whole before (``object_layout``)
            return
        rest = data.lstrip(_WHITESPACE)
        if not rest:
            return
        at = base + len(data) - len(rest)
        closing_at, counts = self.closing
        if self.from_end is not None and not self.from_end.between_records(counts):
            # Data after the array's end, where the reading from the end sees none: the bracket that closed it is
            # damage (a record's "{" turned into "]"), and the records after it are read.
            self.closed, self.counts, self.record_start, self.record = False, counts, closing_at, bytearray()
            self.failure = f"unexpected ']' at byte {closing_at:,}, with more of the array after it, at byte {at:,}"
            pieces: deque[tuple[int, bytes]] = deque([(base, data)])
            self._damaged(closing_at, pieces, None)
            yield from self._scan_all(pieces)
            return
        self.stopped = True
        yield self.index, RecordProblem(f"data after the end of the JSON array, at byte {at:,}", final=True)

    def close(self) -> Iterator[Salvaged]:
        if not self.stopped and not self.closed and self.damage is None and self.record:
            # The file ends inside a record by the reading from the start, which damage may have led astray (a quote
            # lost: the rest of the file read as one string): a record that fails before its end is damaged there.
            data = bytes(self.record)
            failure = json_failure(data.strip(_WHITESPACE))
            if failure is not None and failure[1] is not None:
                self.failure = failure[0]
                lead = len(data) - len(data.lstrip(_WHITESPACE))
                pieces: deque[tuple[int, bytes]] = deque()
                self._damaged(self.record_start + lead + failure[1], pieces, None)
                yield from self._scan_all(pieces)
        if self.given_up is not None:
            yield self.index, self.given_up
            self.given_up = None
            return
        if self.stopped or self.closed:
            return
        if self.damage is not None:
            yield (
                self.damage.index,
                RecordProblem(
                    f"malformed JSON: {self.damage.message}, in the record at byte {self.damage.start:,} of the"
                    " file; no boundary between records follows it: the rest of the file is one failure",
                    final=True,
                ),
            )
        elif self.reading.between_records(self.counts):
            yield (
                self.index,
                RecordProblem("the file ends before the JSON array is closed: it is truncated", final=True),
            )
        else:
            yield self.index, RecordProblem("the file ends inside a record: it is truncated", final=True)


def _whole_object(data: bytes) -> bool:
    """Whether ``data`` is one JSON object with a key (what a record is; ``{}`` could be a page's script text)."""
    body = data.strip(_WHITESPACE)
    return body.startswith(b"{") and body[1:].lstrip(_WHITESPACE).startswith(b'"') and json_failure(body) is None
