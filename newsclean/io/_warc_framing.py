"""Where the records of an uncompressed WARC begin and end, found in the file's bytes: to check that a record's
``Content-Length`` ends it where the next one begins, and to find the next record after a damaged region.

FastWARC takes each record's ``Content-Length`` on trust and stops at the first header that does not parse: a
record whose length is off swallows the start of the next one (or leaves its own end behind as the next "header"),
and a line of garbage between two records ends the file. Reading resumes at the next line that opens a record.
"""

from __future__ import annotations

import os
import re

#: The line that opens a record (WARC 1.0 and 1.1), at the start of a line.
_RECORD_START = re.compile(rb"(?:^|\n)(WARC/1\.[01]\r?\n)")
#: What follows a record's block: two CRLFs (WARC 1.1 §4); bare LFs are taken too, as FastWARC takes them.
_TRAILERS = (b"\r\n\r\n", b"\n\n")
#: A record's WARC header is read this far at most when looking for its end (a header is a few hundred bytes).
_MAX_HEADER_BYTES = 1 << 20
_SCAN_BYTES = 1 << 20


def is_gzip(fd: int) -> bool:
    """Whether the file starts as gzip (a ``.warc.gz``: records are members, offsets compressed ones)."""
    return os.pread(fd, 2, 0) == b"\x1f\x8b"


def record_end(fd: int, offset: int, block_length: int) -> int | None:
    """Where the record at ``offset``, whose block is ``block_length`` bytes, ends (its trailer included), or None
    when the bytes there are not a trailer: its Content-Length is wrong. A file that ends before the trailer is
    not judged here: the record is short, which its reader says."""
    header = os.pread(fd, _MAX_HEADER_BYTES, offset)
    header_end = header.find(b"\r\n\r\n")
    if header_end < 0:
        return None
    end = offset + header_end + 4 + block_length
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
