"""The records of a JSON document whose records span lines, read a record at a time from a byte of the file
(``json_records``): a top-level array, a wrapper's list of records, or objects one after another. Past a damaged
record of an array the reading goes on: a record that fails with the scan still on the records is one failure in
its place; else the rest is salvaged (``salvaged_records``); a closing bracket that ends the array early is read
past when it is damage (``_closing_bracket``), and so is a "}" put into a record that closed it early
(``_inserted_brace``); a failed record that holds several records run together counts them (``_json_runs``); where
the records cannot be placed, the rest is one failure."""

from __future__ import annotations

import contextlib
import itertools
from collections.abc import Callable, Generator, Iterator
from pathlib import Path

import msgspec

from .._models import Failure
from ._closing_bracket import ClosingFault, NextRecord, closing_fault, next_record_after
from ._inserted_brace import MembersAfter, members_after_brace, opens_with_member
from ._json_chunks import file_chunks
from ._json_decode import SHAPE_FAILURES
from ._json_lead import open_json
from ._json_records import RecordProblem, RecordSpans, json_records
from ._json_runs import counted_runs, records_run_together, run_together
from ._json_salvage import Salvaged, first_key, json_failure, object_inside, salvaged_records, suffix_counts
from ._records import Item, read_failure

#: How the items of one value ``json_records`` found are given: the value (or the problem in its place), its
#: position and its default id.
FoundItems = Callable[[bytes | RecordProblem, str, str], Iterator[Item]]


class JsonArrayReader:
    """Reads the records of the file at ``path`` a record at a time, each within ``max_record_bytes``, each value
    found turned into items by ``found_items``."""

    def __init__(self, path: Path, found_items: FoundItems, *, max_record_bytes: int) -> None:
        self.path = path
        self.found_items = found_items
        self.max_record_bytes = max_record_bytes

    def records(
        self, position: str, start: int, where: str, label: str, *, closing_suspect: bool = False
    ) -> Generator[Item, None, bool]:
        """The items of each value ``json_records`` finds in the file from byte ``start``, positions and default ids
        numbered by index after ``where`` and ``label`` (``position``: the file's, for a failure to open it). An
        array whose closing bracket more of it follows (``closing_suspect``, for a wrapper's list: its object does
        not end where its bracket says) is read past it when that bracket is damage (``closing_fault``): True then."""
        try:
            stream = open_json(self.path)
        except OSError as exc:
            yield read_failure(exc, position)
            return False
        index = 0
        spans = RecordSpans()
        embedded = start > 0
        damaged_at: tuple[int, ClosingFault] | None = None
        fallback: list[Item] | None = None  # what the strict reading gave, should salvage past a closing bracket fail
        key_before: bytes | None = None  # the first key of the record before the one read
        with stream:
            # read1: a read that fills its size over several reads of a damaged .gz loses what it had read
            chunks = file_chunks(stream)
            try:
                records = _HeldBack(
                    json_records(chunks, max_record_bytes=self.max_record_bytes, start=start, spans=spans)
                )
                for record in records:
                    items = list(self.found_items(record, f"{where}[{index}]", f"{label}[{index}]"))
                    damaged_from = _damaged_from(record, items, spans)
                    if damaged_from is None and spans.closed_at is not None and isinstance(record, bytes):
                        # The record the array's closing bracket ends: whether that bracket is the array's end.
                        try:
                            following = None if embedded else next(records, None)
                        except (OSError, EOFError, ValueError):  # the stream damaged after it: the record stands
                            yield from items
                            index += 1
                            raise
                        own = len(items)
                        if following is not None:
                            after = f"[{index + 1}]"
                            items += self.found_items(following, where + after, label + after)
                        if following is not None or closing_suspect:
                            fault = closing_fault(self.path, spans.closed_at, spans.last_start or 0, embedded=embedded)
                            if fault is not None and fault.ambiguous:
                                read_past = yield from self._past_lost_comma(
                                    record, key_before, items[:own], index, where, label, spans.closed_at, embedded
                                )
                                if read_past:
                                    return True
                            if fault is not None:
                                damaged_from, damaged_at = spans.last_start or 0, (spans.closed_at, fault)
                                fallback = items
                                break
                        yield from items
                        return False
                    if damaged_from is not None and not isinstance(record, RecordProblem):
                        inside = object_inside(record)
                        if inside is not None:
                            yield _record_inside(items, damaged_from)
                            return True
                        # A record that is no JSON with its brackets and strings in step (a NaN, a bad number or
                        # literal) leaves the scan on the records: the next one reads, and the reading stands. Damage
                        # to a quote or a bracket shifts the scan off them, and the next one fails too.
                        following = next(records, None)
                        if following is not None:
                            run = records_run_together(record)
                            after = f"[{index + run}]"
                            next_items = list(self.found_items(following, where + after, label + after))
                            if _damaged_from(following, next_items, spans) is None:
                                yield from run_together(_placed_in_file(items, damaged_from), run)
                                yield from next_items
                                index += run + 1
                                key_before = first_key(following) if isinstance(following, bytes) else None
                                continue
                        elif spans.closed_at is not None and (run := records_run_together(record)) > 1:
                            # The last records of the array, run together: nothing after them to number.
                            yield from run_together(_placed_in_file(items, damaged_from), run)
                            return False
                    if damaged_from is not None:
                        break
                    if isinstance(record, bytes):
                        # The next value, found before this record's items are given: a "}" put into this record may
                        # have closed it early, its members after it read as a record that lost its opening brace.
                        try:
                            following = next(records, None)
                        except (OSError, EOFError, ValueError):  # the stream damaged after it: the record stands
                            yield from items
                            index += 1
                            raise
                        if following is not None and opens_with_member(following):
                            at = spans.next_start or 0
                            if (
                                yield from self._past_inserted_brace(
                                    record, key_before, index, where, label, at, embedded
                                )
                            ):
                                return True
                        if following is not None:
                            records.hold_back(following)
                    yield from items
                    index += 1
                    key_before = first_key(record) if isinstance(record, bytes) else None
                else:
                    if not (embedded and closing_suspect and spans.closed_at is not None and spans.next_start):
                        return False
                    # The list closed on an empty slot after a comma: a record's "{" turned into "]" is read past.
                    fault = closing_fault(self.path, spans.closed_at, None, embedded=embedded)
                    if fault is None:
                        return False
                    damaged_from, damaged_at, fallback = spans.next_start, (spans.closed_at, fault), []
            except (OSError, EOFError, ValueError) as exc:  # truncated or corrupt compressed stream (see _open)
                yield read_failure(f"input is truncated or corrupt after record {index}: {exc}", f"{where}[{index}]")
                return False
        return (
            yield from self._salvaged(
                damaged_from, index, where, label, embedded=embedded, damaged_at=damaged_at, fallback=fallback
            )
        ) and damaged_at is not None

    def _past_lost_comma(
        self,
        record: bytes,
        key_before: bytes | None,
        items: list[Item],
        index: int,
        where: str,
        label: str,
        closed_at: int,
        embedded: bool,
    ) -> Generator[Item, None, bool]:
        """The records of an array whose closing bracket at byte ``closed_at``, right after ``record`` (record
        ``index``, whole, whose ``items`` are given), took the place of the comma (and the opening brace) of the
        record after it (``next_record_after``; ``key_before``: the first key of the record before ``record``): one
        failure for that record, then the records after it, numbered from ``index + 2``. The count from the end that
        placed them is right only when no more damage follows: nothing is given, and False returned, unless a record
        follows whole or the array ends, or when the bytes after the bracket are no such record."""
        following = next_record_after(
            self.path, closed_at, record, key_before, embedded=embedded, max_record_bytes=self.max_record_bytes
        )
        if following is None:
            return False
        lost = _lost_comma(closed_at, following, f"{where}[{index + 1}]")
        return (yield from self._read_on(following.end, index + 2, where, label, [*items, lost], embedded=embedded))

    def _past_inserted_brace(
        self, record: bytes, key_before: bytes | None, index: int, where: str, label: str, start: int, embedded: bool
    ) -> Generator[Item, None, bool]:
        """The records of an array whose record ``index`` (``record``, whole; ``key_before``: the first key of the
        record before it) a "}" put into it closed early, its members after it (from byte ``start``) read as the next
        record, which lost its opening brace (``members_after_brace``): one failure for the record, then the records
        after it, numbered from ``index + 1``. Nothing is given, and False returned, when the bytes are no such
        members, or no record follows them whole nor does the array end there."""
        members = members_after_brace(
            self.path, start, record, key_before, embedded=embedded, max_record_bytes=self.max_record_bytes
        )
        if members is None:
            return False
        failure = _inserted_brace(members, start, f"{where}[{index}]")
        return (yield from self._read_on(members.end, index + 1, where, label, [failure], embedded=embedded))

    def _read_on(
        self, start: int, index: int, where: str, label: str, first: list[Item], *, embedded: bool
    ) -> Generator[Item, None, bool]:
        """``first`` (the items of the records up to byte ``start``, the last of them damaged), then the records of the
        array from byte ``start`` (right after that damaged record), numbered from ``index``, read as salvage reads
        them. The count from the end that placed them is right only when no more damage follows: nothing is given, and
        False returned, unless a record follows whole or the array ends."""
        try:
            with self._salvage_from(start, index, embedded=embedded) as found:
                head = list(itertools.islice(found, 1))
                if head and not isinstance(head[0][1], bytes):
                    return False
                yield from first
                yield from self._numbered(itertools.chain(head, found), where, label)
        except (OSError, EOFError, ValueError) as exc:  # truncated or corrupt compressed stream (see _open)
            yield read_failure(f"input is truncated or corrupt after record {index - 1}: {exc}", f"{where}[{index}]")
        return True

    def _salvaged(
        self,
        start: int,
        index: int,
        where: str,
        label: str,
        *,
        embedded: bool,
        damaged_at: tuple[int, ClosingFault] | None = None,
        fallback: list[Item] | None = None,
    ) -> Generator[Item, None, bool]:
        """The records of an array from its record ``index`` on, at byte ``start``, where damage stopped the strict
        scan or shifted it off the records (``salvaged_records``): two more passes over the file from there.

        ``damaged_at``: where and why the record there is known damaged, by the count from the end at an array's
        closing bracket that more of the document follows. That count is right only when no more damage follows
        (a wrapper damaged after its list shifts it too): the salvage stands when a record follows the damaged one,
        read whole; else ``fallback``, what the strict reading gave, is given instead, and False returned."""
        damage = None if damaged_at is None else (damaged_at[0], damaged_at[1].message)
        try:
            with self._salvage_from(start, index, embedded=embedded, damaged_at=damage) as found:
                if fallback is not None:
                    head = list(itertools.islice(found, 2))
                    if len(head) < 2 or not isinstance(head[1][1], bytes):
                        yield from fallback
                        return False
                    if damaged_at is not None and damaged_at[1].ambiguous:
                        # (a record whole after the damage: the count from the end stands, and the doubt is real)
                        yield read_failure(damaged_at[1].message, f"{where}[{index}]")
                        return True
                    found = itertools.chain(head, found)
                yield from self._numbered(found, where, label)
        except (OSError, EOFError, ValueError) as exc:  # truncated or corrupt compressed stream (see _open)
            yield read_failure(f"input is truncated or corrupt after record {index}: {exc}", f"{where}[{index}]")
        return True

    @contextlib.contextmanager
    def _salvage_from(
        self, start: int, index: int, *, embedded: bool, damaged_at: tuple[int, str] | None = None
    ) -> Iterator[Iterator[Salvaged]]:
        """The records from byte ``start`` on, numbered from ``index``, as salvage reads them (``salvaged_records``):
        the count from the file's end first, then the records, read while the context is open."""
        closer = ord("}") if embedded else ord("]")  # what the document ends with: the wrapper's brace, the array's
        with open_json(self.path) as stream:
            suffix = suffix_counts(file_chunks(stream), start=start, closer=closer)
        with open_json(self.path) as stream:
            yield salvaged_records(
                file_chunks(stream),
                suffix,
                start=start,
                index=index,
                depth=2 if embedded else 1,
                max_record_bytes=self.max_record_bytes,
                embedded=embedded,
                damaged_at=damaged_at,
            )

    def _numbered(self, found: Iterator[Salvaged], where: str, label: str) -> Iterator[Item]:
        """The items of the records salvage found, each numbered by its index, past the records run together in a
        failed one before it (``counted_runs``)."""
        for index, value, run in counted_runs(found, self.path, max_record_bytes=self.max_record_bytes):
            yield from run_together(self.found_items(value, f"{where}[{index}]", f"{label}[{index}]"), run)


class _HeldBack:
    """The values ``json_records`` finds, one of which may be held back, found before its turn, to come next."""

    def __init__(self, found: Iterator[bytes | RecordProblem]) -> None:
        self._found = found
        self._held: list[bytes | RecordProblem] = []

    def __iter__(self) -> _HeldBack:
        return self

    def __next__(self) -> bytes | RecordProblem:
        return self._held.pop() if self._held else next(self._found)

    def hold_back(self, value: bytes | RecordProblem) -> None:
        self._held.append(value)


def _inserted_brace(members: MembersAfter, start: int, position: str) -> Failure:
    """The failure for the record that a "}" put into it at byte ``members.brace_at`` closed early, its members after
    it (from byte ``start``) being its own (``members_after_brace``)."""
    return read_failure(
        f"unexpected '}}' at byte {members.brace_at:,}, inside this record: the bytes after it, from byte {start:,} to"
        f" byte {members.end - 1:,}, are members of this record (with a brace before them they are an object whole"
        " that holds none of its keys and does not open with the first key of the records), not a record that lost"
        " its opening brace; the records after it are read",
        position,
    )


def _lost_comma(closed_at: int, following: NextRecord, position: str) -> Failure:
    """The failure for the record whose comma (and opening brace) the array's closing bracket at byte ``closed_at``
    took the place of (``next_record_after``)."""
    if following.brace_lost:
        what, whole, rest = "this record's comma and opening brace", "an object whole but for that brace", "would hold"
    else:
        what, whole, rest = "the comma before this record", "an object whole", "has no member opening with a brace, nor"
    return read_failure(
        f"unexpected ']' at byte {closed_at:,}, in the place of {what}: the bytes after it, to byte"
        f" {following.end - 1:,}, are {whole} that opens with the first key of the records before it, so they are"
        f" this record, not the rest of the one before (which {rest} its first key twice); the records after it are"
        " read",
        position,
    )


def _placed_in_file(items: list[Item], start: int) -> Iterator[Item]:
    """A damaged record's failures, saying where the record starts in the file, as a salvaged record's do."""
    for item in items:
        if isinstance(item, Failure) and item.message.startswith(SHAPE_FAILURES):
            item = msgspec.structs.replace(item, message=f"{item.message}, in the record at byte {start:,} of the file")
        yield item


def _record_inside(items: list[Item], start: int) -> Failure:
    """The failure for a record (at byte ``start`` of the file) that fails where an object whole starts
    (``object_inside``): it lost its closing brace and took the next record in (and a brace added further on closed
    it), or an opening brace was added inside it; which cannot be told, nor, then, how many records its bytes hold.
    Read as one, the records after it were numbered one short."""
    (failure,) = [item for item in items if isinstance(item, Failure)]
    return msgspec.structs.replace(
        failure,
        message=(
            f"{failure.message}, in the record at byte {start:,} of the file, where an object whole starts: the next"
            " record (this one lost its closing brace) or its own rest (an opening brace added), so the records after"
            " it cannot be numbered: the rest of the file is one failure"
        ),
    )


def _damaged_from(found: bytes | RecordProblem, items: list[Item], spans: RecordSpans) -> int | None:
    """Where to salvage an array's records from (``salvaged_records``) when the value ``json_records`` found shows
    damage its strict scan cannot get past: a record of the array whose JSON fails (the scan may have cut it at a
    comma of a page's text, or taken the next records in with it), or brackets that no longer match; None when the
    strict reading stands. A file cut short is not damage to read past."""
    if not spans.in_array:
        return None
    if isinstance(found, RecordProblem):
        # (a file that ends inside a record may be cut short, or have had a quote or bracket of it damaged: salvage
        # tells them apart, and says a cut as this scan does)
        return spans.next_start if found.final and spans.next_start != spans.last_start else None
    failed = any(isinstance(item, Failure) and item.message.startswith(SHAPE_FAILURES) for item in items)
    return spans.last_start if failed and json_failure(found) is not None else None
