"""Records of a JSON array run together: two or more whole objects one after another where the comma between them was
damaged (into another byte or several, or into "[", which opens a list no bracket closes). Read as one record, which
fails, they numbered every record after them too low, with no failure saying so. How many records such bytes hold is
counted here, on the failure path alone: the bytes of the record the strict scan cut (``records_run_together``), or
of a record salvage read past (``RecordProblem.span``, read from the file again: ``counted_runs``)."""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from pathlib import Path

import msgspec

from .._models import Failure
from ._json_chunks import file_bytes
from ._json_records import RecordProblem
from ._records import Item

#: At most this many bytes of damage (blanks aside) where the comma between two records was: a byte flipped, or a few
#: overwritten. More stands for more than a comma lost (a record's bytes with it), whose records cannot be counted.
_MAX_SEPARATOR_DAMAGE = 64
#: And of blanks around it (a pretty-printed array's line break and indent).
_MAX_SEPARATOR_BYTES = 200
#: A member's key and colon: a record's own bytes, which no damaged comma leaves between two records.
_MEMBER = re.compile(r'"(?:[^"\\]|\\.)*"\s*:')


def records_run_together(record: bytes) -> int:
    """How many records the bytes of a failed record hold: whole objects one after another, each two apart by a few
    bytes of damage where the comma between them was (``{…}x{…}``, ``{…}[{…}``), which the scan, finding no comma
    between them, took as one record. 1 when they are no such run: no object is whole before damage inside it, since
    a whole object cannot go on inside one record; and damage that holds a comma (which parts records for the scan)
    or a member's key (the rest of a record, its brace closed early) is no damaged comma."""
    text = record.decode("utf-8", "replace").strip()  # (a byte that is no UTF-8 fails its record elsewhere)
    decoder = json.JSONDecoder()
    count = position = 0
    while True:
        try:
            value, end = decoder.raw_decode(text, position)
        except ValueError:
            return 1
        if not isinstance(value, dict):
            return 1
        count += 1
        rest = text[end:].lstrip()
        if not rest:
            return count
        brace = rest.find("{", 0, _MAX_SEPARATOR_BYTES)
        damage = "".join(rest[:brace].split()) if brace >= 0 else None
        if damage is None or len(damage) > _MAX_SEPARATOR_DAMAGE or "," in damage or _MEMBER.search(damage):
            return 1
        position = len(text) - len(rest) + brace


def run_together(items: Iterator[Item], run: int) -> Iterator[Item]:
    """A failed record's failures, saying how many records its bytes hold when more than one
    (``records_run_together``): the records after it are numbered past them all."""
    for item in items:
        if run > 1 and isinstance(item, Failure):
            item = msgspec.structs.replace(
                item,
                message=f"{item.message}; the failed record holds {run} records whole, run together where the comma"
                " between them was damaged: the records after them are numbered past all of them",
            )
        yield item


def counted_runs(
    found: Iterator[tuple[int, bytes | RecordProblem]], path: Path, *, max_record_bytes: int
) -> Iterator[tuple[int, bytes | RecordProblem, int]]:
    """The records salvage found (index, value), each with how many records it holds (``records_run_together``: a
    problem over bytes that reading resumed after, read again from the file at ``path``), numbered past the runs
    before it."""
    shift = 0
    for index, value in found:
        run = 1
        if isinstance(value, RecordProblem) and value.span is not None:
            start, end = value.span
            if end - start <= max_record_bytes:
                try:
                    run = records_run_together(file_bytes(path, start, end))
                except (OSError, EOFError, ValueError):  # a damaged compressed stream: no run to count
                    run = 1
        yield index + shift, value, run
        shift += run - 1
