"""Salvage: the records of a JSON array (a top-level one, or a wrapper's list) after damage that the strict scan of
``_json_records`` cannot get past, read on by counting quotes and brackets from the end of the document."""

from __future__ import annotations

import json
import re
from collections import deque
from collections.abc import Generator, Iterable, Iterator
from typing import NamedTuple

import msgspec

from ._json_records import _CLOSERS, _COMMA, _OPENERS, _QUOTE, _WHITESPACE, RecordProblem, _from_byte, json_records

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
#: A member of an object, its key and colon: what a record never opens with.
_MEMBER = re.compile(rb'"(?:[^"\\]|\\.)*"[ \t\r\n]*:')
#: The bytes of damage at the place JSON fails: a few, no blank, quote, opening brace or comma among them.
_DAMAGE_RUN = re.compile(rb'[^ \t\r\n"{,]{0,64}')
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
    opens_with: int = -1  # the first byte that is no blank (-1: none)


def suffix_counts(chunks: Iterable[bytes], *, start: int, closer: int) -> SuffixCounts:
    """The counts of the document in ``chunks`` from byte ``start`` (between its array's records) to its end,
    ``closer`` being the byte the document must end with (``]`` for an array, ``}`` for a wrapper object)."""
    counts = _Counts()
    read, first, last = 0, -1, -1
    for chunk in _from_byte(chunks, start):
        for found in _SALVAGE_TOKENS.finditer(chunk):
            counts.take(chunk[found.start()], read + found.start(), found.end() - found.start())
        stripped = chunk.strip(_WHITESPACE)
        if stripped:
            first = stripped[0] if first < 0 else first
            last = stripped[-1]
        read += len(chunk)
    return SuffixCounts(counts.quotes, (counts.nesting[0], counts.nesting[1]), last == closer, first)


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
        "damage_end",
        "failed_at",
        "index",
        "kept",
        "message",
        "reading",
        "start",
    )

    def __init__(self, start: int, index: int, message: str, failed_at: int, reading: _Reading) -> None:
        self.start, self.index, self.message, self.failed_at = start, index, message, failed_at
        self.damage_end = failed_at + 1  # the bytes from the failure that are taken for the damage itself
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
    damaged_at: tuple[int, str] | None = None,
) -> Iterator[Salvaged]:
    """The records of an array from its record ``index`` on, which starts at byte ``start`` of the document in
    ``chunks``, each with its index: its bytes, or a ``RecordProblem`` in its place. ``depth``: the brackets open
    between the array's records (1 for a top-level array, 2 for a wrapper object's list); ``suffix``:
    ``suffix_counts`` from ``start``; ``embedded``: the array is a member's value, and reading stops at its end. A
    record that does not parse is a problem, and reading resumes at the next boundary between records that the
    reading from the end finds (see above). One record in memory at a time, each within ``max_record_bytes``; each
    byte is scanned a bounded number of times. ``damaged_at``: the record at ``start`` is known damaged, at that
    byte, for that reason (a closing bracket of the array that more of the array follows)."""
    walk = _Salvage(suffix, start=start, index=index, depth=depth, limit=max_record_bytes, embedded=embedded)
    if damaged_at is not None:
        walk.damaged_from_start(*damaged_at)
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
        self.resumed_at: int | None = None  # where reading resumed past the last damage, by the reading from the end
        self._open_record(start)

    def damaged_from_start(self, failed_at: int, message: str) -> None:
        """The record reading starts with is damaged at ``failed_at``: it is one failure, and reading resumes at the
        first boundary the reading from the end finds at or after that byte."""
        self.failure = message
        self._damaged(failed_at, deque(), None)

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
                    if not self._resumed_inside_record():
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
        begin = max(start, damage.damage_end - base)  # (the bytes the JSON fails at may be the damage itself)
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

    def _resumed_inside_record(self) -> bool:
        """Whether the record that failed is the first after a resumption and opens with a member's key, as no record
        does: the boundary the reading from the end found lies inside a record, so that reading is off there (a
        second bracket fault further on, which cancels the first out: the record's members were each taken for a
        record, and the records after them numbered wrong). The rest is then one failure."""
        body = bytes(self.record or b"").strip(_WHITESPACE)
        if self.record_start != self.resumed_at or not _MEMBER.match(body):
            return False
        self.stopped = True
        self.given_up = RecordProblem(
            f"malformed JSON: the record at byte {self.record_start:,} of the file, where reading resumed past the"
            " damage before it, opens with a member's key, as no record does: more damage to the brackets lies"
            " further on, so where the records start cannot be told: the rest of the file is one failure",
            final=True,
        )
        return True

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
        # A few bytes of junk the JSON fails at, no blank among them (a comma between records turned into "x[y"), are
        # the damage itself, not a sign of more damage further on where JSON allows them only in a string.
        junk = _DAMAGE_RUN.match(kept, max(0, failed_at - self.record_start))
        if junk is not None and failed_at >= self.record_start:
            self.damage.damage_end = failed_at + max(1, junk.end() - junk.start())
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
        if candidate is not None and whole_object(bytes(candidate)):
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
                f" fails at byte {damage.failed_at:,}); reading resumes at {resumes}",
                span=(damage.start, at),
            ),
        )
        self.index, self.damage, self.reading = damage.index + 1, None, damage.reading
        self._open_record(at)  # an empty record the boundary ends: read from here as any record is
        self.resumed_at = at + 1  # (the record after the boundary starts after its comma)
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


def object_inside(record: bytes) -> int | None:
    """Where, in a record's bytes whose JSON fails, an object whole starts right at the failure (a "{" where the
    record's next key belongs) that opens with the record's own first key, as the records of a dump do: the next
    record, taken in when this one lost its closing brace, or an opening brace added; None when there is none (an
    object of the record's own, its key lost, opens with a key of its own)."""
    failure = json_failure(record)
    if failure is None or failure[1] is None or record[failure[1] : failure[1] + 1] != b"{":
        return None
    found = next(json_records([record[failure[1] :]], max_record_bytes=len(record)), None)
    if not (isinstance(found, bytes) and whole_object(found)):
        return None
    return failure[1] if first_key(found) == first_key(record) else None


def first_key(data: bytes) -> bytes | None:
    """The first key of the object ``data`` opens, as written (None when it opens with no key)."""
    found = _MEMBER.match(data[1:].lstrip(_WHITESPACE))
    return found.group() if found else None


def whole_object(data: bytes) -> bool:
    """Whether ``data`` is one JSON object with a key (what a record is; ``{}`` could be a page's script text)."""
    body = data.strip(_WHITESPACE)
    return body.startswith(b"{") and body[1:].lstrip(_WHITESPACE).startswith(b'"') and json_failure(body) is None
