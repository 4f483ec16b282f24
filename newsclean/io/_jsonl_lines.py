"""The pieces of a JSON Lines file's lines the reader works with: a line longer than the bound read a piece at a
time, a record's line of an array written a record a line, the values of a line of several, the file's last byte."""

from __future__ import annotations

from collections.abc import Iterator

from ._json_records import RecordProblem, json_records
from ._line_ends import JsonLines

#: What JSON takes for blanks between values.
JSON_BLANKS = b" \t\r\n"


def rest_of_line(first: bytes, lines: JsonLines, size: int) -> Iterator[bytes]:
    """A line that ``first``, the first piece of it read, did not hold whole: ``first``, then the rest of the line,
    at most ``size`` bytes at a time."""
    piece = first
    while piece:
        yield piece
        if lines.ended(piece):
            return
        piece = lines.readline(size)


def drain(pieces: Iterator[bytes]) -> None:
    """Read what is left of ``pieces`` (the rest of a line), keeping none of it."""
    for _ in pieces:
        pass


def closes_at_end(found: Iterator[bytes | RecordProblem]) -> bool:
    """Whether the JSON array whose records ``json_records`` finds closes at the end of its bytes, nothing but
    blanks after it (a record over the bound is no sign it does not)."""
    return not any(isinstance(record, RecordProblem) and record.final for record in found)


def last_byte(chunks: Iterator[bytes]) -> bytes:
    """The last byte of ``chunks`` that is no blank (empty when there is none)."""
    last = b""
    for chunk in chunks:
        content = chunk.rstrip(JSON_BLANKS)
        if content:
            last = content[-1:]
    return last


def array_element(line: bytes, *, first: bool) -> bytes | None:
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


def line_values(line: bytes) -> list[bytes | RecordProblem]:
    """The JSON objects or arrays of a line that does not parse as one value, one after another, each cut out whole
    (``json_records``), and a problem for what is no value among them; none for a line that opens with no object."""
    if not line.lstrip().startswith(b"{"):
        return []
    return list(json_records([line], max_record_bytes=len(line)))
