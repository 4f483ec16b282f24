"""Where the records of an uncompressed WARC begin and end, found in the file's bytes: to check that a record's
``Content-Length`` ends it where the next one begins, and to find the next record after a damaged region.

FastWARC takes each record's ``Content-Length`` on trust and stops at the first header that does not parse: a
record whose length is off swallows the start of the next one (or leaves its own end behind as the next "header"),
and a line of garbage between two records ends the file. Reading resumes at the next line that opens a record.
A length too long that ends on bytes passing for a record's end (a blank line of the next record's page, the one
after its header) took in the next record's header: when no record follows that end, and records run on from a
header inside the block (``record_over_block``), the block ends before that header.

A ``.warc.gz`` holds one gzip member a record (WARC 1.1 annex D), and FastWARC gives up at the first member that
does not decompress, or silently at one that decompresses to nothing: where such damage is, and the next member
that opens a record, are found here with zlib, in compressed offsets; and so is a record whose Content-Length runs
past the end of its own member (``gzip_member_overrun``), taking in the records after it, which FastWARC, reading the
members as one stream, cannot tell: its block ends at its member's end (``shortened_gzip_record``).

A record's block digest covers its HTTP head, which FastWARC parses and lets go of: the head is read again, a few
hundred bytes, not the record: from where its block starts (``block_start``, found once, when the record's length is
checked), or from its member's first bytes, inflated here, in a ``.warc.gz``.
"""

from __future__ import annotations

import io
import os
import re
import zlib
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

#: The line that opens a record (WARC 1.0 and 1.1), at the start of a line.
_RECORD_START = re.compile(rb"(?:^|\n)(WARC/1\.[01]\r?\n)")
#: The same line, matched without taking the line end before it: record lines one after another are each found.
_RECORD_LINE = re.compile(rb"(?<![^\n])WARC/1\.[01]\r?\n")
#: What follows a record's block: two CRLFs (WARC 1.1 §4); bare LFs are taken too, as FastWARC takes them.
_TRAILERS = (b"\r\n\r\n", b"\n\n")
#: A record's WARC header is read this far at most when looking for its end (a header is a few hundred bytes).
_MAX_HEADER_BYTES = 1 << 20
#: How much is read first when looking for a header's end: nearly every header ends well within it.
_HEADER_PROBE_BYTES = 1 << 14
_SCAN_BYTES = 1 << 20
#: A line that opens a record, and the line end before it, is at most this long (``WARC/1.0\r\n``).
_RECORD_LINE_BYTES = 16
#: What starts a gzip member: its magic and the deflate method (RFC 1952 §2.3.1).
_GZIP_MAGIC = b"\x1f\x8b\x08"
#: How much of a candidate member is inflated to see whether it opens a record: its header (a few bytes; an extra
#: field or a file name if its writer added one) and the first deflate block's code tables (a few hundred). Bytes
#: that merely look like a member's start fail well within it, most in the header's flags or the first block.
_PROBE_BYTES = 1 << 13
#: Decompressed bytes held at a time while a member is walked for its end.
_INFLATE_BYTES = 1 << 20
_WARC_HEAD = b"WARC/"
#: How much is read after a record's end to see what follows it: blank lines, then a record's first line.
_FOLLOWING_PROBE_BYTES = 256


def is_gzip(fd: int) -> bool:
    """Whether the file starts as gzip (a ``.warc.gz``: records are members, offsets compressed ones)."""
    return os.pread(fd, 2, 0) == b"\x1f\x8b"


def block_start(fd: int, offset: int) -> int | None:
    """Where the block of the record at ``offset`` starts (after its header's blank line), or None: no blank line."""
    for size in (_HEADER_PROBE_BYTES, _MAX_HEADER_BYTES):
        header = os.pread(fd, size, offset)
        header_end = header.find(b"\r\n\r\n")
        if header_end >= 0:
            return offset + header_end + 4
        if len(header) < size:  # the file ends before a larger read would find more
            return None
    return None


def record_end(fd: int, block_start: int, block_length: int) -> int | None:
    """Where the record whose block starts at ``block_start`` and is ``block_length`` bytes ends (its trailer
    included), or None when the bytes there are not a trailer: its Content-Length is wrong. A file that ends before
    the trailer is not judged here: the record is short, which its reader says."""
    end = block_start + block_length
    trailer = os.pread(fd, 4, end)
    if len(trailer) < 4 and not trailer.strip():
        return end + len(trailer)
    for expected in _TRAILERS:
        if trailer.startswith(expected):
            return end + len(expected)
    return None


def next_record_start(fd: int, after: int) -> int | None:
    """The offset of the first line at or after ``after`` that opens a WARC record, or None."""
    position = after
    while True:
        # One byte before, so that a record starting at ``position`` is seen at the start of a line.
        begin = max(position - 1, 0)
        chunk = os.pread(fd, _SCAN_BYTES, begin)
        if not chunk:
            return None
        for match in _RECORD_START.finditer(chunk):
            start = begin + match.start(1)
            if start >= after and (match.start(1) > 0 or begin == 0):
                return start
        if len(chunk) < _SCAN_BYTES:
            return None
        position = begin + len(chunk) - 16  # a record line cut by the chunk's end is seen in the next one


def record_in_header(fd: int, offset: int, block_start: int) -> int | None:
    """The offset of a record whose first line lies inside the header of the record at ``offset`` (which ends at
    ``block_start``), or None. A header line cut short ("WARC-Date: …\\n\\r\\n", a CR lost) leaves no blank line
    where the header ends: FastWARC reads on into the next record's header, as one header with its fields twice,
    and that record, whole, was lost with the damaged one."""
    header = os.pread(fd, block_start - offset, offset)
    found = next((match for match in _RECORD_LINE.finditer(header) if match.start() > 0), None)
    return None if found is None else offset + found.start()


#: A WARC header's Content-Length line (field names in any case, as the standard has them).
_CONTENT_LENGTH = re.compile(rb"^content-length:[ \t]*(\d+)[ \t]*\r?$", re.IGNORECASE | re.MULTILINE)


def record_inside(fd: int, start: int, end: int) -> int | None:
    """The offset of a record that starts inside the record read from ``start`` to ``end`` and runs on past ``end``
    by its own Content-Length, to where a record ends; or None. The record before it took its header into its block,
    a Content-Length too long by just so much that it ended on the blank line after that header, where a record may
    end: its page was then read as the next record's header, and lost. Looked for only when what follows ``end`` is
    no record, so a record that holds a WARC of its own, whose records end inside it, is not taken apart.
    (``record_over_block`` finds such a record first, when the record is read; this is what is left when it does
    not, after FastWARC failed there.)"""
    inner = next_record_start(fd, start + 1)
    while inner is not None and inner < end:
        body = block_start(fd, inner)
        if body is not None and body >= end:
            found = _CONTENT_LENGTH.search(os.pread(fd, body - inner, inner))
            if found is not None and record_end(fd, body, int(found[1])) is not None:
                return inner
        inner = next_record_start(fd, inner + 1)
    return None


def record_follows(fd: int, end: int) -> bool:
    """Whether a record starts at ``end``, where a record ends (its trailer included), or the file ends there; blank
    lines aside. Where neither does, the record's Content-Length ended it on bytes that only look like a record's
    end: a blank line of the next record's page, the blank line after its header."""
    ahead = os.pread(fd, _FOLLOWING_PROBE_BYTES, end).lstrip(b"\r\n")
    return not ahead or ahead.startswith(_WARC_HEAD)


def record_over_block(fd: int, block_start: int, block_length: int) -> int | None:
    """The offset of the first record whose header starts inside the block at ``block_start``, ``block_length``
    bytes long as its record's Content-Length declares, with records running on from it one after another (each
    ends, by its own Content-Length, where the next starts), the last of them past the block's declared end; or
    None. The length took in their start (too long: a digit added, bytes lost from the block): the block ends
    before that header. A block that holds records of its own (a page quoting one, a WARC archived as a file)
    holds no such run: the records it holds end inside it, followed by its own bytes or by its end."""
    declared_end = block_start + block_length
    tried_to = block_start
    for inner in _record_lines(fd, block_start, declared_end):
        if inner < tried_to:  # inside a run already followed: a run from there stops where that one did
            continue
        runs_past, last = _run_of_records(fd, inner, declared_end)
        if runs_past:
            return inner
        tried_to = last + 1
    return None


def _record_lines(fd: int, start: int, stop: int) -> Iterator[int]:
    """The offsets, from ``start`` up to ``stop``, of the lines that open a WARC record (``next_record_start``),
    found in one pass over the bytes between, a chunk at a time."""
    position, last = start, -1
    while position < stop:
        begin = max(position - 1, 0)  # one byte before: a line at ``position`` is seen at the start of a line
        wanted = min(_SCAN_BYTES, stop + _RECORD_LINE_BYTES - begin)
        chunk = os.pread(fd, wanted, begin)
        for match in _RECORD_LINE.finditer(chunk):
            found = begin + match.start()
            if max(last + 1, position) <= found < stop and (match.start() > 0 or begin == 0):
                last = found
                yield found
        if len(chunk) < wanted or begin + len(chunk) >= stop + _RECORD_LINE_BYTES:
            return
        position = begin + len(chunk) - _RECORD_LINE_BYTES  # a line cut by the chunk's end is seen in the next one


def block_before(fd: int, block_start: int, record: int) -> int:
    """The length of a block that starts at ``block_start`` and ends before the record at offset ``record``: the
    trailer between them, when it is there, is no part of it."""
    length = record - block_start
    tail = os.pread(fd, min(length, 4), record - min(length, 4))
    for trailer in _TRAILERS:
        if tail.endswith(trailer):
            return length - len(trailer)
    return length


def _run_of_records(fd: int, start: int, end: int) -> tuple[bool, int]:
    """Whether records run one after another from offset ``start``, each ending by its own Content-Length where the
    next starts (blank lines aside), the last of them past ``end``, inside the file; and the offset of the last
    record of the run."""
    size = os.fstat(fd).st_size
    while True:
        after = _end_by_own_length(fd, start)
        if after is None or after > size:
            return False, start
        if after > end:
            return True, start
        following = _record_at(fd, after)
        if following is None or following >= end:
            return False, start
        start = following


def _end_by_own_length(fd: int, start: int) -> int | None:
    """Where the record at offset ``start`` ends (its trailer included) by its own Content-Length, or None: it has
    no header that ends within ``_HEADER_PROBE_BYTES`` (a line that only looks like a record's first one costs no
    more), no Content-Length, or no trailer there."""
    header = os.pread(fd, _HEADER_PROBE_BYTES, start)
    header_end = header.find(b"\r\n\r\n")
    if header_end < 0:
        return None
    found = _CONTENT_LENGTH.search(header[: header_end + 2])
    return None if found is None else record_end(fd, start + header_end + 4, int(found[1]))


def _record_at(fd: int, end: int) -> int | None:
    """The offset of the record that starts at ``end`` (blank lines aside), or None."""
    ahead = os.pread(fd, _FOLLOWING_PROBE_BYTES, end)
    blanks = len(ahead) - len(ahead.lstrip(b"\r\n"))
    return end + blanks if ahead[blanks:].startswith(_WARC_HEAD) else None


def shortened_record(fd: int, offset: int, block_start: int, block_length: int) -> io.RawIOBase:
    """The record at ``offset`` as a stream that holds only the first ``block_length`` bytes of its block: its
    header, its Content-Length made that length, then those bytes (read from the file as the stream is read, never
    held whole) and a trailer."""
    header = os.pread(fd, block_start - offset, offset)
    header = _CONTENT_LENGTH.sub(lambda found: _with_length(found, block_length), header)
    return _Chunks(_header_range_trailer(fd, header, block_start, block_length))


def _header_range_trailer(fd: int, header: bytes, start: int, length: int) -> Iterator[bytes]:
    """``header``, then ``length`` bytes of the file from ``start``, read a bounded piece at a time, then a
    trailer."""
    yield header
    for piece_start in range(start, start + length, _SCAN_BYTES):
        yield os.pread(fd, min(_SCAN_BYTES, start + length - piece_start), piece_start)
    yield b"\r\n\r\n"


def _with_length(found: re.Match[bytes], length: int) -> bytes:
    """A Content-Length line ``found`` with ``length`` for its value."""
    line, start = found[0], found.start()
    return line[: found.start(1) - start] + str(length).encode() + line[found.end(1) - start :]


@dataclass(frozen=True)
class GzipDamage:
    """Damage to a ``.warc.gz``: the gzip member (or the bytes where one should start) at compressed offset
    ``member``, found at compressed byte ``at``, and why; ``cut`` when it is the end of the file inside a member."""

    member: int
    at: int
    reason: str
    cut: bool = False


def opens_gzip_record(fd: int, offset: int) -> bool:
    """Whether a gzip member that decompresses to the start of a WARC record begins at compressed ``offset``."""
    return _opens_record(os.pread(fd, _PROBE_BYTES, offset))


def next_gzip_record_start(fd: int, after: int) -> int | None:
    """The compressed offset, at or after ``after``, of the first gzip member that decompresses to the start of a
    WARC record, or None. The magic bytes turn up inside deflate data by chance (and throughout a region of
    garbage): each candidate costs at most ``_PROBE_BYTES`` of inflating, and nearly all fail in their first bytes."""
    position = after
    while True:
        # Each candidate is probed from memory: a read per candidate made a region full of them slow.
        chunk = os.pread(fd, _SCAN_BYTES + _PROBE_BYTES, position)
        view = memoryview(chunk)
        scan_end = min(len(chunk), _SCAN_BYTES)
        found = chunk.find(_GZIP_MAGIC)
        while 0 <= found < scan_end:
            if _opens_record(view[found : found + _PROBE_BYTES]):
                return position + found
            found = chunk.find(_GZIP_MAGIC, found + 1)
        if len(chunk) <= _SCAN_BYTES:
            return None
        position += _SCAN_BYTES


def gzip_damage(fd: int, start: int, *, check_first: bool) -> tuple[GzipDamage | None, int | None]:
    """The first damage in the gzip members from compressed offset ``start`` (a member's start) on, and the offset of
    the first member after the one at ``start`` that opens a WARC record: whichever comes first, the other None
    (both None: the members run intact to the end of the file). Damage is a member that does not decompress (corrupt,
    or cut off by the end of the file), bytes that start no member, and a member that decompresses to something
    other than a record's start (members of blanks alone, as some writers pad with, are none). The member at
    ``start`` is held to opening a record only when ``check_first``: it was read as one otherwise (and a file
    compressed as a single member holds every record in it)."""
    member, first = start, True
    size = os.fstat(fd).st_size
    while member < size:
        if not first and opens_gzip_record(fd, member):
            return None, member
        end, head, damage = _walk_member(fd, member)
        if damage is not None:
            return damage, None
        if (check_first or not first) and head:
            if not head.startswith(_WARC_HEAD):
                reason = f"the gzip member there decompresses to no WARC record: {head!r}…"
                return GzipDamage(member, member, reason), None
            if not first:  # not seen as a record by the probe: its start is spread over deflate blocks
                return None, member
        first = False
        member = end
    return None, None


def member_damage(fd: int, start: int) -> GzipDamage | None:
    """The damage of the gzip member at compressed offset ``start``, if it does not decompress."""
    return _walk_member(fd, start)[2]


def gzip_block_head(fd: int, member: int, length: int, *, record_id: str) -> bytes | None:
    """The first ``length`` bytes of the block of the record whose gzip member starts at compressed offset ``member``,
    inflating no more of the member than its header and those bytes. None when no member opening that record (its
    header names ``record_id``) starts there: the records of a file compressed as one member have no offsets of their
    own, and FastWARC gives them whatever it had read so far."""
    inflated = bytearray()
    block_start: int | None = None
    for piece in _inflated(fd, member):
        inflated += piece
        if block_start is None:
            header_end = inflated.find(b"\r\n\r\n")
            if header_end < 0:
                if len(inflated) > _MAX_HEADER_BYTES:
                    return None
                continue
            block_start = header_end + 4
            if not _is_header_of(inflated[:block_start], record_id):
                return None
        if len(inflated) >= block_start + length:
            return bytes(inflated[block_start : block_start + length])
    return None


def _is_header_of(header: bytearray, record_id: str) -> bool:
    """Whether ``header`` is the WARC header of the record ``record_id`` (ids are unique). Its WARC-Record-ID field,
    not the id anywhere: a request's header names its response's id in WARC-Concurrent-To."""
    field = (
        rb"(?:^|\n)WARC-Record-ID:[ \t]*" + re.escape(record_id.strip().encode("utf-8", "replace")) + rb"[ \t]*\r?\n"
    )
    return header.startswith(_WARC_HEAD) and re.search(field, header, re.IGNORECASE) is not None


def _inflated(fd: int, start: int) -> Iterator[bytes]:
    """What the gzip member at compressed offset ``start`` decompresses to, a piece of at most ``_PROBE_BYTES`` at a
    time, as far as it decompresses (damage ends it: its reader says what it is)."""
    decompressor = zlib.decompressobj(wbits=31)
    position = start
    while not decompressor.eof and (chunk := os.pread(fd, _PROBE_BYTES, position)):
        position += len(chunk)
        data = chunk
        while True:
            try:
                output = decompressor.decompress(data, _PROBE_BYTES)
            except zlib.error:
                return
            if output:
                yield output
            data = decompressor.unconsumed_tail
            if decompressor.eof or (not data and len(output) < _PROBE_BYTES):  # a full output may leave more in zlib
                break


def _opens_record(data: bytes | memoryview) -> bool:
    """Whether ``data`` starts a gzip member whose first decompressed bytes open a WARC record."""
    # The flags' reserved bits set (RFC 1952 §2.3.1) rule most chance matches out without inflating.
    if len(data) < 10 or data[:3] != _GZIP_MAGIC or data[3] & 0xE0:
        return False
    try:
        head = zlib.decompressobj(wbits=31).decompress(data, len(_WARC_HEAD))
    except zlib.error:
        return False
    return head == _WARC_HEAD


def _walk_member(fd: int, start: int) -> tuple[int, bytes, GzipDamage | None]:
    """Inflate the gzip member at ``start`` without holding it: where it ends, the first bytes it decompresses to
    that are not blanks (a few), and its damage if any."""
    decompressor = zlib.decompressobj(wbits=31)
    head = b""
    position = start
    while chunk := os.pread(fd, _SCAN_BYTES, position):
        data = chunk
        while True:
            saved = decompressor.copy()
            try:
                output = decompressor.decompress(data, _INFLATE_BYTES)
            except zlib.error as exc:
                if os.pread(fd, 2, start) != _GZIP_MAGIC[:2]:
                    return start, head, GzipDamage(start, start, "bytes that start no gzip member")
                where = position + len(chunk) - len(data) + _failing_byte(saved, data)
                reason = f"gzip data is corrupt in the member that starts at compressed offset {start} ({exc})"
                return where, head, GzipDamage(start, where, reason)
            if len(head) < 16:
                head = (head + output if head else output.lstrip())[:16]
            if decompressor.eof:
                return position + len(chunk) - len(decompressor.unused_data), head, None
            data = decompressor.unconsumed_tail
            if not data and len(output) < _INFLATE_BYTES:  # a full output may leave more inflated, held in zlib
                break
        position += len(chunk)
    reason = f"the file ends inside the gzip member that starts at compressed offset {start} (truncated?)"
    return position, head, GzipDamage(start, position, reason, cut=True)


def _failing_byte(saved: Any, data: bytes) -> int:
    """The index of the byte of ``data`` at which zlib, from the state ``saved`` it was in before ``data``, finds the
    data corrupt. Narrowed down by pieces of 4 KiB, then 64 bytes, then one: a copy of zlib's state (its 32 KiB
    window) before each piece, a few hundred copies in all, where a copy before each byte would be a million."""
    low, high, state = 0, len(data), saved
    for size in (4096, 64, 1):
        for begin in range(low, high, size):
            before = state.copy()
            try:
                state.decompress(data[begin : min(begin + size, high)])
            except zlib.error:
                low, high, state = begin, min(begin + size, high), before
                break
        else:  # no piece fails alone (not expected): the narrowest range found stands
            return low
    return low


def gzip_size_before(fd: int, offset: int) -> int | None:
    """The size a gzip member that ends at compressed ``offset`` says it decompresses to (its ISIZE, RFC 1952
    §2.3.1: modulo 2**32), or None before the file's fourth byte."""
    return int.from_bytes(os.pread(fd, 4, offset - 4), "little") if offset >= 4 else None


@dataclass(frozen=True)
class MemberOverrun:
    """A record whose block, by its Content-Length, runs past the end of its own gzip member: how much of its block
    the member holds (its trailer aside), and the compressed offset where the member ends."""

    block_length: int
    member_end: int


def gzip_member_overrun(fd: int, member: int, block_length: int) -> MemberOverrun | None:
    """How the block of the record whose gzip member starts at compressed offset ``member``, ``block_length`` bytes
    by its Content-Length, runs past the member's end; or None: the member holds it (or opens no record, or does not
    decompress, which its reader says). A ``.warc.gz`` holds a record a member (WARC 1.1 annex D): a block running
    into the next member took in the records there. The member is inflated as far as the block goes at most, a piece
    at a time, its header alone held."""
    decompressor = zlib.decompressobj(wbits=31)
    header = bytearray()
    header_length: int | None = None
    inflated, tail = 0, b""  # how much the member decompressed to so far, and its last bytes
    position = member
    while chunk := os.pread(fd, _PROBE_BYTES, position):
        data = chunk
        while True:
            try:
                output = decompressor.decompress(data, _INFLATE_BYTES)
            except zlib.error:
                return None
            if header_length is None:
                header += output
                found = header.find(b"\r\n\r\n")
                if found >= 0:
                    header_length = found + 4
                    if not header.startswith(_WARC_HEAD):
                        return None
                    del header[:]
                elif len(header) > _MAX_HEADER_BYTES:
                    return None
            inflated += len(output)
            tail = (tail + output)[-4:]
            if header_length is not None and inflated >= header_length + block_length:
                return None  # the member holds the whole block
            if decompressor.eof:
                if header_length is None:
                    return None
                held = inflated - header_length
                trailer = next((len(end) for end in _TRAILERS if tail.endswith(end)), 0)
                end = position + len(chunk) - len(decompressor.unused_data)
                return MemberOverrun(max(held - min(trailer, held), 0), end)
            data = decompressor.unconsumed_tail
            if not data and len(output) < _INFLATE_BYTES:
                break
        position += len(chunk)
    return None  # the file ends inside the member: its reader says so


def shortened_gzip_record(fd: int, member: int, block_length: int) -> io.RawIOBase:
    """The record whose gzip member starts at compressed offset ``member`` as a stream of its uncompressed bytes
    that holds only the first ``block_length`` bytes of its block: its header, its Content-Length made that length,
    then those bytes (inflated as the stream is read, never held whole) and a trailer."""
    return _Chunks(_shortened_pieces(fd, member, block_length))


def _shortened_pieces(fd: int, member: int, block_length: int) -> Iterator[bytes]:
    """The pieces of ``shortened_gzip_record``."""
    decompressor = zlib.decompressobj(wbits=31)
    header = bytearray()
    left: int | None = None  # how much of the block is still to come, once the header is out
    position = member
    while (left is None or left > 0) and (chunk := os.pread(fd, _PROBE_BYTES, position)):
        position += len(chunk)
        data = chunk
        while left is None or left > 0:
            output = decompressor.decompress(data, _INFLATE_BYTES)
            block = output
            if left is None:
                header += output
                found = header.find(b"\r\n\r\n")
                if found < 0:
                    if len(header) > _MAX_HEADER_BYTES:
                        return
                    block = b""
                else:
                    yield _CONTENT_LENGTH.sub(lambda line: _with_length(line, block_length), bytes(header[: found + 4]))
                    block, left = bytes(header[found + 4 :]), block_length
                    del header[:]
            if left is not None and block:
                yield block[:left]
                left -= min(left, len(block))
            data = decompressor.unconsumed_tail
            if decompressor.eof or (not data and len(output) < _INFLATE_BYTES):
                break
        if decompressor.eof:
            break
    yield b"\r\n\r\n"


class _Chunks(io.RawIOBase):
    """A stream of the pieces of bytes an iterator gives, each taken as the stream is read."""

    def __init__(self, pieces: Iterator[bytes]) -> None:
        super().__init__()
        self._pieces = pieces
        self._held = memoryview(b"")
        self._position = 0

    def readable(self) -> bool:
        return True

    def tell(self) -> int:
        return self._position

    def readinto(self, buffer: Any) -> int:
        while not self._held:
            piece = next(self._pieces, None)
            if piece is None:
                return 0
            self._held = memoryview(piece)
        size = min(len(buffer), len(self._held))
        buffer[:size] = self._held[:size]
        self._held = self._held[size:]
        self._position += size
        return size
