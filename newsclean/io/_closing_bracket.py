"""Whether a closing bracket that ends a JSON array early is damage: a ``]`` (or ``}]``) put among a record's members,
or over a record's opening brace or the comma before it, closes a top-level array, or a wrapper's list and then its
object, before the end of the document. The count from the end (``suffix_counts``) tells whether the array goes on
after it, and so whether the record it ends is one failure to read past (``_json_array_reader``); with no comma after
it, whether the bytes after it are the next record, whose comma (and opening brace) it took the place of
(``next_record_after``). A wrapper's object that closes early is still read as a wrapper when what follows it opens
no JSON value."""

from __future__ import annotations

import itertools
from collections.abc import Iterator
from pathlib import Path
from typing import NamedTuple, TypeGuard

from .._models import Failure
from ._json_chunks import file_chunks
from ._json_lead import open_json
from ._json_records import _WHITESPACE, Member, ObjectLayout, _from_byte, json_records
from ._json_salvage import first_key, suffix_counts, whole_object

_COMMA, _CLOSE_SQUARE = ord(","), ord("]")


class ClosingFault(NamedTuple):
    """An array's closing bracket that is damage (``closing_fault``): why, and whether the records after it can be
    placed (not ``ambiguous``)."""

    message: str
    ambiguous: bool = False


def closing_fault(path: Path, closed_at: int, record_start: int | None, *, embedded: bool) -> ClosingFault | None:
    """Whether the array's closing bracket at byte ``closed_at`` of the file at ``path``, which more of the document
    follows, is damage, by the count from the end (``suffix_counts``): None when the document ends where its JSON
    closes after it; else why the record it ends is damaged (``record_start``: that record's start; None: it ends an
    empty slot, after a comma), to be read past; ``ambiguous`` when what follows may be that record's rest (the damage
    closed it early) or the next record (its comma and opening brace turned into the bracket), which cannot be told.
    ``embedded``: the array is a wrapper's list, the document ending with the wrapper's brace."""
    closer = ord("}") if embedded else ord("]")
    try:
        with open_json(path) as stream:
            after = suffix_counts(file_chunks(stream), start=closed_at + 1, closer=closer)
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


class NextRecord(NamedTuple):
    """The record after an array's closing bracket that took the place of that record's comma (``next_record_after``):
    where it ends (the byte after its closing brace), and whether the bracket took its opening brace too."""

    end: int
    brace_lost: bool


def next_record_after(
    path: Path, closed_at: int, record: bytes, key_before: bytes | None, *, embedded: bool, max_record_bytes: int
) -> NextRecord | None:
    """The record after an array's closing bracket at byte ``closed_at`` with no comma after it
    (``ClosingFault.ambiguous``), when that bracket took the place of that record's comma, and of its opening brace
    when the bytes after it open with none: those bytes, with that brace before them, are an object whole within
    ``max_record_bytes`` that opens with the first key of ``record`` (the one the bracket ends, whole) and of the
    record before it (``key_before``, its first key; None: there is none), and the count from the end puts a
    boundary between the array's records right after it, where a comma or the array's end follows. Else None.

    The other reading, that the bracket closed ``record`` early and the bytes after it are its last members, would
    have the record hold its first key twice (the records of a dump hold a key once), or open a member with a brace
    (as no member does)."""
    key = first_key(record)
    if key is None or (key_before is not None and key_before != key):
        return None
    try:
        with open_json(path) as stream:
            lead, opens_with = _blanks_before(_from_byte(file_chunks(stream), closed_at + 1))
        brace_lost = opens_with != b"{"
        start = closed_at + 1 + (0 if brace_lost else lead)
        with open_json(path) as stream:
            rest = _from_byte(file_chunks(stream), start)
            prefixed = itertools.chain([b"{"], rest) if brace_lost else rest
            found = next(json_records(prefixed, max_record_bytes=max_record_bytes), None)
        if not (isinstance(found, bytes) and found.startswith(b"{") and whole_object(found)):
            return None
        if first_key(found) != key:
            return None
        end = start + len(found) - (1 if brace_lost else 0)  # (less the brace put before the bytes)
        closer = ord("}") if embedded else ord("]")
        with open_json(path) as stream:
            after = suffix_counts(file_chunks(stream), start=end, closer=closer)
    except (OSError, EOFError, ValueError):  # a damaged compressed stream
        return None
    depth = 2 if embedded else 1  # the brackets open between the array's records
    between_records = after.ends_closed and after.quotes % 2 == 0 and after.nesting[0] == -depth
    return NextRecord(end, brace_lost) if between_records and after.opens_with in (_COMMA, _CLOSE_SQUARE) else None


def _blanks_before(chunks: Iterator[bytes]) -> tuple[int, bytes]:
    """How many blanks open ``chunks``, and the byte after them (empty at their end)."""
    lead = 0
    for chunk in chunks:
        content = chunk.lstrip(_WHITESPACE)
        lead += len(chunk) - len(content)
        if content:
            return lead, content[:1]
    return lead, b""


def read_as_wrapper(layout: ObjectLayout | Failure | None) -> TypeGuard[ObjectLayout | Failure]:
    """Whether a document found to be a wrapper object with a list of records (``object_layout``; a ``Failure``: the
    file could not be opened) is read as one: yes, unless its object closes early with a JSON value after it (objects
    one after another, a wrapper among them, each read as any value is)."""
    return layout is not None and not (isinstance(layout, ObjectLayout) and layout.followed_by_value)


def list_close_suspect(layout: ObjectLayout, member: Member) -> bool:
    """Whether the closing bracket of the wrapper's list ``member`` may be damage: the wrapper's object does not end
    where that bracket says (cut short or damaged after the list, which its reading does not see, or closed early
    with more after it), the fault being outside the list's own members."""
    return layout.problem is not None and layout.problem_in != member.start
