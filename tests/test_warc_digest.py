"""WARC-Block-Digest: a record read whose block does not match its stated digest (a bit flipped in a page of an
uncompressed WARC, which nothing else catches) is one reject at its offset, and the records around it are read. A
record without a digest, or with one that cannot be read, is read as it is: that is no sign of damage."""

from __future__ import annotations

import base64
import gzip
import hashlib
from collections.abc import Callable
from pathlib import Path

import pytest

from newsclean import Document, Failure
from newsclean.io import WarcReader

ARTICLE = (
    "<html><head><title>Budget vote</title></head><body><article>"
    + "<p>The council approved the new budget after a long debate on Tuesday evening in the town hall.</p>" * 8
    + "</article></body></html>"
).encode()
HTTP = b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nServer: nginx\r\nContent-Length: %d\r\n\r\n" % len(ARTICLE)


def _base32(block: bytes, algorithm: str = "sha1") -> str:
    return base64.b32encode(hashlib.new(algorithm, block).digest()).decode()


def _hex(block: bytes, algorithm: str = "sha1") -> str:
    return hashlib.new(algorithm, block).hexdigest()


#: How writers state a block digest: (the header's value for a block, the algorithm a failure names).
DIGEST_SPELLINGS: dict[str, tuple[Callable[[bytes], str], str]] = {
    "sha1-base32": (lambda block: f"sha1:{_base32(block)}", "sha1"),
    "sha1-base32-lower-case": (lambda block: f"sha1:{_base32(block).lower()}", "sha1"),
    "sha1-hex": (lambda block: f"sha1:{_hex(block)}", "sha1"),
    "SHA-1-hex-upper-case": (lambda block: f"SHA-1:{_hex(block).upper()}", "sha1"),
    "sha256-base32": (lambda block: f"sha256:{_base32(block, 'sha256')}", "sha256"),
    "sha-256-base32-unpadded": (lambda block: f"sha-256:{_base32(block, 'sha256').rstrip('=')}", "sha256"),
    "sha512-hex": (lambda block: f"sha512:{_hex(block, 'sha512')}", "sha512"),
    "md5-base32": (lambda block: f"md5:{_base32(block, 'md5')}", "md5"),
}


def _record(number: int, block: bytes, *, digest: str | None, kind: str = "response", extra: str = "") -> bytes:
    """One uncompressed WARC record holding ``block``, stating ``digest`` as its WARC-Block-Digest if given."""
    content_type = f"application/http; msgtype={kind}" if kind in ("request", "response") else "text/html"
    head = (
        f"WARC/1.0\r\nWARC-Type: {kind}\r\n"
        f"WARC-Record-ID: <urn:uuid:00000000-0000-0000-0000-{number:012d}>\r\n"
        f"WARC-Date: 2024-05-01T10:00:00Z\r\nWARC-Target-URI: https://news.example/{number}\r\n"
        + (f"WARC-Block-Digest: {digest}\r\n" if digest is not None else "")
        + extra
        + f"Content-Type: {content_type}\r\nContent-Length: {len(block)}\r\n\r\n"
    )
    return head.encode() + block + b"\r\n\r\n"


def _digested(number: int, *, spelling: str = "sha1-base32", kind: str = "response") -> bytes:
    block = HTTP + ARTICLE if kind == "response" else ARTICLE
    return _record(number, block, digest=DIGEST_SPELLINGS[spelling][0](block), kind=kind)


def _flip_bit(record: bytes, text: bytes) -> bytes:
    """``record`` with one bit flipped in the first ``text`` it holds (``budget`` → ``cudget``)."""
    damaged = bytearray(record)
    damaged[record.index(text)] ^= 0x01
    return bytes(damaged)


def _read(path: Path, data: bytes) -> tuple[list[Document], list[Failure]]:
    path.write_bytes(data)
    items = list(WarcReader(path))
    return [i for i in items if isinstance(i, Document)], [i for i in items if isinstance(i, Failure)]


def _urls(documents: list[Document]) -> list[str | None]:
    return [document.url for document in documents]


@pytest.mark.parametrize("spelling", list(DIGEST_SPELLINGS))
@pytest.mark.parametrize("kind", ["response", "resource"])
def test_records_whose_block_digest_matches_are_read(tmp_path: Path, spelling: str, kind: str) -> None:
    data = b"".join(_digested(number, spelling=spelling, kind=kind) for number in range(3))

    documents, failures = _read(tmp_path / "crawl.warc", data)

    assert failures == []
    assert _urls(documents) == [f"https://news.example/{n}" for n in range(3)]
    assert [document.html for document in documents] == [ARTICLE] * 3


@pytest.mark.parametrize("spelling", list(DIGEST_SPELLINGS))
@pytest.mark.parametrize(
    ("kind", "damaged_text"), [("response", b"budget"), ("response", b"nginx"), ("resource", b"budget")]
)
def test_a_flipped_bit_in_a_digested_record_is_that_record_s_reject_and_the_others_are_read(
    tmp_path: Path, spelling: str, kind: str, damaged_text: bytes
) -> None:
    # ``nginx``: a bit flipped in the HTTP head, which the digest covers too (FastWARC has parsed it away).
    records = [_digested(number, spelling=spelling, kind=kind) for number in range(3)]
    records[1] = _flip_bit(records[1], damaged_text)
    path = tmp_path / "crawl.warc"

    documents, failures = _read(path, b"".join(records))

    assert _urls(documents) == ["https://news.example/0", "https://news.example/2"]
    (failure,) = failures
    offset = len(records[0])
    assert (failure.stage, failure.position, failure.url) == ("read", f"{path}@{offset}", "https://news.example/1")
    assert failure.source_id == "<urn:uuid:00000000-0000-0000-0000-000000000001>"
    algorithm = DIGEST_SPELLINGS[spelling][1]
    assert failure.message == (
        f"WARC record at offset {offset}: its block digest ({algorithm}) does not match its content (damaged?)"
    )


def test_a_flipped_bit_in_a_record_without_a_digest_is_read_as_it_is(tmp_path: Path) -> None:
    # The documented limitation: without a digest, nothing in an uncompressed WARC tells the damage apart.
    records = [_record(number, HTTP + ARTICLE, digest=None) for number in range(2)]
    records[1] = _flip_bit(records[1], b"budget")

    documents, failures = _read(tmp_path / "crawl.warc", b"".join(records))

    assert failures == []
    assert _urls(documents) == ["https://news.example/0", "https://news.example/1"]
    assert b"new cudget" in (documents[1].html or b"")


@pytest.mark.parametrize(
    "digest",
    ["foo:ABC", "sha1:ABC", "sha1:not base32!", "sha1", "sha1:" + "A" * 40 + "=", "sha3-256:" + "A" * 52, ""],
    ids=["unknown-algorithm", "too-short", "not-base32", "no-value", "bad-padding", "sha3-unknown", "empty"],
)
def test_a_digest_that_cannot_be_read_is_no_reject(tmp_path: Path, digest: str) -> None:
    records = [_record(0, HTTP + ARTICLE, digest=digest), _digested(1)]

    documents, failures = _read(tmp_path / "crawl.warc", b"".join(records))

    assert failures == []
    assert _urls(documents) == ["https://news.example/0", "https://news.example/1"]


def test_the_payload_digest_is_not_checked(tmp_path: Path) -> None:
    # Writers disagree on whether it covers a chunked or content-coded payload as sent or decoded: no false alarms.
    block = HTTP + ARTICLE
    wrong_payload_digest = f"WARC-Payload-Digest: sha1:{_base32(b'something else')}\r\n"
    records = [
        _record(0, block, digest=f"sha1:{_base32(block)}", extra=wrong_payload_digest),
        _record(1, block, digest=None, extra=wrong_payload_digest),
    ]

    documents, failures = _read(tmp_path / "crawl.warc", b"".join(records))

    assert failures == []
    assert _urls(documents) == ["https://news.example/0", "https://news.example/1"]


# --- .warc.gz: the digest is a second net under gzip's CRC ----------------------------------------------------------


def test_a_warc_gz_record_whose_digest_does_not_match_is_a_reject_at_its_compressed_offset(tmp_path: Path) -> None:
    # Damaged before it was compressed (gzip's CRC is of the damaged bytes): only the digest tells.
    records = [_digested(number) for number in range(3)]
    records[1] = _flip_bit(records[1], b"budget")
    members = [gzip.compress(record, mtime=0) for record in records]
    path = tmp_path / "crawl.warc.gz"

    documents, failures = _read(path, b"".join(members))

    assert _urls(documents) == ["https://news.example/0", "https://news.example/2"]
    (failure,) = failures
    offset = len(members[0])
    assert (failure.position, failure.url) == (f"{path}@{offset}", "https://news.example/1")
    assert failure.message == (
        f"WARC record at compressed offset {offset}: its block digest (sha1) does not match its content (damaged?)"
    )


@pytest.mark.parametrize("spelling", ["sha1-base32", "sha256-base32"])
def test_warc_gz_records_whose_digest_matches_are_read(tmp_path: Path, spelling: str) -> None:
    members = [gzip.compress(_digested(number, spelling=spelling), mtime=0) for number in range(3)]

    documents, failures = _read(tmp_path / "crawl.warc.gz", b"".join(members))

    assert failures == []
    assert _urls(documents) == [f"https://news.example/{n}" for n in range(3)]


def test_a_warc_gz_compressed_as_one_member_raises_no_false_alarm(tmp_path: Path) -> None:
    # Its records have no offsets of their own: where one's HTTP head is cannot be found again, and is not guessed.
    data = gzip.compress(b"".join(_digested(number) for number in range(3)), mtime=0)

    documents, failures = _read(tmp_path / "crawl.warc.gz", data)

    assert failures == []
    assert _urls(documents) == [f"https://news.example/{n}" for n in range(3)]


def test_a_warc_gz_member_holding_a_request_and_its_response_raises_no_false_alarm(tmp_path: Path) -> None:
    # FastWARC gives the response the offset of its member, whose header is the request's, naming the response's id
    # (WARC-Concurrent-To): that header is not taken for the response's.
    request = _record(
        9,
        b"GET /1 HTTP/1.1\r\nHost: news.example\r\n\r\n",
        digest=None,
        kind="request",
        extra="WARC-Concurrent-To: <urn:uuid:00000000-0000-0000-0000-000000000001>\r\n",
    )
    members = [gzip.compress(_digested(0), mtime=0), gzip.compress(request + _digested(1), mtime=0)]

    documents, failures = _read(tmp_path / "crawl.warc.gz", b"".join(members))

    assert failures == []
    assert _urls(documents) == ["https://news.example/0", "https://news.example/1"]
