"""More reader leftovers: JSON Lines whose first line is an array of records longer than ``max_line_bytes`` (the
lines after it were lost), and a WARC record whose Content-Length runs over the next record's header, ending on
bytes that pass for a record's end (its page was read with that header in it, and the record after it lost)."""

from __future__ import annotations

import gzip
import json
from pathlib import Path
from typing import Any

import pytest
from _records import PAGE, holds_nothing, shown, story_line, story_record
from _warc import numbered_record, warc_record

from newsclean._models import Failure
from newsclean._pipeline import Document
from newsclean.io import JsonlReader, read_inputs

#: A bound each record fits in, and an array of three of them on one line does not.
BOUND = len(story_line(10)) + 40


# --- JSON Lines whose first line is an array of records longer than max_line_bytes ------------------------------


@pytest.mark.parametrize("bound", [1 << 20, BOUND], ids=["within the bound", "over the bound"])
@pytest.mark.parametrize("end", ["\n", "\r\n"], ids=["LF", "CRLF"])
def test_a_first_line_array_gives_the_same_records_within_the_bound_and_over_it(
    tmp_path: Path, bound: int, end: str
) -> None:
    # Over the bound, the array was read as the whole file's: its records were named file[0], then one "data after
    # the end of the JSON array" failure took the place of every line after it.
    path = tmp_path / "dump.jsonl"
    first = json.dumps([story_record(0), story_record(1), story_record(2)])
    assert len(first) > BOUND
    path.write_text(first + end + story_line(3) + end + story_line(4) + end, newline="")
    items = list(JsonlReader(path, max_line_bytes=bound))
    assert shown(items) == [
        ("Document", "r0", f"{path}:1[0]"),
        ("Document", "r1", f"{path}:1[1]"),
        ("Document", "r2", f"{path}:1[2]"),
        ("Document", "r3", f"{path}:2"),
        ("Document", "r4", f"{path}:3"),
    ]
    assert [item.html for item in items if isinstance(item, Document)] == [
        PAGE.format(title=f"Story {number}") for number in range(5)
    ]


def test_a_record_over_the_bound_in_a_long_first_line_array_is_a_failure_in_its_place(tmp_path: Path) -> None:
    path = tmp_path / "dump.jsonl"
    huge = {"id": "huge", "html": "x" * (3 * BOUND)}
    path.write_text(json.dumps([story_record(0), huge, story_record(2)]) + f"\n{story_line(3)}\n")
    items = list(JsonlReader(path, max_line_bytes=BOUND))
    assert shown(items) == [
        ("Document", "r0", f"{path}:1[0]"),
        ("Failure", None, f"{path}:1[1]"),
        ("Document", "r2", f"{path}:1[2]"),
        ("Document", "r3", f"{path}:2"),
    ]
    assert isinstance(items[1], Failure) and items[1].message == f"record exceeds max_line_bytes={BOUND:,}"


def test_a_long_first_line_array_of_a_gzipped_file_with_blank_lines_before_it_gives_every_record(
    tmp_path: Path,
) -> None:
    path = tmp_path / "dump.jsonl.gz"
    data = (
        "\n\n"
        + json.dumps([story_record(0), story_record(1), story_record(2)])
        + f"\n{story_line(3)}\n\n{story_line(4)}\n"
    )
    path.write_bytes(gzip.compress(data.encode()))
    assert shown(list(JsonlReader(path, max_line_bytes=BOUND))) == [
        ("Document", "r0", f"{path}:3[0]"),
        ("Document", "r1", f"{path}:3[1]"),
        ("Document", "r2", f"{path}:3[2]"),
        ("Document", "r3", f"{path}:4"),
        ("Document", "r4", f"{path}:6"),
    ]


@pytest.mark.parametrize("end", ["", "\n", "\n\n"], ids=["no end", "newline", "blank line"])
def test_a_long_array_that_is_the_whole_file_is_read_as_before(tmp_path: Path, end: str) -> None:
    # json.dump(records, f): a JSON document, positions by index alone.
    path = tmp_path / "dump.json"
    path.write_text(json.dumps([story_record(0), story_record(1), story_record(2)]) + end)
    assert shown(list(JsonlReader(path, max_line_bytes=BOUND))) == [
        ("Document", "r0", f"{path}[0]"),
        ("Document", "r1", f"{path}[1]"),
        ("Document", "r2", f"{path}[2]"),
    ]


def test_a_long_first_line_of_an_array_written_a_record_a_line_is_read_as_before(tmp_path: Path) -> None:
    # Scrapy's items.json with its first record over the bound on the bracket's line: the array runs on after it.
    path = tmp_path / "items.json"
    huge = {"id": "huge", "html": "x" * (3 * BOUND)}
    path.write_text("[" + json.dumps(huge) + ",\n" + story_line(1) + ",\n" + story_line(2) + "\n]\n")
    items = list(JsonlReader(path, max_line_bytes=BOUND))
    assert shown(items) == [
        ("Failure", None, f"{path}[0]"),
        ("Document", "r1", f"{path}[1]"),
        ("Document", "r2", f"{path}[2]"),
    ]
    assert isinstance(items[0], Failure) and items[0].message == f"record exceeds max_line_bytes={BOUND:,}"


@pytest.mark.parametrize("at", [1, 2], ids=["first line", "later line"])
def test_an_ordinary_line_over_the_bound_is_still_one_failure_and_the_next_line_is_read(
    tmp_path: Path, at: int
) -> None:
    path = tmp_path / "dump.jsonl"
    lines = [story_line(number) for number in range(3)]
    lines[at - 1] = json.dumps({"id": "huge", "html": "x" * (3 * BOUND)})
    path.write_text("\n".join(lines) + "\n")
    items = list(JsonlReader(path, max_line_bytes=BOUND))
    assert shown(items) == [
        ("Failure", None, f"{path}:{number + 1}")
        if number == at - 1
        else ("Document", f"r{number}", f"{path}:{number + 1}")
        for number in range(3)
    ]
    failure = items[at - 1]
    assert isinstance(failure, Failure) and failure.message == f"line exceeds max_line_bytes={BOUND:,}"


def test_a_first_line_array_within_the_bound_gives_the_positions_it_gave(tmp_path: Path) -> None:
    path = tmp_path / "dump.jsonl"
    path.write_text(json.dumps([story_record(0), story_record(1)]) + f"\n{story_line(2)}\n")
    assert shown(list(read_inputs([str(path)]))) == [
        ("Document", "r0", f"{path}:1[0]"),
        ("Document", "r1", f"{path}:1[1]"),
        ("Document", "r2", f"{path}:2"),
    ]


# --- a WARC record whose Content-Length runs over the next record's header ----------------------------------------


def _http(body: bytes) -> bytes:
    return f"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nContent-Length: {len(body)}\r\n\r\n".encode() + body


def _parts(number: int, *, digest: bool, response: bool = False) -> tuple[bytes, bytes]:
    """A record's header and block, apart: a resource of a page, or a response."""
    page = PAGE.format(title=f"Story {number}").encode()
    block = _http(page) if response else page
    record = numbered_record(number, block, response=response, digest=digest)
    return record[: -len(block) - 4], block


def _overrun_warc(tmp_path: Path, longer: Any, *, digest: bool, response: bool = False) -> tuple[Path, list[int]]:
    """Three records, the first one's Content-Length made ``longer(block_a, head_b, block_b)``; the file and the
    records' offsets."""
    (head_a, block_a), (head_b, block_b), (head_c, block_c) = (
        _parts(number, digest=digest, response=response) for number in range(3)
    )
    length = longer(block_a, head_b, block_b)
    head_a = head_a.replace(f"Content-Length: {len(block_a)}".encode(), f"Content-Length: {length}".encode())
    records = [head + block + b"\r\n\r\n" for head, block in [(head_a, block_a), (head_b, block_b), (head_c, block_c)]]
    path = tmp_path / "crawl.warc"
    path.write_bytes(b"".join(records))
    return path, [0, len(records[0]), len(records[0]) + len(records[1])]


#: Where the first record's too long Content-Length ends it: on a blank line of the second record's page (LFs alone,
#: which pass for a record's end), on the blank line that ends the second record's WARC header, or on the one that
#: ends its HTTP head (a response).
OVERRUNS = {
    "on a blank line of the next page": lambda a, head_b, b: len(a) + 4 + len(head_b) + b.index(b"\n\n"),
    "on the next header's end": lambda a, head_b, b: len(a) + len(head_b),
}


@pytest.mark.parametrize("overrun", list(OVERRUNS), ids=list(OVERRUNS))
@pytest.mark.parametrize("response", [False, True], ids=["resources", "responses"])
def test_a_length_running_over_the_next_header_is_cut_there_and_the_next_record_is_read(
    tmp_path: Path, overrun: str, response: bool
) -> None:
    # The first page was read with the second record's header (and part of its page) in it; on a blank line of the
    # next page, the second record was lost too, to an "Invalid WARC header" at its middle.
    path, offsets = _overrun_warc(tmp_path, OVERRUNS[overrun], digest=False, response=response)
    items = list(read_inputs([str(path)]))
    assert shown(items) == [
        ("Document", "<urn:uuid:r0>", f"{path}@0"),
        ("Failure", None, f"{path}@0"),
        ("Document", "<urn:uuid:r1>", f"{path}@{offsets[1]}"),
        ("Document", "<urn:uuid:r2>", f"{path}@{offsets[2]}"),
    ]
    assert [item.html for item in items if isinstance(item, Document)] == [
        PAGE.format(title=f"Story {number}").encode() for number in range(3)
    ]
    failure = items[1]
    assert isinstance(failure, Failure) and failure.error == "InputError"
    assert failure.message.startswith("WARC record's Content-Length (")
    assert f"runs over the header of the record at offset {offsets[1]}" in failure.message
    assert failure.message.endswith(f"; reading resumes at the next record, offset {offsets[1]}")


def test_a_length_running_over_two_records_resumes_at_the_first_of_them(tmp_path: Path) -> None:
    # The first record takes the second in whole and ends on a blank line of the third one's page.
    (head_a, block_a), *rest = (_parts(number, digest=False) for number in range(4))
    records = [head + block + b"\r\n\r\n" for head, block in rest]
    length = len(block_a) + 4 + len(records[0]) + len(rest[1][0]) + rest[1][1].index(b"\n\n")
    head_a = head_a.replace(f"Content-Length: {len(block_a)}".encode(), f"Content-Length: {length}".encode())
    path = tmp_path / "crawl.warc"
    path.write_bytes(head_a + block_a + b"\r\n\r\n" + b"".join(records))
    items = list(read_inputs([str(path)]))
    assert [(type(item).__name__, item.source_id) for item in items] == [
        ("Document", "<urn:uuid:r0>"),
        ("Failure", None),
        ("Document", "<urn:uuid:r1>"),
        ("Document", "<urn:uuid:r2>"),
        ("Document", "<urn:uuid:r3>"),
    ]
    assert [item.html for item in items if isinstance(item, Document)] == [
        PAGE.format(title=f"Story {number}").encode() for number in range(4)
    ]


def test_with_a_digest_the_record_is_its_digest_failure_and_the_next_record_is_read(tmp_path: Path) -> None:
    # The digest decides the record, as before (its block as declared is not the one it states); the record after
    # it, lost to an "Invalid WARC header" at its middle, is read.
    path, offsets = _overrun_warc(tmp_path, OVERRUNS["on a blank line of the next page"], digest=True)
    items = list(read_inputs([str(path)]))
    assert shown(items) == [
        ("Failure", "<urn:uuid:r0>", f"{path}@0"),  # one record, one failure saying both of its faults
        ("Document", "<urn:uuid:r1>", f"{path}@{offsets[1]}"),
        ("Document", "<urn:uuid:r2>", f"{path}@{offsets[2]}"),
    ]
    assert isinstance(items[0], Failure) and "block digest (sha1) does not match" in items[0].message
    assert items[0].message.endswith(f"offset {offsets[1]}")


def _quoting_page(number: int) -> bytes:
    """A page that quotes a whole WARC record, CRLFs and all, as a page about web archiving may."""
    quoted = warc_record(b"<p>quoted</p>", kind="resource", content_type="text/html", uri="http://quoted.example/")
    return PAGE.format(title=f"Story {number}").replace("</h1>", "</h1><pre>\r\n" + quoted.decode() + "</pre>").encode()


@pytest.mark.parametrize("after", [b"", b"GARBAGE LINE\r\n"], ids=["records after it", "garbage after it"])
def test_an_intact_record_whose_page_quotes_a_warc_record_is_read_byte_for_byte(tmp_path: Path, after: bytes) -> None:
    pages = [_quoting_page(0), PAGE.format(title="Story 1").encode()]
    records = [
        warc_record(
            page, kind="resource", content_type="text/html", uri=f"http://example.com/{n}", record_id=f"<urn:uuid:r{n}>"
        )
        for n, page in enumerate(pages)
    ]
    path = tmp_path / "crawl.warc"
    path.write_bytes(records[0] + after + records[1])
    items = list(read_inputs([str(path)]))
    documents = [item for item in items if isinstance(item, Document)]
    assert [(item.source_id, item.html) for item in documents] == [
        ("<urn:uuid:r0>", pages[0]),
        ("<urn:uuid:r1>", pages[1]),
    ]
    failures = [item for item in items if isinstance(item, Failure)]
    if after:  # the garbage is what is damaged, said where it is: not the record before it
        assert [(item.position, item.message.split(":")[0]) for item in failures] == [
            (f"{path}@{len(records[0])}", f"WARC is corrupt at offset {len(records[0])}")
        ]
    else:
        assert failures == []


def test_a_record_that_is_no_page_running_over_the_next_header_loses_no_page_after_it(tmp_path: Path) -> None:
    # A request's length took in the response's header: the response was lost to an "Invalid WARC header".
    request = b"GET /1 HTTP/1.1\r\nHost: example.com\r\n\r\n"
    head_b, block_b = _parts(1, digest=False, response=True)
    first = warc_record(request, kind="request", content_type="application/http; msgtype=request")
    declared = len(request) + 4 + len(head_b) + block_b.index(b"\n\n")
    first = first.replace(f"Content-Length: {len(request)}".encode(), f"Content-Length: {declared}".encode())
    path = tmp_path / "crawl.warc"
    path.write_bytes(first + head_b + block_b + b"\r\n\r\n")
    items = list(read_inputs([str(path)]))
    assert shown(items) == [("Failure", None, f"{path}@0"), ("Document", "<urn:uuid:r1>", f"{path}@{len(first)}")]
    assert isinstance(items[1], Document) and items[1].html == PAGE.format(title="Story 1").encode()


def test_records_ended_by_bare_line_feeds_are_read_as_before(tmp_path: Path) -> None:
    # Some writers end records with two LFs, which FastWARC takes: such an end is a record's when a record follows.
    pages = [PAGE.format(title=f"Story {number}").encode() for number in range(3)]
    records = [
        warc_record(page, kind="resource", content_type="text/html", uri=f"http://example.com/{n}")[:-4] + b"\n\n"
        for n, page in enumerate(pages)
    ]
    path = tmp_path / "crawl.warc"
    path.write_bytes(b"".join(records))
    items = list(read_inputs([str(path)]))
    assert [(type(item).__name__, getattr(item, "html", None)) for item in items] == [
        ("Document", page) for page in pages
    ]


# --- a compressed file damaged inside its first line -----------------------------------------------------------------


def _cut_gzip(path: Path, text: str, keep: float) -> None:
    data = gzip.compress(text.encode())
    path.write_bytes(data[: int(len(data) * keep)])


def test_a_jsonl_gz_cut_inside_its_first_record_is_one_failure_at_line_one(tmp_path: Path) -> None:
    # It was named "dump.jsonl.gz[0]", a JSON array's first record, with the message "after record 0".
    path = tmp_path / "dump.jsonl.gz"
    long_record = {**story_record(0), "html": PAGE.format(title="Long") + " filler" * 20_000}
    _cut_gzip(path, json.dumps(long_record) + "\n" + story_line(1) + "\n", keep=0.3)
    items = list(JsonlReader(path))
    assert shown(items) == [("Failure", None, f"{path}:1")]
    failure = items[0]
    assert isinstance(failure, Failure)
    assert failure.message.startswith("input is truncated or corrupt in its first line: ")


def test_a_json_array_gz_cut_inside_its_first_record_keeps_the_array_position(tmp_path: Path) -> None:
    path = tmp_path / "dump.json.gz"
    long_record = {**story_record(0), "html": PAGE.format(title="Long") + " filler" * 20_000}
    _cut_gzip(path, json.dumps([long_record, story_record(1)]), keep=0.3)
    items = list(JsonlReader(path))
    assert shown(items) == [("Failure", None, f"{path}[0]")]


def test_a_one_line_wrapper_gz_cut_after_two_records_keeps_them(tmp_path: Path) -> None:
    path = tmp_path / "dump.jsonl.gz"
    filler = {**story_record(2), "html": PAGE.format(title="Long") + " filler" * 20_000}
    _cut_gzip(
        path, json.dumps({"status": "ok", "articles": [story_record(0), story_record(1), filler]}) + "\n", keep=0.7
    )
    items = list(JsonlReader(path))
    assert shown(items) == [
        ("Document", "r0", f'{path}["articles"][0]'),
        ("Document", "r1", f'{path}["articles"][1]'),
        ("Failure", None, f'{path}["articles"][2]'),
    ]


# --- a response whose status line was damaged into no status code --------------------------------------------------


@pytest.mark.parametrize("status", ["HTTP/1.1 2 0 OK", "HTTP/1.1 20 OK", "HTTP/1.1 2000 OK"])
def test_a_response_whose_status_is_no_status_code_is_a_failure(tmp_path: Path, status: str) -> None:
    # Read as status 2 (or 20, 2000), it was passed over as a response that is no page, and the record was lost
    # without a failure (fuzz_readers seed 72).
    page = b"<html><body><p>" + b"The council met on Tuesday to vote on the budget. " * 5 + b"</p></body></html>"
    block = status.encode() + b"\r\nContent-Type: text/html\r\n\r\n" + page
    path = tmp_path / "crawl.warc"
    path.write_bytes(
        warc_record(block, record_id="<urn:uuid:damaged>")
        + warc_record(block.replace(status.encode(), b"HTTP/1.1 200 OK"))
    )
    items = list(read_inputs([str(path)]))
    assert [type(item).__name__ for item in items] == ["Failure", "Document"]
    failure = items[0]
    assert isinstance(failure, Failure) and failure.position == f"{path}@0"
    assert failure.message == f"WARC response record whose HTTP status is no status code: {status!r}"


@pytest.mark.parametrize("status", ["HTTP/1.1 404 Not Found", "HTTP/1.1 999 Request denied", "HTTP/1.1 301 Moved"])
def test_a_response_with_a_status_code_that_is_no_success_is_passed_over_as_before(tmp_path: Path, status: str) -> None:
    block = status.encode() + b"\r\nContent-Type: text/html\r\n\r\n<html><body><p>Not here.</p></body></html>"
    path = tmp_path / "crawl.warc"
    path.write_bytes(warc_record(block))
    assert list(read_inputs([str(path)])) == [holds_nothing(path)]  # the file's note, none for the record
