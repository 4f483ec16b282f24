"""A "}" put into a record of a JSON array right before the comma between two of its members: it closes the record
early, and the members after it (``"url": …, "html": …}``) were read as a record that lost its opening brace, so the
records after them were numbered one too high. The two readings differ only in the records' keys: the members after
the brace are the record's own rest when, with a brace put before them, they are an object whole that holds none of
the record's keys and does not open with the key the records of the dump open with (a record that lost its brace
would). Told here (``members_after_brace``), on the failure path alone: the array reader asks only when what follows
a record opens with a member's key, as no record does, or fails to be cut out at all."""

from __future__ import annotations

import itertools
import json
from pathlib import Path
from typing import Any, NamedTuple

from ._json_chunks import file_bytes, file_chunks
from ._json_lead import open_json
from ._json_records import _WHITESPACE, RecordProblem, _from_byte, json_records
from ._json_salvage import _MEMBER, first_key, suffix_counts, whole_object

_COMMA, _CLOSE_SQUARE = ord(","), ord("]")
#: How many bytes before the members are read to find the brace that closed the record early, and after them to find
#: the first key of the record that follows.
_WINDOW_BYTES = 4096


class MembersAfter(NamedTuple):
    """A record's members after a "}" put into it (``members_after_brace``): where that brace is, and where the members
    end (the byte after the record's own closing brace)."""

    brace_at: int
    end: int


def opens_with_member(found: bytes | RecordProblem) -> bool:
    """Whether what the scan found after a record may be that record's members, cut off by a "}" put before them: it
    opens with a member's key, as no record does, or could not be cut out (the last member ends with the record's own
    brace, which no bracket of the array's level matches)."""
    return isinstance(found, RecordProblem) or _MEMBER.match(found) is not None


def members_after_brace(
    path: Path, start: int, record: bytes, key_before: bytes | None, *, embedded: bool, max_record_bytes: int
) -> MembersAfter | None:
    """The members of ``record`` (whole, its first key the records' own: that of the record before it, ``key_before``,
    or, with none before it, of the record after) that the bytes from ``start`` (right after its comma) hold, when a
    "}" put before that comma closed it early: those bytes, with a brace before them, are an object whole within
    ``max_record_bytes`` whose first key is not the record's, the two objects hold no key twice, and the count from the
    end puts a boundary between the array's records right after them. Else None (the members are the next record,
    its opening brace lost, or the bytes are no members of the record)."""
    key = first_key(record)
    if key is None or (key_before is not None and key_before != key):
        return None
    try:
        with open_json(path) as stream:
            rest = next(
                json_records(
                    itertools.chain([b"{"], _from_byte(file_chunks(stream), start)), max_record_bytes=max_record_bytes
                ),
                None,
            )
        if not (isinstance(rest, bytes) and whole_object(rest)) or first_key(rest) == key:
            return None
        if not _keys_apart(record, rest):
            return None
        end = start + len(rest) - 1  # (less the brace put before the bytes; blanks after it are in the record)
        closer = ord("}") if embedded else ord("]")
        with open_json(path) as stream:
            after = suffix_counts(file_chunks(stream), start=end, closer=closer)
        if key_before is None and after.opens_with == _COMMA and _next_key(path, end) != key:
            return None
        before = file_bytes(path, max(0, start - _WINDOW_BYTES), start)
    except (OSError, EOFError, ValueError):  # a damaged compressed stream
        return None
    depth = 2 if embedded else 1  # the brackets open between the array's records
    between_records = after.ends_closed and after.quotes % 2 == 0 and after.nesting[0] == -depth
    brace = before.rfind(b"}")
    if not between_records or after.opens_with not in (_COMMA, _CLOSE_SQUARE) or brace < 0:
        return None
    return MembersAfter(start - len(before) + brace, end)


def _keys_apart(record: bytes, rest: bytes) -> bool:
    """Whether the objects ``record`` and ``rest`` hold no key twice between them (nor either of them one twice)."""
    own, after = _top_keys(record), _top_keys(rest)
    if own is None or after is None:
        return False
    return len(own) + len(after) == len({*own, *after})


def _top_keys(data: bytes) -> list[str] | None:
    """The keys of the object ``data`` is, as written (twice, when written twice); None when it is no JSON."""
    found: list[list[str]] = []

    def kept(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
        found.append([key for key, _ in pairs])  # (the outermost object's pairs come last)
        return dict(pairs)

    try:
        json.loads(data.decode("utf-8", "replace"), object_pairs_hook=kept)
    except (ValueError, RecursionError):
        return None
    return found[-1] if found else None


def _next_key(path: Path, end: int) -> bytes | None:
    """The first key of the record after the comma that follows byte ``end`` (None: no record opens there)."""
    after = file_bytes(path, end, end + _WINDOW_BYTES).lstrip(_WHITESPACE)
    if not after.startswith(b","):
        return None
    return first_key(after[1:].lstrip(_WHITESPACE))
