"""Regressions found by ``benchmarks/fuzz_readers.py``: damaged input is a read failure in its place, and the good
records around it are still read."""

from __future__ import annotations

import gzip
import io
import json
import re
from pathlib import Path

import pytest
from _warc import warc_record

from newsclean._models import Failure
from newsclean._pipeline import Document
from newsclean.io import read_inputs

PAGE = "<html><body><article><h1>Story</h1><p>The council voted on the budget.</p></article></body></html>"


def _read(path: Path) -> list[Document | Failure]:
    return list(read_inputs([str(path)]))


def _kinds(items: list[Document | Failure]) -> list[tuple[str, str | None]]:
    return [(type(item).__name__, item.source_id if isinstance(item, Document) else None) for item in items]


def _line(record_id: str) -> bytes:
    return json.dumps({"id": record_id, "html": PAGE}).encode()


def _warc_record(
    record_id: str, block: bytes, *, content_type: str = "text/html", record_type: str = "resource"
) -> bytes:
    uri = f"https://news.example/{record_id[10:-1]}"
    return warc_record(
        block, kind=record_type, content_type=content_type, uri=uri, record_id=record_id, digest_of=block
    )


def _response(record_id: str, page: str = PAGE, *, served_as: str = "text/html; charset=utf-8") -> bytes:
    body = page.encode()
    head = f"HTTP/1.1 200 OK\r\nContent-Type: {served_as}\r\nContent-Length: {len(body)}\r\n\r\n"
    return _warc_record(record_id, head.encode() + body, content_type="application/http; msgtype=response",
                        record_type="response")  # fmt: skip


def test_first_jsonl_line_with_invalid_utf8_is_one_bad_line(tmp_path: Path) -> None:
    # msgspec raises UnicodeDecodeError (no DecodeError) for it: out of the first line's check, it ended the file
    path = tmp_path / "dump.jsonl"
    path.write_bytes(b'{"id": "a", "html": "<p>\xff</p>"}\n' + _line("b") + b"\n")
    items = _read(path)
    assert _kinds(items) == [("Failure", None), ("Document", "b")]
    assert isinstance(items[0], Failure) and items[0].position == f"{path}:1"


@pytest.mark.parametrize("first", [True, False])
def test_deeply_nested_jsonl_line_is_a_failure_not_a_recursion_error(tmp_path: Path, first: bool) -> None:
    deep = b'{"id": "x", "html": "<p>x</p>", "x": ' + b"[" * 100_000 + b"]" * 100_000 + b"}"
    lines = [deep, _line("b")] if first else [_line("a"), deep, _line("b")]
    path = tmp_path / "dump.jsonl"
    path.write_bytes(b"\n".join(lines) + b"\n")
    items = _read(path)
    expected = [("Failure", None), ("Document", "b")]
    assert _kinds(items) == (expected if first else [("Document", "a"), *expected])
    failure = items[0 if first else 1]
    assert isinstance(failure, Failure) and "too deeply" in failure.message


def test_deeply_nested_record_of_a_json_array_is_a_failure(tmp_path: Path) -> None:
    path = tmp_path / "dump.json"
    path.write_bytes(b"[\n" + _line("a") + b",\n" + b"[" * 100_000 + b"]" * 100_000 + b",\n" + _line("b") + b"\n]\n")
    assert _kinds(_read(path)) == [("Document", "a"), ("Failure", None), ("Document", "b")]


@pytest.mark.parametrize(
    "damaged",
    [
        b'{"id": "b", "html": "<p>\xff</p>"}',  # not UTF-8
        b'{"id": "b", "html": "<p>cut\n</p>"}',  # a raw newline put in a string: the file's lines are two
        b'{"id": "b", "html": <p>unquoted</p>"}',  # not JSON
    ],
)
def test_wrapper_on_one_line_ending_with_a_newline_keeps_its_good_records(tmp_path: Path, damaged: bytes) -> None:
    # read as one malformed JSON line (the newline made it "not the last line"): the intact record was lost with it
    path = tmp_path / "answer.json"
    path.write_bytes(b'{"status": "ok", "articles": [' + _line("a") + b", " + damaged + b"]}\n")
    items = _read(path)
    assert _kinds(items) == [("Document", "a"), ("Failure", None)]
    assert items[1].position == f'{path}["articles"][1]'


def test_wrapper_written_over_several_lines_is_read(tmp_path: Path) -> None:
    path = tmp_path / "answer.json"
    path.write_bytes(b'{"status": "ok", "articles": [\n' + _line("a") + b",\n" + _line("b") + b"\n]}\n")
    assert _kinds(_read(path)) == [("Document", "a"), ("Document", "b")]


def test_bad_first_line_of_json_lines_is_not_taken_for_a_wrapper(tmp_path: Path) -> None:
    path = tmp_path / "dump.jsonl"
    path.write_bytes(b'{"a": [\n' + _line("a") + b"\n" + _line("b") + b"\n")
    assert _kinds(_read(path)) == [("Failure", None), ("Document", "a"), ("Document", "b")]


def test_truncated_gzip_wrapper_on_one_line_keeps_the_records_before_the_cut(tmp_path: Path) -> None:
    # the first line's readline lost all it had read when the .gz broke off inside it
    data = b'{"status": "ok", "articles": [' + b", ".join(_line(f"r{n}") for n in range(40)) + b"]}"
    compressed = gzip.compress(data, mtime=0)
    path = tmp_path / "answer.json.gz"
    path.write_bytes(compressed[: len(compressed) * 3 // 4])
    items = _read(path)
    assert isinstance(items[-1], Failure) and "truncated" in items[-1].message
    documents = [item for item in items if isinstance(item, Document)]
    assert len(documents) >= 10 and [d.source_id for d in documents] == [f"r{n}" for n in range(len(documents))]


def _csv(rows: int) -> bytes:
    out = io.StringIO()
    out.write("id,html\n")
    for number in range(rows):
        out.write(f'r{number},"<p>row {number}, {"x" * 40}</p>"\n')
    return out.getvalue().encode()


def test_truncated_csv_gz_keeps_the_rows_before_the_cut(tmp_path: Path) -> None:
    # the encoding sample's read() raised for the whole file: one failure, no row read
    compressed = gzip.compress(_csv(200), mtime=0)
    path = tmp_path / "pages.csv.gz"
    path.write_bytes(compressed[: len(compressed) // 2])
    items = _read(path)
    assert isinstance(items[-1], Failure) and "truncated or corrupt" in items[-1].message
    assert sum(isinstance(item, Document) for item in items) > 20


def test_corrupt_csv_gz_inside_a_refused_rows_quoted_cell_is_a_failure(tmp_path: Path) -> None:
    # the gzip error came out of the skip of a refused row's open quoted cell, in the csv.Error handler: it escaped
    data = b'id,html\nr0,"<p>fine</p>"\nr1,"<p>a "bad" quote\n' + b"more of the cell\n" * 3000
    compressed = bytearray(gzip.compress(data, mtime=0))
    compressed[-6] ^= 0xFF  # the trailer's length: the data is read whole, then found corrupt
    path = tmp_path / "pages.csv.gz"
    path.write_bytes(bytes(compressed))
    items = _read(path)
    assert _kinds(items)[0] == ("Document", "r0")
    assert isinstance(items[-1], Failure) and "corrupt" in items[-1].message


def test_huge_warc_content_length_resumes_at_the_next_record(tmp_path: Path) -> None:
    # taken for a truncated file: reading stopped, the intact records after it were lost
    bad = re.sub(
        rb"Content-Length: \d+\r\n\r\nHTTP", b"Content-Length: 99999999999\r\n\r\nHTTP", _response("<urn:uuid:b>")
    )
    path = tmp_path / "crawl.warc"
    path.write_bytes(_response("<urn:uuid:a>") + bad + _response("<urn:uuid:c>"))
    items = _read(path)
    assert [(kind, sid) for kind, sid in _kinds(items)] == [("Document", "<urn:uuid:a>"), ("Failure", None),
                                                            ("Document", "<urn:uuid:c>")]  # fmt: skip
    assert isinstance(items[1], Failure) and "Content-Length" in items[1].message


def test_truncated_warc_is_still_said_truncated(tmp_path: Path) -> None:
    path = tmp_path / "crawl.warc"
    path.write_bytes(_response("<urn:uuid:a>") + _response("<urn:uuid:b>")[:-50])
    items = _read(path)
    assert _kinds(items) == [("Document", "<urn:uuid:a>"), ("Failure", None)]
    assert isinstance(items[1], Failure) and "truncated" in items[1].message


def test_warc_header_field_repeated_is_a_failure_and_the_next_record_is_read(tmp_path: Path) -> None:
    # FastWARC reads the block of a record with a repeated header field as empty: a resource was an empty page
    # (no failure), and the record after it was lost to "Invalid WARC header"
    first = _warc_record("<urn:uuid:a>", PAGE.encode())
    first = first.replace(b"Content-Type: text/html\r\n", b"Content-Type: text/html\r\nContent-Type: text/html\r\n")
    path = tmp_path / "crawl.warc"
    path.write_bytes(first + _warc_record("<urn:uuid:b>", PAGE.encode()))
    items = _read(path)
    assert _kinds(items) == [("Failure", None), ("Document", "<urn:uuid:b>")]
    assert isinstance(items[0], Failure) and items[0].source_id == "<urn:uuid:a>" and "misreads" in items[0].message


def test_warc_info_record_misread_loses_no_record(tmp_path: Path) -> None:
    info = _warc_record("<urn:uuid:info>", b"software: x\r\n", content_type="application/warc-fields",
                        record_type="warcinfo")  # fmt: skip
    info = info.replace(b"WARC-Type: warcinfo\r\n", b"WARC-Type: warcinfo\r\nWARC-Type: warcinfo\r\n")
    path = tmp_path / "crawl.warc"
    path.write_bytes(info + _response("<urn:uuid:a>") + _response("<urn:uuid:b>"))
    items = _read(path)
    assert _kinds(items) == [("Failure", None), ("Document", "<urn:uuid:a>"), ("Document", "<urn:uuid:b>")]
    assert len({item.position for item in items}) == 3


def test_warc_gz_with_its_first_byte_lost_reads_the_records_after_it(tmp_path: Path) -> None:
    # no longer starting as gzip, it was read as an uncompressed WARC: one "invalid WARC header", no record read
    members = [gzip.compress(_response(f"<urn:uuid:{name}>"), mtime=0) for name in "abc"]
    path = tmp_path / "crawl.warc.gz"
    path.write_bytes(b"".join(members)[1:])
    items = _read(path)
    assert _kinds(items) == [("Failure", None), ("Document", "<urn:uuid:b>"), ("Document", "<urn:uuid:c>")]


def test_misnamed_uncompressed_warc_gz_is_still_read(tmp_path: Path) -> None:
    path = tmp_path / "crawl.warc.gz"
    path.write_bytes(_response("<urn:uuid:a>"))
    assert _kinds(_read(path)) == [("Document", "<urn:uuid:a>")]


def test_damaged_http_content_type_is_caught_by_the_block_digest(tmp_path: Path) -> None:
    # "text/ht@\xaf…" is no page type: the record was passed over unsaid, though its digest tells it is damaged
    damaged = _response("<urn:uuid:b>").replace(b"Content-Type: text/html;", b"Content-Type: text/h@\xaf\x9c;", 1)
    path = tmp_path / "crawl.warc"
    path.write_bytes(_response("<urn:uuid:a>") + damaged + _response("<urn:uuid:c>"))
    items = _read(path)
    assert _kinds(items) == [("Document", "<urn:uuid:a>"), ("Failure", None), ("Document", "<urn:uuid:c>")]
    assert isinstance(items[1], Failure) and "digest" in items[1].message


def test_non_html_response_is_still_passed_over(tmp_path: Path) -> None:
    image = _response("<urn:uuid:b>", served_as="image/png")
    path = tmp_path / "crawl.warc"
    path.write_bytes(_response("<urn:uuid:a>") + image)
    assert _kinds(_read(path)) == [("Document", "<urn:uuid:a>")]


def test_parquet_with_a_string_that_is_not_utf8_is_a_failure(tmp_path: Path) -> None:
    pyarrow = pytest.importorskip("pyarrow")
    parquet = pytest.importorskip("pyarrow.parquet")
    marker = "Z" * 64
    table = pyarrow.table({"id": ["a"], "html": [f"<p>{marker}</p>"]})
    sink = io.BytesIO()
    parquet.write_table(table, sink, compression="none", use_dictionary=False)
    data = sink.getvalue()
    path = tmp_path / "pages.parquet"
    path.write_bytes(
        data.replace(marker.encode(), b"\xff" + marker[1:].encode())
    )  # to_pylist raised UnicodeDecodeError
    items = _read(path)
    assert len(items) == 1 and isinstance(items[0], Failure) and items[0].position == f"{path}[0]"


def test_damaged_top_level_media_type_is_caught_by_the_block_digest(tmp_path: Path) -> None:
    # "tex|/html" is a media type by its characters, of no top-level type: passed over unsaid as not a page
    damaged = _response("<urn:uuid:b>").replace(b"Content-Type: text/html;", b"Content-Type: tex|/html;", 1)
    path = tmp_path / "crawl.warc"
    path.write_bytes(_response("<urn:uuid:a>") + damaged)
    items = _read(path)
    assert _kinds(items) == [("Document", "<urn:uuid:a>"), ("Failure", None)]


@pytest.mark.parametrize("document", [b'{[{"html": "<p>x</p>"}]}', b'{"a": 1, [{"html": "<p>x</p>"}]}'])
def test_array_where_a_wrapper_key_belongs_is_a_failure_not_an_index_error(tmp_path: Path, document: bytes) -> None:
    path = tmp_path / "answer.json"
    path.write_bytes(document)
    items = _read(path)
    assert len(items) == 1 and isinstance(items[0], Failure)


def test_a_header_cut_short_loses_its_record_and_not_the_next(tmp_path: Path) -> None:
    # A CR lost from a header's last line leaves no blank line where the header ends: FastWARC read on into the next
    # record's header, as one header with its fields twice, and the next record was lost with it, the failure
    # saying that no record followed.
    request = b"WARC/1.0\r\nWARC-Type: request\r\nWARC-Record-ID: <urn:uuid:q>\r\nWARC-Date: 2024-06-01T12:00:00\n\r\n"
    first = _warc_record("<urn:uuid:a>", PAGE.encode())
    last = _warc_record("<urn:uuid:b>", PAGE.encode())
    path = tmp_path / "cut.warc"
    path.write_bytes(first + request + last)
    items = _read(path)
    assert _kinds(items) == [("Document", "<urn:uuid:a>"), ("Failure", None), ("Document", "<urn:uuid:b>")]
    failure = items[1]
    assert isinstance(failure, Failure)
    assert failure.position == f"{path}@{len(first)}"
    assert f"header runs into the record at offset {len(first + request)}" in failure.message
