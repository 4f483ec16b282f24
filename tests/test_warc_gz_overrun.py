"""A ``.warc.gz`` record whose Content-Length is too long, so that its block runs past the end of its own gzip member
(WARC 1.1 annex D: a member a record) into the members after it: ending exactly at the end of the next record, its
page was read with that record in it, and the record was lost unsaid; ending elsewhere, the record was one failure
and its page was not read. Intact files, whose pages quote WARC records, are read as before."""

from __future__ import annotations

import gzip
from pathlib import Path

import pytest
from _records import PAGE, shown
from _warc import numbered_record, warc_record

from newsclean._models import Failure
from newsclean._pipeline import Document
from newsclean.io import read_inputs

HTTP_HEAD = b"HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=utf-8\r\n\r\n"


def _page(number: int) -> bytes:
    return PAGE.format(title=f"Story {number}").encode()


def _record(number: int, *, digest: bool = False, response: bool = False, page: bytes | None = None) -> bytes:
    """Record ``number``, its id "<urn:uuid:r<number>>": a resource of its page, or a response."""
    page = _page(number) if page is None else page
    return numbered_record(number, HTTP_HEAD + page if response else page, response=response, digest=digest)


def _lengthened(record: bytes, by: int) -> bytes:
    """``record`` with its Content-Length made ``by`` bytes longer."""
    head, _, _ = record.partition(b"\r\n\r\n")
    length = int(head.rsplit(b"Content-Length: ", 1)[1])
    return record.replace(f"Content-Length: {length}\r\n".encode(), f"Content-Length: {length + by}\r\n".encode(), 1)


def _warc_gz(tmp_path: Path, records: list[bytes]) -> tuple[Path, list[int]]:
    """A ``.warc.gz`` of ``records``, each its own gzip member; the file and the members' offsets."""
    members = [gzip.compress(record, mtime=0) for record in records]
    offsets = [sum(len(member) for member in members[:index]) for index in range(len(members))]
    path = tmp_path / "crawl.warc.gz"
    path.write_bytes(b"".join(members))
    return path, offsets


def _overrun_message(failure: Document | Failure, offset: int, resume: int, *, cut: bool) -> None:
    assert isinstance(failure, Failure) and failure.error == "InputError"
    assert failure.source_id is None
    assert failure.message.startswith(
        f"WARC record at compressed offset {offset}: its Content-Length runs past its gzip member ("
    )
    assert ("its block is read as ending at its member's end" in failure.message) == cut
    assert failure.message.endswith(f"; reading resumes at the next record, compressed offset {resume}")


# --- a Content-Length that runs past the record's gzip member -----------------------------------------------------


def _first_overrunning(records: list[bytes], by: int | None) -> list[bytes]:
    """``records`` with the first's Content-Length too long ``by`` bytes, or (None) by the whole next record."""
    return [_lengthened(records[0], len(records[1]) if by is None else by), *records[1:]]


@pytest.mark.parametrize(
    "by", [None, 12, 40], ids=["the next record whole", "into the next header's first line", "into the next header"]
)
@pytest.mark.parametrize("response", [False, True], ids=["resources", "responses"])
def test_a_record_running_past_its_member_is_read_up_to_its_member_and_the_next_is_read(
    tmp_path: Path, by: int | None, response: bool
) -> None:
    # Ending exactly at the end of the next record's block (that record's trailer taken for its own), its page was
    # read with the next record in it, and the next record was lost without a word. Ending a few bytes into the
    # next record, it was one failure ("WARC is corrupt inside the gzip member at compressed offset 0, after its
    # record's Content-Length"), and its page was not read.
    records = _first_overrunning([_record(number, response=response) for number in range(3)], by)
    path, offsets = _warc_gz(tmp_path, records)
    items = list(read_inputs([str(path)]))
    assert shown(items) == [
        ("Document", "<urn:uuid:r0>", f"{path}@0"),
        ("Failure", None, f"{path}@0"),
        ("Document", "<urn:uuid:r1>", f"{path}@{offsets[1]}"),
        ("Document", "<urn:uuid:r2>", f"{path}@{offsets[2]}"),
    ]
    assert [item.html for item in items if isinstance(item, Document)] == [_page(number) for number in range(3)]
    _overrun_message(items[1], 0, offsets[1], cut=True)


@pytest.mark.parametrize("by", [None, 40], ids=["the next record whole", "into the next header"])
def test_with_a_digest_the_record_is_its_digest_failure_and_the_records_after_it_are_read(
    tmp_path: Path, by: int | None
) -> None:
    # As in an uncompressed WARC: the digest decides on the block as declared, which is not the one it states.
    records = _first_overrunning([_record(number, digest=True) for number in range(3)], by)
    path, offsets = _warc_gz(tmp_path, records)
    items = list(read_inputs([str(path)]))
    assert shown(items) == [
        ("Failure", "<urn:uuid:r0>", f"{path}@0"),
        ("Failure", None, f"{path}@0"),
        ("Document", "<urn:uuid:r1>", f"{path}@{offsets[1]}"),
        ("Document", "<urn:uuid:r2>", f"{path}@{offsets[2]}"),
    ]
    assert isinstance(items[0], Failure)
    assert (
        items[0].message
        == "WARC record at compressed offset 0: its block digest (sha1) does not match its content (damaged?)"
    )
    _overrun_message(items[1], 0, offsets[1], cut=False)
    assert [item.html for item in items if isinstance(item, Document)] == [_page(1), _page(2)]


def test_a_record_that_swallows_the_last_record_is_read_up_to_its_member(tmp_path: Path) -> None:
    # The last record was read again after it (the file's end resumed there), but the page before it held it.
    records = [_record(number) for number in range(2)]
    records[0] = _lengthened(records[0], len(records[1]))
    path, offsets = _warc_gz(tmp_path, records)
    items = list(read_inputs([str(path)]))
    assert shown(items) == [
        ("Document", "<urn:uuid:r0>", f"{path}@0"),
        ("Failure", None, f"{path}@0"),
        ("Document", "<urn:uuid:r1>", f"{path}@{offsets[1]}"),
    ]
    assert [item.html for item in items if isinstance(item, Document)] == [_page(0), _page(1)]
    _overrun_message(items[1], 0, offsets[1], cut=True)


def test_a_record_that_swallows_two_records_resumes_at_the_first_of_them(tmp_path: Path) -> None:
    records = [_record(number) for number in range(4)]
    records[0] = _lengthened(records[0], len(records[1]) + len(records[2]))
    path, offsets = _warc_gz(tmp_path, records)
    items = list(read_inputs([str(path)]))
    assert shown(items) == [
        ("Document", "<urn:uuid:r0>", f"{path}@0"),
        ("Failure", None, f"{path}@0"),
        ("Document", "<urn:uuid:r1>", f"{path}@{offsets[1]}"),
        ("Document", "<urn:uuid:r2>", f"{path}@{offsets[2]}"),
        ("Document", "<urn:uuid:r3>", f"{path}@{offsets[3]}"),
    ]
    assert [item.html for item in items if isinstance(item, Document)] == [_page(number) for number in range(4)]


def test_a_record_in_the_middle_running_past_its_member_is_named_by_its_own_offset(tmp_path: Path) -> None:
    records = [_record(number) for number in range(4)]
    records[1] = _lengthened(records[1], len(records[2]))
    path, offsets = _warc_gz(tmp_path, records)
    items = list(read_inputs([str(path)]))
    assert shown(items) == [
        ("Document", "<urn:uuid:r0>", f"{path}@0"),
        ("Document", "<urn:uuid:r1>", f"{path}@{offsets[1]}"),
        ("Failure", None, f"{path}@{offsets[1]}"),
        ("Document", "<urn:uuid:r2>", f"{path}@{offsets[2]}"),
        ("Document", "<urn:uuid:r3>", f"{path}@{offsets[3]}"),
    ]
    assert [item.html for item in items if isinstance(item, Document)] == [_page(number) for number in range(4)]
    _overrun_message(items[2], offsets[1], offsets[2], cut=True)


def test_a_request_running_past_its_member_loses_no_page_after_it(tmp_path: Path) -> None:
    request = warc_record(
        b"GET /1 HTTP/1.1\r\nHost: example.com\r\n\r\n",
        kind="request",
        content_type="application/http; msgtype=request",
        uri="http://example.com/1",
    )
    records = [_lengthened(request, len(_record(1, response=True))), _record(1, response=True), _record(2)]
    path, offsets = _warc_gz(tmp_path, records)
    items = list(read_inputs([str(path)]))
    assert shown(items) == [
        ("Failure", None, f"{path}@0"),
        ("Document", "<urn:uuid:r1>", f"{path}@{offsets[1]}"),
        ("Document", "<urn:uuid:r2>", f"{path}@{offsets[2]}"),
    ]
    _overrun_message(items[0], 0, offsets[1], cut=True)


# --- intact files, read as before -------------------------------------------------------------------------------


def _quoting_page(number: int) -> bytes:
    """A page that quotes a whole WARC record, CRLFs and all, as a page about web archiving may."""
    quoted = warc_record(b"<p>quoted</p>", kind="resource", content_type="text/html", uri="http://quoted.example/")
    return PAGE.format(title=f"Story {number}").replace("</h1>", "</h1><pre>\r\n" + quoted.decode() + "</pre>").encode()


def _warc_lines_page(number: int) -> bytes:
    """A page whose text holds lines that open WARC records, and a blank line after one."""
    return PAGE.format(title=f"Story {number}").replace("</h1>", "</h1>\nWARC/1.0\r\nWARC/1.1\n\nWARC/1.0\r\n").encode()


@pytest.mark.parametrize("response", [False, True], ids=["resources", "responses"])
@pytest.mark.parametrize("page", [_quoting_page, _warc_lines_page], ids=["quoting a record", "WARC lines"])
def test_intact_records_whose_pages_hold_warc_records_are_read_byte_for_byte(
    tmp_path: Path, response: bool, page: object
) -> None:
    assert callable(page)
    pages = [page(0), _page(1), page(2)]
    records = [_record(number, response=response, page=pages[number]) for number in range(3)]
    path, offsets = _warc_gz(tmp_path, records)
    items = list(read_inputs([str(path)]))
    assert shown(items) == [("Document", f"<urn:uuid:r{n}>", f"{path}@{offsets[n]}") for n in range(3)]
    assert [item.html for item in items if isinstance(item, Document)] == pages


def test_a_file_of_records_of_every_kind_is_read_as_before(tmp_path: Path) -> None:
    info = warc_record(b"software: test\r\n", kind="warcinfo", content_type="application/warc-fields")
    request = warc_record(
        b"GET /0 HTTP/1.1\r\nHost: example.com\r\n\r\n",
        kind="request",
        content_type="application/http; msgtype=request",
    )
    metadata = warc_record(b"fetchTimeMs: 12\r\n", kind="metadata", content_type="application/warc-fields")
    records = [info, request, _record(0, response=True, digest=True), metadata, _record(1), _record(2, digest=True)]
    path, offsets = _warc_gz(tmp_path, records)
    items = list(read_inputs([str(path)]))
    assert shown(items) == [
        ("Document", "<urn:uuid:r0>", f"{path}@{offsets[2]}"),
        ("Document", "<urn:uuid:r1>", f"{path}@{offsets[4]}"),
        ("Document", "<urn:uuid:r2>", f"{path}@{offsets[5]}"),
    ]
    assert [item.html for item in items if isinstance(item, Document)] == [_page(number) for number in range(3)]


def _loosely_written(record: bytes) -> bytes:
    """``record`` as a writer that puts no space after a field's colon and ends it with two LFs writes it."""
    head, _, rest = record.partition(b"\r\n\r\n")
    return head.replace(b": ", b":") + b"\r\n\r\n" + rest[:-4] + b"\n\n"


def test_records_written_loosely_are_read_as_before(tmp_path: Path) -> None:
    records = [_loosely_written(_record(number, response=number % 2 == 1)) for number in range(3)]
    path, offsets = _warc_gz(tmp_path, records)
    items = list(read_inputs([str(path)]))
    assert shown(items) == [("Document", f"<urn:uuid:r{n}>", f"{path}@{offsets[n]}") for n in range(3)]
    assert [item.html for item in items if isinstance(item, Document)] == [_page(number) for number in range(3)]


def test_a_warc_gz_compressed_as_one_member_is_read_as_before(tmp_path: Path) -> None:
    path = tmp_path / "crawl.warc.gz"
    path.write_bytes(gzip.compress(b"".join(_record(number) for number in range(3)), mtime=0))
    items = list(read_inputs([str(path)]))
    assert [(type(item).__name__, item.source_id) for item in items] == [
        ("Document", f"<urn:uuid:r{n}>") for n in range(3)
    ]
    assert [item.html for item in items if isinstance(item, Document)] == [_page(number) for number in range(3)]
