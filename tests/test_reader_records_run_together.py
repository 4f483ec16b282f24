"""Two records of a JSON array whose comma was damaged into another byte or a few (``{…}x{…}``, ``{…} {…}``): the
scan, finding no comma between them, took them as one record, which failed, and numbered every record after them one
too low, with no failure saying so. The failure now says how many records its bytes hold, and the records after it
keep the positions the file whole gives them."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from newsclean import Document, Failure
from newsclean.io import read_inputs

RECORDS = [
    {"url": f"https://news.example/{number}", "html": f"<p>Story {number}, with {{braces}} and, commas.</p>"}
    for number in range(5)
]


def _damaged(tmp_path: Path, damage: str, *, indent: int | None) -> Path:
    """The array with the comma between its records 1 and 2 replaced by ``damage``."""
    text = json.dumps(RECORDS, indent=indent)
    second = text.index('"https://news.example/2"')
    comma = text.rindex(",", 0, text.rindex("{", 0, second))
    path = tmp_path / "dump.json"
    path.write_text(text[:comma] + damage + text[comma + 1 :], encoding="utf-8")
    return path


@pytest.mark.parametrize("indent", [None, 2], ids=["one-line", "pretty-printed"])
@pytest.mark.parametrize("damage", ["x", ";", " ", "xyz"])
def test_the_records_after_two_run_together_keep_their_positions(
    tmp_path: Path, damage: str, indent: int | None
) -> None:
    items = list(read_inputs([str(_damaged(tmp_path, damage, indent=indent))]))
    positions = [item.position.rsplit("json", 1)[1] for item in items]
    assert positions == ["[0]", "[1]", "[3]", "[4]"]
    first, failure, *rest = items
    assert isinstance(first, Document) and first.url == "https://news.example/0"
    assert isinstance(failure, Failure)
    assert "holds 2 records whole, run together where the comma between them was damaged" in failure.message
    assert [item.url for item in rest if isinstance(item, Document)] == [
        "https://news.example/3",
        "https://news.example/4",
    ]


def test_a_record_that_fails_alone_is_not_called_a_run(tmp_path: Path) -> None:
    # A bad literal leaves the scan on the records: the record fails alone, the others read.
    text = json.dumps(RECORDS).replace('"https://news.example/1"', "NaN", 1)
    path = tmp_path / "dump.json"
    path.write_text(text, encoding="utf-8")
    items = list(read_inputs([str(path)]))
    failures = [item for item in items if isinstance(item, Failure)]
    assert len(failures) == 1 and "run together" not in failures[0].message
    assert [item.position.rsplit("json", 1)[1] for item in items] == ["[0]", "[1]", "[2]", "[3]", "[4]"]


def test_a_run_holding_a_byte_that_is_no_utf8_keeps_the_records_after_it(tmp_path: Path) -> None:
    # Counting the run read its bytes as UTF-8 strictly: the error ended the array ("input is truncated or corrupt").
    path = _damaged(tmp_path, "x", indent=None)
    path.write_bytes(path.read_bytes().replace(b"Story 2,", b"Story \xff2,", 1))
    items = list(read_inputs([str(path)]))
    assert [item.position.rsplit("json", 1)[1] for item in items] == ["[0]", "[1]", "[3]", "[4]"]
    assert isinstance(items[1], Failure) and "holds 2 records whole" in items[1].message
