"""Looks ahead in a JSON Lines or JSON file, opening it anew, to tell how to read it before reading it: whether it
opens an array, whether its first line is all it holds, whether a first line over the bound is an array of records
with lines after it, whether a first line is a one-line wrapper that damage broke in two. Damage to a compressed
stream makes each say no."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from ._json_chunks import file_chunks
from ._json_lead import open_json
from ._json_records import json_records
from ._jsonl_lines import closes_at_end, drain, last_byte, rest_of_line
from ._line_ends import JsonLines

#: How much of a file is read at a time to see whether it opens a JSON array: blank lines, then "[".
_ARRAY_PROBE_BYTES = 4096


def opens_an_array(path: Path) -> bool:
    """Whether the file's first bytes, blanks aside, open a JSON array (False when they cannot be read)."""
    try:
        with open_json(path) as stream:
            # A read at a time: a buffered read() that wants more than the damage leaves raises, losing them.
            while chunk := stream.read1(_ARRAY_PROBE_BYTES):
                if content := chunk.lstrip():
                    return content.startswith(b"[")
    except (OSError, EOFError, ValueError):  # the damage lies before the first byte that is not blank
        return False
    return False


def nothing_after_first_line(path: Path, bound: int) -> bool:
    """Whether the file's first line is followed by blank lines alone (``{…}\\n``, as ``jq -c`` or an API's
    answer saved with a newline ends): the line is then the whole document, which may be a wrapper object. Lines are
    read at most ``bound`` bytes at a time."""
    try:
        with open_json(path) as stream:
            lines = JsonLines(stream)
            first = lines.readline(bound + 1)
            while first and not lines.ended(first):
                first = lines.readline(bound)
            while line := lines.readline(bound):
                if line.strip():
                    return False
    except (OSError, EOFError, ValueError):
        return False
    return True


def array_line_over_bound(path: Path, line_number: int, bound: int) -> bool:
    """Whether line ``line_number``, the first with content, longer than ``bound`` and opening with "[", is an
    array whole on its line with lines after it, as ``JsonlReader._array_line`` tells of a shorter one: JSON Lines
    whose first line is an array of records. Its array is found to close at the line's end by scanning the line a
    bounded piece at a time, never held whole. Read as the whole file's array, the lines after it were one "data
    after the end of the JSON array" failure, their records lost."""
    try:
        with open_json(path) as stream:
            lines = JsonLines(stream)
            for _ in range(line_number - 1):  # the blank lines before it
                drain(rest_of_line(lines.readline(bound + 1), lines, bound))
            chunks = rest_of_line(lines.readline(bound + 1), lines, bound)
            if not closes_at_end(json_records(chunks, max_record_bytes=bound)):
                return False
            drain(chunks)
            while line := lines.readline(bound):
                if line.strip():
                    return True
    except (OSError, EOFError, ValueError):  # damage to a compressed stream: the file is read as one document
        return False
    return False


def broken_line_wrapper(path: Path, line: bytes, bound: int, is_jsonl_line: Callable[[bytes], bool]) -> bool:
    """Whether the first line, ``line``, which opens a wrapper's list of records, is the start of a wrapper written
    on one line and broken by damaged bytes that hold a newline (a quote lost or added with it turned the object's
    strings inside out, so its brackets no longer close at the file's end): neither it nor the next line with
    content is a line of JSON Lines (``is_jsonl_line``: a value, or values one after another), and the file ends as
    an object does, with "}". Read as JSON Lines, its records were two malformed lines."""
    if is_jsonl_line(line):
        return False
    try:
        with open_json(path) as stream:
            lines = JsonLines(stream)
            drain(rest_of_line(lines.readline(bound + 1), lines, bound))
            following = b""
            while not following and (piece := lines.readline(bound + 1)):
                following = piece.strip()
            if not following or is_jsonl_line(following):
                return False
        with open_json(path) as stream:
            return last_byte(file_chunks(stream)) == b"}"
    except (OSError, EOFError, ValueError):
        return False
