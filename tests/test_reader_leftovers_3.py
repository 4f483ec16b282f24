"""Reader leftovers, third round: a closing bracket put inside a record of a JSON array or of a wrapper's list (the
records after it were lost with one failure, or the wrapper was read as one record), a one-line wrapper whose damaged
bytes hold a newline (read as two malformed lines of JSON Lines), two bracket faults that cancel out (the records
after them were numbered one short), and a usage error whose message cannot be written (exit 1, not 2)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
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


def _wrapper(indent: int | None = None) -> str:
    return json.dumps({"status": "ok", "articles": _records(5)}, indent=indent)


def _after_url(text: str, number: int) -> int:
    """Where the URL of record ``number`` ends: outside any string, inside the record."""
    url = f'"http://example.com/{number}"'
    return text.index(url) + len(url)


def _read(path: Path) -> list[Document | Failure]:
    return list(JsonlReader(path))


def _record_start(text: str, number: int) -> int:
    """Where record ``number`` starts, as failures name it: right after the comma before it."""
    return text.rindex(",", 0, text.index(f'"r{number}"')) + 1


def _third_of_five_failed(key: str) -> list[tuple[str, str | None, str]]:
    """What five records whose third is damaged read as, under ``key``: the other four, and one failure in its place."""
    return [
        ("Failure", None, f"{key}[2]") if index == 2 else ("Document", f"r{index}", f"{key}[{index}]")
        for index in range(5)
    ]


# --- a closing bracket inside a record -----------------------------------------------------------------------------


@pytest.mark.parametrize("indent", [None, 2], ids=["one line", "pretty"])
def test_a_bracket_closing_a_wrappers_list_inside_a_record_costs_that_record_alone(
    tmp_path: Path, indent: int | None
) -> None:
    # The list closed inside record 2, and the wrapper's object at its closing brace: what followed ("," then the
    # records after it) was one failure on one line, and the whole wrapper one record (it had a "text" then) when
    # pretty-printed.
    text = _wrapper(indent)
    at = _after_url(text, 2)
    path = tmp_path / "export.json"
    path.write_text(text[:at] + "}]" + text[at:])
    items = _read(path)
    key = f'{path}["articles"]'
    assert shown(items) == _third_of_five_failed(key)
    failure = items[2]
    assert isinstance(failure, Failure)
    assert failure.message.startswith(
        f"malformed JSON: unexpected ']' at byte {at + 1:,}: the array closes right after this record, yet the"
        f" record's members go on after it, in the record at byte {_record_start(text, 2):,} of the file"
    )
    resumes = _record_start(text, 3) + 2  # right after the comma before record 3, moved by the bytes put in
    assert failure.message.endswith(f"reading resumes at byte {resumes:,}")


def test_a_bracket_and_a_comma_overwriting_a_records_separator_in_an_array_cost_that_record_alone(
    tmp_path: Path,
) -> None:
    text = json.dumps(_records(5))
    at = _after_url(text, 2)
    path = tmp_path / "dump.json"
    path.write_text(text[:at] + "}]," + text[at + 3 :])  # '}],' over ', "'
    items = _read(path)
    assert shown(items) == _third_of_five_failed(str(path))
    assert isinstance(items[2], Failure)
    assert f"unexpected ']' at byte {at + 1:,}: the array closes right after this record" in items[2].message


@pytest.mark.parametrize("wrapped", [True, False], ids=["wrapper", "array"])
def test_a_bracket_right_after_a_record_with_no_comma_after_it_still_gives_up(tmp_path: Path, wrapped: bool) -> None:
    # '}]' over ', ': what follows may be the rest of record 2 or record 3 with its comma and brace lost; the
    # records after it cannot be numbered, and are one failure, which says where.
    text = _wrapper() if wrapped else json.dumps(_records(5))
    at = _after_url(text, 2)
    path = tmp_path / "export.json"
    path.write_text(text[:at] + "}]" + text[at + 2 :])
    items = _read(path)
    key = f'{path}["articles"]' if wrapped else str(path)
    assert shown(items) == [
        ("Document", "r0", f"{key}[0]"),
        ("Document", "r1", f"{key}[1]"),
        ("Failure", None, f"{key}[2]"),
    ]
    assert isinstance(items[2], Failure)
    assert items[2].message == (
        f"unexpected ']' at byte {at + 1:,}, right after the record at byte {_record_start(text, 2):,}, with more of"
        " the array after it: whether what follows it is the rest of that record or the next record (its comma and"
        " opening brace lost) cannot be told, so the records after it cannot be numbered: the rest of the file is"
        " one failure"
    )


def test_a_wrapper_damaged_after_its_list_still_gives_its_records_and_says_where(tmp_path: Path) -> None:
    # Its list's closing bracket is no damage, though the count from the end disagrees with it (the damage after
    # it shifts that count): no record follows it, and the strict reading stands.
    text = json.dumps({"status": "ok", "articles": _records(2), "next": None})
    at = text.index('"next"')
    path = tmp_path / "export.json"
    path.write_text(text[:at] + "]" + text[at + 1 :] + "\n")
    items = _read(path)
    assert shown(items) == [
        ("Document", "r0", f'{path}["articles"][0]'),
        ("Document", "r1", f'{path}["articles"][1]'),
        ("Failure", None, str(path)),
    ]


# --- a one-line wrapper broken by a newline -------------------------------------------------------------------------


@pytest.mark.parametrize("damage", ['"\n', '\n"', '"\r\n'], ids=["quote, LF", "LF, quote", "quote, CRLF"])
def test_a_one_line_wrapper_whose_damage_holds_a_newline_is_read_as_a_wrapper(tmp_path: Path, damage: str) -> None:
    # Read as JSON Lines: two malformed lines, every record lost.
    text = _wrapper()
    at = text.index("Story 2") + 3
    path = tmp_path / "export.json"
    path.write_text(text[:at] + damage + text[at:] + "\n", newline="")
    items = _read(path)
    key = f'{path}["articles"]'
    assert shown(items) == _third_of_five_failed(key)
    assert isinstance(items[2], Failure)
    assert items[2].message.startswith("malformed JSON: ")
    assert f"in the record at byte {_record_start(text, 2):,} of the file" in items[2].message
    assert "reading resumes at byte" in items[2].message


def test_json_lines_whose_first_line_is_a_damaged_wrapper_stay_json_lines(tmp_path: Path) -> None:
    # The line after it is a record of its own: the file is JSON Lines, its first line one bad line.
    first = _wrapper()[:-30]
    path = tmp_path / "dump.jsonl"
    lines = [first, json.dumps(_records(7)[5]), json.dumps(_records(7)[6])]
    path.write_text("\n".join(lines) + "\n")
    items = _read(path)
    assert shown(items) == [
        ("Failure", None, f"{path}:1"),
        ("Document", "r5", f"{path}:2"),
        ("Document", "r6", f"{path}:3"),
    ]


# --- two bracket faults that cancel out -----------------------------------------------------------------------------


def test_two_bracket_faults_that_cancel_out_number_no_record_after_them_wrongly(tmp_path: Path) -> None:
    # Record 1 lost its closing brace and record 2 gained one: the scan read them as one record that fails, the
    # record after it parsed, and that reading stood: record 3 was named [2].
    text = json.dumps(_records(5))
    end_1 = text.index('"Story 1, with commas, and {braces}."') + len('"Story 1, with commas, and {braces}."')
    damaged = text[:end_1] + text[end_1 + 1 :]
    end_2 = damaged.index('"Story 2, with commas, and {braces}."') + len('"Story 2, with commas, and {braces}."')
    damaged = damaged[:end_2] + "}" + damaged[end_2:]
    path = tmp_path / "dump.json"
    path.write_text(damaged)
    items = _read(path)
    assert shown(items) == [("Document", "r0", f"{path}[0]"), ("Failure", None, f"{path}[1]")]
    failure = items[1]
    assert isinstance(failure, Failure)
    fails_at = damaged.index('{"id": "r2"') - _record_start(damaged, 1) - 1  # in the record, its blank aside
    assert failure.message == (
        f"malformed JSON: JSON is malformed: object keys must be strings (byte {fails_at}), in the record at byte"
        f" {_record_start(damaged, 1):,} of the file, where an object whole starts: the next record (this one lost"
        " its closing brace) or its own rest (an opening brace added), so the records after it cannot be numbered:"
        " the rest of the file is one failure"
    )


# --- a usage error whose message cannot be written -----------------------------------------------------------------


@pytest.mark.timeout(120)
@pytest.mark.parametrize("arguments", [["clean", "--no-such-option"], ["--no-such-option"], ["clean"]])
def test_a_usage_error_exits_2_when_its_reader_of_standard_error_is_gone(arguments: list[str]) -> None:
    # click writes the message after catching the error: the broken pipe raised out of its handler, exit 1.
    read_end, write_end = os.pipe()
    os.close(read_end)
    try:
        run = subprocess.run(
            [sys.executable, "-m", "newsclean", *arguments], stderr=write_end, stdout=subprocess.DEVNULL, timeout=120
        )
    finally:
        os.close(write_end)
    assert run.returncode == 2


def test_a_brace_added_then_one_lost_gives_up_rather_than_number_the_records_after_wrongly(tmp_path: Path) -> None:
    # Record 1 gained a closing brace and record 2 lost its own: past the first fault, the count from the end was
    # off by one up to the second, so record 2's members were each taken for a record (two failures), and records 3
    # and 4 were named [4] and [5].
    text = json.dumps(_records(5))
    end_1 = text.index('"Story 1, with commas, and {braces}."') + len('"Story 1, with commas, and {braces}."')
    damaged = text[:end_1] + "}" + text[end_1:]
    end_2 = damaged.index('"Story 2, with commas, and {braces}."') + len('"Story 2, with commas, and {braces}."')
    damaged = damaged[:end_2] + damaged[end_2 + 1 :]
    path = tmp_path / "dump.json"
    path.write_text(damaged)
    items = _read(path)
    assert shown(items) == [
        ("Document", "r0", f"{path}[0]"),
        ("Failure", None, f"{path}[1]"),
        ("Failure", None, f"{path}[2]"),
    ]
    member = damaged.index('"url": "http://example.com/2"') - 1  # right after the comma before it
    assert isinstance(items[1], Failure) and f"reading resumes at byte {member:,}" in items[1].message
    assert isinstance(items[2], Failure)
    assert items[2].message == (
        f"malformed JSON: the record at byte {member:,} of the file, where reading resumed past the damage before it,"
        " opens with a member's key, as no record does: more damage to the brackets lies further on, so where the"
        " records start cannot be told: the rest of the file is one failure"
    )


def test_a_record_whose_object_lost_its_key_is_one_failure_and_the_records_after_it_are_read(tmp_path: Path) -> None:
    # An object whole where the record's next key belongs, opening with a key of its own: no record taken in, so the
    # reading stands (the record after it parses), as before.
    records = _records(4)
    records[1]["meta"] = {"words": 120}
    text = json.dumps(records)
    damaged = text.replace('"meta": {"words"', '        {"words"')
    path = tmp_path / "dump.json"
    path.write_text(damaged)
    items = _read(path)
    assert shown(items) == [
        ("Document", "r0", f"{path}[0]"),
        ("Failure", None, f"{path}[1]"),
        ("Document", "r2", f"{path}[2]"),
        ("Document", "r3", f"{path}[3]"),
    ]
    assert isinstance(items[1], Failure)
    assert items[1].message.endswith(f", in the record at byte {_record_start(damaged, 1):,} of the file")


def test_a_records_opening_brace_turned_into_a_bracket_in_a_wrappers_list_costs_that_record_alone(
    tmp_path: Path,
) -> None:
    # The list closed on an empty slot after record 1's comma, and the wrapper's object ended in a mismatch: records
    # 2 to 4 were lost with one failure; a top-level array's was read past already.
    text = _wrapper()
    brace = text.rindex("{", 0, text.index('"r2"'))
    path = tmp_path / "export.json"
    path.write_text(text[:brace] + "]" + text[brace + 1 :])
    items = _read(path)
    key = f'{path}["articles"]'
    assert shown(items) == _third_of_five_failed(key)
    assert isinstance(items[2], Failure)
    assert items[2].message == (
        f"malformed JSON: unexpected ']' at byte {brace:,}, with more of the array after it, in the record at byte"
        f" {_record_start(text, 2):,} of the file (its JSON fails at byte {brace:,}); reading resumes at byte"
        f" {_record_start(text, 3):,}"
    )
