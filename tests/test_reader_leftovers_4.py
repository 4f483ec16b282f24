"""Reader leftovers, fourth round: a closing bracket of a JSON array (or of a wrapper's list) with no comma after it
that took the place of the comma (and the opening brace) of the record after it. The bytes after it were the rest of
the record before it or that next record, which could not be told: the records after it were one failure. When they
are an object whole (with that brace) that opens with the first key of the records before it, they are the next
record (read as the rest of the one before, that record would hold its first key twice, or a member opening with a
brace): it is one failure, and the records after it are read, numbered as the file whole numbers them."""

from __future__ import annotations

import gzip
import json
from pathlib import Path
from typing import Any

import pytest
from _records import shown

from newsclean._models import Failure
from newsclean._pipeline import Document
from newsclean.io import JsonlReader


def _records(count: int) -> list[dict[str, Any]]:
    return [
        {"id": f"r{n}", "url": f"http://example.com/{n}", "text": f"Story {n}, with commas, and {{braces}}."}
        for n in range(count)
    ]


def _document(records: list[dict[str, Any]], *, wrapped: bool, indent: int | None) -> str:
    return json.dumps({"status": "ok", "articles": records} if wrapped else records, indent=indent)


def _read(path: Path) -> list[Document | Failure]:
    return list(JsonlReader(path))


def _brace_and_comma_lost(text: str, number: int) -> tuple[str, int]:
    """``text`` with the comma before record ``number`` turned into "]" and the record's opening brace lost (blanks
    between them dropped), and where that bracket is."""
    brace = text.rindex("{", 0, text.index(f'"r{number}"'))
    comma = text.rindex(",", 0, brace)
    return text[:comma] + "]" + text[brace + 1 :], comma


def _comma_turned(text: str, number: int) -> tuple[str, int]:
    """``text`` with the comma before record ``number`` turned into "]", and where that bracket is."""
    brace = text.rindex("{", 0, text.index(f'"r{number}"'))
    comma = text.rindex(",", 0, brace)
    return text[:comma] + "]" + text[comma + 1 :], comma


#: Each damage, and how the failure for the record it hits says what the bracket took the place of.
_DAMAGES = {
    "comma and brace": (
        _brace_and_comma_lost,
        "this record's comma and opening brace",
        "an object whole but for that brace",
        "would hold",
    ),
    "comma": (
        _comma_turned,
        "the comma before this record",
        "an object whole",
        "has no member opening with a brace, nor",
    ),
}


def _key(path: Path, wrapped: bool) -> str:
    return f'{path}["articles"]' if wrapped else str(path)


def _one_failed(key: str, failed: int, count: int = 5) -> list[tuple[str, str | None, str]]:
    return [
        ("Failure", None, f"{key}[{index}]") if index == failed else ("Document", f"r{index}", f"{key}[{index}]")
        for index in range(count)
    ]


@pytest.mark.parametrize("damage", list(_DAMAGES))
@pytest.mark.parametrize("indent", [None, 2], ids=["one line", "pretty"])
@pytest.mark.parametrize("wrapped", [False, True], ids=["array", "wrapper"])
@pytest.mark.parametrize("number", [1, 2, 4], ids=["second", "middle", "last"])
def test_a_bracket_in_the_place_of_a_records_comma_costs_that_record_alone(
    tmp_path: Path, wrapped: bool, indent: int | None, number: int, damage: str
) -> None:
    damaged, what, whole, rest = _DAMAGES[damage]
    text, at = damaged(_document(_records(5), wrapped=wrapped, indent=indent), number)
    path = tmp_path / "export.json"
    path.write_text(text)
    items = _read(path)
    assert shown(items) == _one_failed(_key(path, wrapped), number)
    failure = items[number]
    assert isinstance(failure, Failure)
    assert failure.stage == "read"
    assert failure.message.startswith(f"unexpected ']' at byte {at:,}, in the place of {what}: the bytes after it,")
    assert failure.message.endswith(
        f"are {whole} that opens with the first key of the records before it, so they are this record, not the rest"
        f" of the one before (which {rest} its first key twice); the records after it are read"
    )


def test_a_bracket_in_the_place_of_a_records_comma_and_brace_in_a_gzipped_wrapper(tmp_path: Path) -> None:
    text, _ = _brace_and_comma_lost(_document(_records(5), wrapped=True, indent=2), 2)
    path = tmp_path / "export.json.gz"
    path.write_bytes(gzip.compress(text.encode()))
    assert shown(_read(path)) == _one_failed(_key(path, True), 2)


def test_the_end_of_the_bytes_after_the_bracket_is_named(tmp_path: Path) -> None:
    text, at = _brace_and_comma_lost(json.dumps(_records(5)), 2)
    path = tmp_path / "dump.json"
    path.write_text(text)
    failure = _read(path)[2]
    assert isinstance(failure, Failure)
    brace = text.index('."}', text.index('"Story 2')) + 2  # the closing brace of record 2, which lost its opening one
    assert f"the bytes after it, to byte {brace:,}, are an object whole" in failure.message
    assert brace > at


@pytest.mark.parametrize("wrapped", [False, True], ids=["array", "wrapper"])
def test_a_bracket_over_the_comma_between_two_members_still_gives_up(tmp_path: Path, wrapped: bool) -> None:
    # '}]' over ', ' after a member: what follows opens with a key that is not the records' first, so it may be the
    # rest of this record as well as the next record that lost its comma and brace: the rest is one failure.
    text = _document(_records(5), wrapped=wrapped, indent=None)
    url = '"http://example.com/2"'
    at = text.index(url) + len(url)
    path = tmp_path / "export.json"
    path.write_text(text[:at] + "}]" + text[at + 2 :])
    items = _read(path)
    key = _key(path, wrapped)
    assert shown(items) == [
        ("Document", "r0", f"{key}[0]"),
        ("Document", "r1", f"{key}[1]"),
        ("Failure", None, f"{key}[2]"),
    ]
    assert isinstance(items[2], Failure)
    assert "cannot be told, so the records after it cannot be numbered" in items[2].message


def test_a_next_record_that_opens_with_another_key_than_the_records_before_still_gives_up(tmp_path: Path) -> None:
    # Its first key differs from the record before it: the bytes after the bracket may be that record's rest.
    records = _records(5)
    records[3] = {"url": "http://example.com/3", "id": "r3", "text": "Story 3."}
    text, _ = _brace_and_comma_lost(json.dumps(records), 3)
    path = tmp_path / "dump.json"
    path.write_text(text)
    items = _read(path)
    assert shown(items) == [*_one_failed(str(path), 5)[:2], ("Failure", None, f"{path}[2]")]
    assert isinstance(items[2], Failure)
    assert "cannot be told, so the records after it cannot be numbered" in items[2].message


def test_a_bracket_in_the_place_of_a_comma_and_brace_with_more_damage_after_it_is_not_read_past(
    tmp_path: Path,
) -> None:
    # A quote lost further on throws the count from the end off: the bracket is not read past, as before.
    text, _ = _brace_and_comma_lost(json.dumps(_records(6)), 2)
    story = text.index('"Story 4')
    path = tmp_path / "dump.json"
    path.write_text(text[:story] + text[story + 1 :])
    items = _read(path)
    assert shown(items) == [
        ("Document", "r0", f"{path}[0]"),
        ("Document", "r1", f"{path}[1]"),
        ("Failure", None, f"{path}[2]"),
    ]
