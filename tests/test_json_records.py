"""The scanner that cuts a JSON document written over many lines into its records, chunk by chunk."""

from __future__ import annotations

import json

import pytest

from newsclean.io._json_records import RecordProblem, json_records

RECORDS: list[object] = [
    {"id": "a", "html": '<p class="x">brackets [ ] { }, commas, a backslash \\ and a quote " inside</p>'},
    {"id": "b", "nested": [1, {"close": "]}"}, []], "text": "é ü 😀 \u2028", "ok": True},
    7,
    "a bare string, with a comma",
    [1, [2, [3]]],
    None,
]


def _chunks(data: bytes, size: int) -> list[bytes]:
    return [data[start : start + size] for start in range(0, len(data), size)]


def _scan(data: bytes, size: int = 4096, limit: int = 1 << 20) -> list[bytes | RecordProblem]:
    return list(json_records(_chunks(data, size), max_record_bytes=limit))


@pytest.mark.parametrize("size", [1, 2, 3, 5, 7, 64, 4096])
@pytest.mark.parametrize("indent", [None, 2])
@pytest.mark.parametrize("ensure_ascii", [True, False])
def test_an_array_is_cut_into_its_elements_wherever_the_chunks_end(
    size: int, indent: int | None, ensure_ascii: bool
) -> None:
    document = b"\xef\xbb\xbf\n" + json.dumps(RECORDS, indent=indent, ensure_ascii=ensure_ascii).encode() + b"\n"
    found = _scan(document, size)
    assert all(isinstance(record, bytes) for record in found)
    assert [json.loads(record) for record in found if isinstance(record, bytes)] == RECORDS


@pytest.mark.parametrize("size", [1, 3, 4096])
def test_objects_and_arrays_one_after_another_are_each_a_record(size: int) -> None:
    records = [record for record in RECORDS if isinstance(record, (dict, list))]
    document = "\n".join(json.dumps(record, indent=2) for record in records).encode()
    found = _scan(document, size)
    assert [json.loads(record) for record in found if isinstance(record, bytes)] == records


def test_a_record_over_the_bound_is_a_problem_in_its_place() -> None:
    document = json.dumps([{"a": 1}, {"b": "x" * 100}, {"c": 3}]).encode()
    assert _scan(document, size=16, limit=40) == [
        b'{"a": 1}',
        RecordProblem("record exceeds max_line_bytes=40"),
        b'{"c": 3}',
    ]


@pytest.mark.parametrize(
    ("document", "expected"),
    [
        ('[{"a": 1}, {"b": 2', [b'{"a": 1}', RecordProblem("the file ends inside a record: it is truncated", True)]),
        (
            '[{"a": 1}, ',
            [b'{"a": 1}', RecordProblem("the file ends before the JSON array is closed: it is truncated", True)],
        ),
        ('{"a": "never closed', [RecordProblem("the file ends inside a record: it is truncated", True)]),
        ('[{"a": 1}] {"b": 2}', [b'{"a": 1}', RecordProblem("data after the end of the JSON array, at byte 11", True)]),
        (
            '[{"a": [1}, {"b": 2}]',
            [RecordProblem("unexpected '}' at byte 9: the brackets of the document do not match", True)],
        ),
        (
            '{"a": 1}\n"s"\n{"b": 2}',
            [b'{"a": 1}', RecordProblem("not a JSON object or array at byte 9: '\"'"), b'{"b": 2}'],
        ),
        ("x", [RecordProblem("not a JSON object or array at byte 0: 'x'")]),
    ],
)
def test_what_is_not_a_whole_record_is_reported_never_dropped(
    document: str, expected: list[bytes | RecordProblem]
) -> None:
    assert _scan(document.encode(), size=3) == expected


@pytest.mark.parametrize("document", ["", "  \n ", "[]", "[ ]\n"])
def test_an_empty_document_or_array_has_no_records(document: str) -> None:
    assert _scan(document.encode()) == []


def test_a_file_of_only_the_start_of_a_byte_order_mark_is_reported() -> None:
    assert _scan(b"\xef\xbb", size=1) == [RecordProblem("not JSON: b'\\xef\\xbb'", True)]


def test_whitespace_after_the_array_is_not_a_problem() -> None:
    assert _scan(b'[{"a": 1}]' + b" \n" * 10, size=3) == [b'{"a": 1}']
