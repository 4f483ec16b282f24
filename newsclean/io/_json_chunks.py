"""A JSON file read a bounded chunk at a time, for the scans that find its records (``_json_records``), the count
from its end (``_json_salvage``) and a wrapper's layout."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import IO

from ._json_lead import open_json

#: How much of a JSON document whose records span lines is read at a time.
JSON_CHUNK_BYTES = 1 << 20


def file_chunks(stream: IO[bytes]) -> Iterator[bytes]:
    """``stream`` a read at a time (a read that fills its size over several reads of a damaged .gz loses them)."""
    return iter(lambda: stream.read1(JSON_CHUNK_BYTES), b"")  # type: ignore[attr-defined]


def until_damaged(stream: IO[bytes]) -> Iterator[bytes]:
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


def file_bytes(path: Path, start: int, end: int) -> bytes:
    """Bytes ``start`` to ``end`` of the JSON file at ``path``, as ``open_json`` reads it (fewer where it ends): for a
    second look at a few bytes on a failure path. Raises what a damaged compressed stream raises."""
    kept = bytearray()
    offset = 0
    with open_json(path) as stream:
        for chunk in file_chunks(stream):
            if offset + len(chunk) > start:
                kept += chunk[max(0, start - offset) : end - offset]
            offset += len(chunk)
            if offset >= end:
                break
    return bytes(kept)
