"""Damaged inputs: what is readable of a cut or corrupt dump is read, and the damage is one reject naming where
it is (never a silent drop, never the rest of the file lost with it)."""

from __future__ import annotations

import gzip
import json
import os
import time
import zlib
from pathlib import Path
from typing import Any

import msgspec
import pytest
from _records import holds_nothing
from _warc import warc_record
from click.testing import CliRunner

from newsclean import Document, Failure
from newsclean.cli import main
from newsclean.io import FolderReader, JsonlReader, WarcReader, open_reader

ARTICLE = (
    "<html><head><title>Budget vote</title></head><body><article>"
    + "<p>The council approved the new budget after a long debate on Tuesday evening in the town hall.</p>" * 8
    + "</article></body></html>"
).encode()


def _jsonl_lines(count: int) -> list[bytes]:
    return [
        json.dumps({"id": f"d{i}", "text": f"Story {i}. " + "The council met again. " * 12}).encode()
        for i in range(count)
    ]


def _complete_lines(compressed: bytes) -> int:
    """How many whole lines zlib recovers from a damaged gzip stream (what zcat prints before it gives up)."""
    return zlib.decompressobj(wbits=31).decompress(compressed).count(b"\n")


def _split(items: list[Document | Failure]) -> tuple[list[Document], list[Failure]]:
    return [i for i in items if isinstance(i, Document)], [i for i in items if isinstance(i, Failure)]


# --- gzip: every complete line before the damage is read ----------------------------------------------------------


def test_a_gzip_dump_cut_in_half_gives_every_line_that_decompresses_then_one_failure(tmp_path: Path) -> None:
    compressed = gzip.compress(b"\n".join(_jsonl_lines(3000)) + b"\n")
    path = tmp_path / "dump.jsonl.gz"
    path.write_bytes(compressed[: len(compressed) // 2])
    recoverable = _complete_lines(path.read_bytes())
    assert 0 < recoverable < 3000

    documents, failures = _split(list(JsonlReader(path)))

    # A whole 64 KiB read was lost with the read that failed: 69 of 1,485 intact lines.
    assert len(documents) == recoverable
    assert documents[-1].source_id == f"d{recoverable - 1}"
    (failure,) = failures
    assert failure.position == f"{path}:{recoverable + 1}"
    assert f"after line {recoverable}: gzip stream ends inside member 1 at compressed byte" in failure.message


def test_bytes_after_the_last_gzip_member_cost_none_of_its_lines(tmp_path: Path) -> None:
    path = tmp_path / "dump.jsonl.gz"
    member = gzip.compress(b"\n".join(_jsonl_lines(3)) + b"\n")
    path.write_bytes(member + b"garbage")

    documents, failures = _split(list(JsonlReader(path)))

    assert [document.source_id for document in documents] == ["d0", "d1", "d2"]
    (failure,) = failures
    assert failure.position == f"{path}:4"
    assert f"after line 3: gzip data is corrupt in member 2 at compressed byte {len(member):,}" in failure.message


def test_a_corrupt_gzip_member_keeps_every_line_of_the_members_before_it(tmp_path: Path) -> None:
    lines = _jsonl_lines(3000)
    first = gzip.compress(b"\n".join(lines[:2000]) + b"\n")
    second = bytearray(gzip.compress(b"\n".join(lines[2000:]) + b"\n"))
    second[10] = 0b111  # the first deflate block's type: 3, which does not exist
    path = tmp_path / "dump.jsonl.gz"
    path.write_bytes(first + bytes(second))

    documents, failures = _split(list(JsonlReader(path)))

    assert len(documents) == 2000
    (failure,) = failures
    assert failure.position == f"{path}:2001"
    assert f"after line 2000: gzip data is corrupt in member 2 at compressed byte {len(first):,}" in failure.message
    assert "invalid block type" in failure.message


def test_a_truncated_gzip_dump_on_standard_input_loses_no_line(tmp_path: Path) -> None:
    compressed = gzip.compress(b"\n".join(_jsonl_lines(3000)) + b"\n")
    cut = compressed[: len(compressed) // 2]
    output = tmp_path / "out.jsonl"

    result = CliRunner().invoke(
        main, ["clean", "--format", "jsonl", "-", "-o", str(output), "--workers", "1", "--quiet"], input=cut
    )

    assert result.exit_code == 0, result.output
    recoverable = _complete_lines(cut)
    written = output.read_bytes().splitlines()
    rejects = [msgspec.json.decode(line) for line in (tmp_path / "out.rejects.jsonl").read_bytes().splitlines()]
    assert len(written) == recoverable
    assert [(reject["position"], reject["stage"]) for reject in rejects] == [(f"-:{recoverable + 1}", "read")]
    assert f"after line {recoverable}" in rejects[0]["message"]


# --- WARC ---------------------------------------------------------------------------------------------------------


def _warc_record(number: int, block: bytes, *, declared: int | None = None) -> bytes:
    """One uncompressed WARC response record holding ``block``, its Content-Length ``declared`` if given."""
    record_id = f"<urn:uuid:00000000-0000-0000-0000-{number:012d}>"
    return warc_record(block, uri=f"https://news.example/{number}", record_id=record_id, declared_length=declared)


def _http(page: bytes = ARTICLE, *, content_length: int | None = None) -> bytes:
    length = len(page) if content_length is None else content_length
    return b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nContent-Length: %d\r\n\r\n" % length + page


def _read_warc(tmp_path: Path, data: bytes) -> tuple[Path, list[Document], list[Failure]]:
    path = tmp_path / "crawl.warc"
    path.write_bytes(data)
    documents, failures = _split(list(WarcReader(path)))
    return path, documents, failures


@pytest.mark.parametrize(
    ("block", "message"),
    [
        (b"garbage not http\r\n\r\n" + ARTICLE, "HTTP status line does not parse: 'garbage not http'"),
        (b"HTTP/1.1 200 OK\r\n" + ARTICLE, "empty HTTP payload and no 'Content-Length: 0'"),
        (b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\n" + ARTICLE, "an HTTP head with no blank line after it?"),
    ],
)
def test_a_response_whose_http_head_does_not_parse_is_a_failure_not_dropped(
    tmp_path: Path, block: bytes, message: str
) -> None:
    path, documents, failures = _read_warc(tmp_path, _warc_record(1, block) + _warc_record(2, _http()))

    assert [document.url for document in documents] == ["https://news.example/2"]
    (failure,) = failures
    assert message in failure.message
    assert (failure.position, failure.url) == (f"{path}@0", "https://news.example/1")


def test_an_empty_response_that_says_so_is_no_failure(tmp_path: Path) -> None:
    empty = b"HTTP/1.1 200 OK\r\nContent-Length: 0\r\n\r\n"
    no_content = b"HTTP/1.1 204 No Content\r\n\r\n"
    path, documents, failures = _read_warc(tmp_path, _warc_record(1, empty) + _warc_record(2, no_content))
    assert (documents, failures) == ([], [holds_nothing(path)])  # the file's note, and none for either record


def test_a_response_shorter_than_its_http_content_length_is_a_failure(tmp_path: Path) -> None:
    cut = _http(ARTICLE[:300], content_length=len(ARTICLE))
    path, documents, failures = _read_warc(tmp_path, _warc_record(1, cut) + _warc_record(2, _http()))

    assert [document.url for document in documents] == ["https://news.example/2"]
    (failure,) = failures
    missing = len(ARTICLE) - 300
    assert failure.message == (
        f"WARC record: the payload holds 300 of the {len(ARTICLE):,} bytes its Content-Length declares"
        f" ({missing:,} missing: truncated record?)"
    )
    assert failure.position == f"{path}@0"


def test_content_length_is_not_held_against_chunked_compressed_or_undeclared_bodies(tmp_path: Path) -> None:
    chunked = (
        b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nTransfer-Encoding: chunked\r\nContent-Length: 999999\r\n\r\n"
        + b"%x\r\n" % len(ARTICLE)
        + ARTICLE
        + b"\r\n0\r\n\r\n"
    )
    packed = gzip.compress(ARTICLE)
    compressed = (
        b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nContent-Encoding: gzip\r\nContent-Length: %d\r\n\r\n"
        % len(packed)
        + packed
    )
    stored_decoded = _http(content_length=len(packed)).replace(b"\r\n\r\n", b"\r\nContent-Encoding: gzip\r\n\r\n", 1)
    undeclared = b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\n\r\n" + ARTICLE
    blocks = [chunked, compressed, stored_decoded, undeclared]
    data = b"".join(_warc_record(number, block) for number, block in enumerate(blocks))

    _, documents, failures = _read_warc(tmp_path, data)

    assert failures == []
    assert [document.html for document in documents] == [ARTICLE] * 4


def test_garbage_between_warc_records_is_one_failure_at_its_offset_and_the_rest_is_read(tmp_path: Path) -> None:
    good = [_warc_record(number, _http()) for number in range(3)]
    path, documents, failures = _read_warc(tmp_path, good[0] + b"GARBAGE LINE\r\n" + good[1] + good[2])

    assert [document.url for document in documents] == [f"https://news.example/{n}" for n in range(3)]
    garbage_at, resumed_at = len(good[0]), len(good[0]) + len(b"GARBAGE LINE\r\n")
    assert [document.position for document in documents] == [
        f"{path}@0",
        f"{path}@{resumed_at}",
        f"{path}@{resumed_at + len(good[1])}",
    ]
    (failure,) = failures
    assert failure.position == f"{path}@{garbage_at}"
    assert failure.message == (
        f"WARC is corrupt at offset {garbage_at}: Invalid WARC header; reading resumes at the next record, offset"
        f" {resumed_at}"
    )


@pytest.mark.parametrize("error", [300, -300])
def test_a_warc_record_whose_content_length_is_off_is_one_failure_and_the_next_is_read(
    tmp_path: Path, error: int
) -> None:
    block = _http()
    damaged = _warc_record(1, block, declared=len(block) + error)
    first = _warc_record(0, _http())
    path, documents, failures = _read_warc(tmp_path, first + damaged + _warc_record(2, _http()))

    assert [document.url for document in documents] == ["https://news.example/0", "https://news.example/2"]
    assert documents[1].position == f"{path}@{len(first) + len(damaged)}"
    (failure,) = failures
    assert (failure.position, failure.url) == (f"{path}@{len(first)}", "https://news.example/1")
    assert failure.message.startswith("WARC record's Content-Length does not end it where a record ends")
    assert failure.message.endswith(f"reading resumes at the next record, offset {len(first) + len(damaged)}")


def test_garbage_after_the_last_warc_record_says_nothing_follows(tmp_path: Path) -> None:
    record = _warc_record(0, _http())
    path, documents, failures = _read_warc(tmp_path, record + b"trailing junk\r\n")

    assert len(documents) == 1
    (failure,) = failures
    assert failure.position == f"{path}@{len(record)}"
    assert failure.message.endswith("; no record follows")


# --- .warc.gz: one gzip member a record; damage is one failure, and reading resumes at the next record -------------


def _members(count: int = 4) -> list[bytes]:
    """A .warc.gz's records, each its own gzip member (as warcio, wget and Heritrix write them)."""
    return [gzip.compress(_warc_record(number, _http()), mtime=0) for number in range(count)]


def _read_warc_gz(tmp_path: Path, data: bytes) -> tuple[Path, list[Document], list[Failure]]:
    path = tmp_path / "crawl.warc.gz"
    path.write_bytes(data)
    documents, failures = _split(list(WarcReader(path)))
    return path, documents, failures


def _corrupt_block(member: bytes) -> bytes:
    damaged = bytearray(member)
    damaged[10] = 0b111  # the first deflate block's type: 3, which does not exist
    return bytes(damaged)


def _corrupt_checksum(member: bytes) -> bytes:
    damaged = bytearray(member)
    damaged[-8] ^= 0xFF  # the CRC-32 of the member's data, in its trailer
    return bytes(damaged)


@pytest.mark.parametrize(
    ("damage", "found_at", "reason"),
    [
        (
            _corrupt_block,
            lambda start, size: start + 10,
            "gzip data is corrupt in the member that starts at compressed offset {start} (Error -3 while"
            " decompressing data: invalid block type)",
        ),
        (
            _corrupt_checksum,
            lambda start, size: start + size - 5,  # the checksum's last byte: where zlib compares it
            "gzip data is corrupt in the member that starts at compressed offset {start} (Error -3 while"
            " decompressing data: incorrect data check)",
        ),
        (
            lambda member: gzip.compress(b"<html>not a record</html>", mtime=0),
            lambda start, size: start,
            "the gzip member there decompresses to no WARC record: b'<html>not a reco'…",
        ),
    ],
    ids=["corrupt-deflate", "corrupt-checksum", "not-a-record"],
)
def test_a_damaged_member_of_a_warc_gz_is_one_failure_and_the_records_after_it_are_read(
    tmp_path: Path, damage: Any, found_at: Any, reason: str
) -> None:
    members = _members()
    damaged = damage(members[1])
    path, documents, failures = _read_warc_gz(tmp_path, members[0] + damaged + members[2] + members[3])

    start, resumed_at = len(members[0]), len(members[0]) + len(damaged)
    assert [document.url for document in documents] == [f"https://news.example/{n}" for n in (0, 2, 3)]
    assert [document.position for document in documents] == [
        f"{path}@0",
        f"{path}@{resumed_at}",
        f"{path}@{resumed_at + len(members[2])}",
    ]
    (failure,) = failures
    assert failure.position == f"{path}@{start}"
    assert failure.message == (
        f"WARC is corrupt at compressed offset {found_at(start, len(damaged))} (offsets in the .gz file, not in the"
        f" WARC it decompresses to): {reason.format(start=start)}; reading resumes at the next record, compressed"
        f" offset {resumed_at}"
    )


def test_garbage_between_warc_gz_members_is_one_failure_at_its_offset_and_the_rest_is_read(tmp_path: Path) -> None:
    members = _members(3)
    garbage = b"GARBAGE\x00" * 20
    path, documents, failures = _read_warc_gz(tmp_path, members[0] + garbage + members[1] + members[2])

    assert [document.url for document in documents] == [f"https://news.example/{n}" for n in range(3)]
    (failure,) = failures
    assert failure.position == f"{path}@{len(members[0])}"
    assert failure.message.endswith(
        f": bytes that start no gzip member; reading resumes at the next record, compressed offset"
        f" {len(members[0]) + len(garbage)}"
    )


@pytest.mark.parametrize("kept", [12, 0.5, -4], ids=["in-its-header", "halfway", "in-its-trailer"])
def test_a_warc_gz_cut_inside_its_last_member_keeps_the_records_before_it_and_is_one_failure(
    tmp_path: Path, kept: float
) -> None:
    members = _members(3)
    last = members[2]
    cut = last[: int(len(last) * kept) if isinstance(kept, float) else kept]
    path, documents, failures = _read_warc_gz(tmp_path, members[0] + members[1] + cut)

    start = len(members[0]) + len(members[1])
    # Cut in its trailer, the last record is whole (its Content-Length is all there) and stands.
    assert [document.url for document in documents] == [
        f"https://news.example/{n}" for n in range(3 if kept == -4 else 2)
    ]
    (failure,) = failures
    assert failure.position == f"{path}@{start}"
    assert failure.message == (
        f"WARC is corrupt at compressed offset {start + len(cut)} (offsets in the .gz file, not in the WARC it"
        f" decompresses to): the file ends inside the gzip member that starts at compressed offset {start}"
        " (truncated?); no record follows"
    )


def test_an_empty_gzip_member_in_a_warc_gz_does_not_end_it(tmp_path: Path) -> None:
    # FastWARC takes a member that decompresses to nothing for the end of the file: the records after it were lost.
    members = _members(3)
    data = members[0] + gzip.compress(b"", mtime=0) + members[1] + members[2]
    _, documents, failures = _read_warc_gz(tmp_path, data)

    assert [document.url for document in documents] == [f"https://news.example/{n}" for n in range(3)]
    assert failures == []


def test_a_warc_gz_record_whose_content_length_is_short_is_one_failure_and_the_next_is_read(tmp_path: Path) -> None:
    members = _members(3)
    short = gzip.compress(_warc_record(9, _http(), declared=100), mtime=0)
    path, documents, failures = _read_warc_gz(tmp_path, members[0] + short + members[1] + members[2])

    assert [document.url for document in documents] == [f"https://news.example/{n}" for n in range(3)]
    (failure,) = failures
    assert (failure.position, failure.url) == (f"{path}@{len(members[0])}", "https://news.example/9")
    assert failure.message.startswith(
        f"WARC is corrupt inside the gzip member at compressed offset {len(members[0])}, after its record's"
        " Content-Length"
    )


def test_false_gzip_starts_in_a_damaged_region_are_passed_over_cheaply(tmp_path: Path) -> None:
    members = _members(3)
    # Bytes that look like a member's start, thousands of them: a header of bad flags, a good header before deflate
    # data that fails, a member that decompresses but to no record, a member cut short.
    not_a_record = gzip.compress(b"WARC-ish but not a record", mtime=0)
    lookalikes = (
        b"\x1f\x8b\x08\xff" + b"\x1f\x8b\x08\x00\x00\x00\x00\x00\x00\x03\xff\xff" + not_a_record + members[1][:40]
    ) * 20000  # 2 MB: the search crosses the 1 MiB it reads at a time
    damaged = _corrupt_block(members[1]) + lookalikes
    data = members[0] + damaged + members[2]
    started = time.monotonic()

    path, documents, failures = _read_warc_gz(tmp_path, data)

    assert time.monotonic() - started < 5  # a hang guard only
    assert [document.url for document in documents] == ["https://news.example/0", "https://news.example/2"]
    assert documents[1].position == f"{path}@{len(members[0]) + len(damaged)}"
    (failure,) = failures
    assert failure.position == f"{path}@{len(members[0])}"
    assert failure.message.endswith(
        f"reading resumes at the next record, compressed offset {len(members[0]) + len(damaged)}"
    )


# --- folders: names that are not UTF-8 ----------------------------------------------------------------------------


@pytest.mark.skipif(os.name == "nt", reason="Windows file names are Unicode: no name holds a byte that is not UTF-8")
def test_folder_files_whose_names_differ_in_bytes_that_are_not_utf8_keep_distinct_ids(tmp_path: Path) -> None:
    folder = tmp_path / "pages"
    folder.mkdir()
    for name in (b"b\xff.html", b"b\xfe.html", b"plain.html"):
        (folder / os.fsdecode(name)).write_bytes(ARTICLE)

    documents, failures = _split(list(FolderReader(folder)))

    assert failures == []
    assert [document.source_id for document in documents] == ["b\\xfe.html", "b\\xff.html", "plain.html"]
    assert documents[0].position == f"{tmp_path}/pages/b\\xfe.html"


_NOT_UTF8 = pytest.mark.skipif(
    os.name == "nt", reason="Windows file names are Unicode: no name holds a byte that is not UTF-8"
)
#: A dump of each kind: one record that reads, one that does not.
_DUMPS = {
    ".jsonl": json.dumps({"html": ARTICLE.decode()}).encode() + b"\nnot json\n",
    ".csv": b"html\n" + json.dumps(ARTICLE.decode()).encode().replace(b'\\"', b'""') + b'\n"never closed\n',
    ".warc": _warc_record(0, _http()) + b"GARBAGE LINE\r\n" + _warc_record(1, _http()),
}


@_NOT_UTF8
@pytest.mark.parametrize("suffix", sorted(_DUMPS))
def test_dumps_whose_names_differ_in_bytes_that_are_not_utf8_keep_distinct_positions_and_ids(
    tmp_path: Path, suffix: str
) -> None:
    read: dict[str, list[Document | Failure]] = {}
    for byte in ("ff", "fe"):
        path = tmp_path / os.fsdecode(b"d" + bytes.fromhex(byte) + suffix.encode())
        path.write_bytes(_DUMPS[suffix])
        read[byte] = list(open_reader(str(path)))

    for byte, items in read.items():
        documents, failures = _split(items)
        assert documents and failures
        # As a folder's page is named: the byte written \xNN, where U+FFFD (what the writers make of the byte
        # Python holds as a lone surrogate) made the two files' records one file's.
        expected = f"{tmp_path}/d\\x{byte}{suffix}"
        assert all(item.position and item.position.startswith(expected) for item in items)
        if suffix != ".warc":  # a WARC record's id is its WARC-Record-ID
            assert documents[0].source_id == f"d\\x{byte}{suffix}:1"
    positions = [{item.position for item in items} for items in read.values()]
    assert not positions[0] & positions[1]


@_NOT_UTF8
def test_the_cli_writes_ids_and_reject_positions_of_such_dumps_apart(tmp_path: Path) -> None:
    names = [tmp_path / os.fsdecode(b"d" + byte + b".jsonl") for byte in (b"\xfe", b"\xff")]
    for path in names:
        path.write_bytes(_DUMPS[".jsonl"])
    output = tmp_path / "out.jsonl"

    result = CliRunner().invoke(main, ["clean", *map(str, names), "-o", str(output), "--workers", "1", "--quiet"])

    assert result.exit_code == 0, result.output
    ids = [msgspec.json.decode(line)["source_id"] for line in output.read_bytes().splitlines()]
    rejects = [msgspec.json.decode(line) for line in (tmp_path / "out.rejects.jsonl").read_bytes().splitlines()]
    assert ids == ["d\\xfe.jsonl:1", "d\\xff.jsonl:1"]
    assert [reject["position"] for reject in rejects] == [f"{tmp_path}/d\\xfe.jsonl:2", f"{tmp_path}/d\\xff.jsonl:2"]


@pytest.mark.parametrize("cut", [20, 60, 200], ids=["in its HTTP status line", "in its HTTP head", "in its page"])
def test_a_warc_that_ends_inside_its_last_record_says_so(tmp_path: Path, cut: int) -> None:
    # Cut in its HTTP head, the record read as an untyped response that is no page: it was dropped, unsaid.
    records = [_warc_record(number, _http()) for number in range(3)]
    head = records[2].index(b"HTTP/1.1")
    path, documents, failures = _read_warc(tmp_path, records[0] + records[1] + records[2][: head + cut])

    assert [document.url for document in documents] == ["https://news.example/0", "https://news.example/1"]
    (failure,) = failures
    offset = len(records[0]) + len(records[1])
    assert failure.position == f"{path}@{offset}"
    assert failure.url == "https://news.example/2"
    assert failure.message == (
        f"WARC is corrupt at offset {offset}: the file ends inside the record that starts there (truncated?)"
    )


@pytest.mark.parametrize(
    ("damage", "reason"),
    [
        (lambda record: record.replace(b"WARC-Type", b"WA\x93RC-Type", 1), "without a WARC-Type header"),
        (lambda record: record.replace(b"response\r\n", b"resp\x01onse\r\n", 1), "whose WARC-Type is no type"),
    ],
    ids=["a byte in its name", "a byte in its value"],
)
def test_a_warc_record_whose_type_is_damaged_is_a_failure_not_a_skipped_record(
    tmp_path: Path, damage: Any, reason: str
) -> None:
    # Read as a record of no known type, it was passed over as one that holds no page: dropped, unsaid.
    records = [_warc_record(number, _http()) for number in range(3)]
    path, documents, failures = _read_warc(tmp_path, records[0] + damage(records[1]) + records[2])

    assert [document.url for document in documents] == ["https://news.example/0", "https://news.example/2"]
    (failure,) = failures
    assert failure.position == f"{path}@{len(records[0])}"
    assert reason in failure.message and failure.url == "https://news.example/1"


def test_a_warc_record_of_an_extension_s_type_is_passed_over(tmp_path: Path) -> None:
    records = [_warc_record(number, _http()) for number in range(2)]
    extension = records[1].replace(b"WARC-Type: response", b"WARC-Type: x-crawler-note", 1)
    _, documents, failures = _read_warc(tmp_path, records[0] + extension)
    assert [document.url for document in documents] == ["https://news.example/0"] and failures == []
