"""WARC records written byte by byte for the readers' tests, so a test can damage exactly the byte it means to: the
header fields in the order writers put them (type, id, date, target, content type, digest, length), then the block
and the two CRLFs that end a record."""

from __future__ import annotations

import base64
import hashlib
import uuid


def warc_record(
    block: bytes,
    *,
    kind: str = "response",
    content_type: str | None = "application/http; msgtype=response",
    uri: str = "http://example.com/a",
    record_id: str | None = None,
    digest_of: bytes | None = None,
    declared_length: int | None = None,
) -> bytes:
    """One uncompressed record holding ``block``. ``content_type`` None leaves the field out; ``digest_of`` states
    the SHA-1 block digest of those bytes (``block`` itself for a sound record); ``declared_length`` is a
    Content-Length other than the block's. Without ``record_id``, one is derived from the record's content, so the
    same test writes the same bytes in every run."""
    if record_id is None:
        record_id = f"<urn:uuid:{uuid.UUID(bytes=hashlib.sha1(kind.encode() + uri.encode() + block).digest()[:16])}>"
    typed = f"Content-Type: {content_type}\r\n" if content_type is not None else ""
    digest = ""
    if digest_of is not None:
        digest = f"WARC-Block-Digest: sha1:{base64.b32encode(hashlib.sha1(digest_of).digest()).decode()}\r\n"
    length = len(block) if declared_length is None else declared_length
    head = (
        f"WARC/1.0\r\nWARC-Type: {kind}\r\nWARC-Record-ID: {record_id}\r\nWARC-Date: 2024-06-01T12:00:00Z\r\n"
        f"WARC-Target-URI: {uri}\r\n{typed}{digest}Content-Length: {length}\r\n\r\n"
    )
    return head.encode() + block + b"\r\n\r\n"


def numbered_record(number: int, block: bytes, *, response: bool = False, digest: bool = False) -> bytes:
    """Record ``number`` (id "<urn:uuid:r<number>>", URL http://example.com/<number>) holding ``block``: a resource
    (a page archived as it is), or with ``response`` a response (an HTTP exchange); ``digest`` states its block
    digest."""
    return warc_record(
        block,
        kind="response" if response else "resource",
        content_type="application/http; msgtype=response" if response else "text/html",
        uri=f"http://example.com/{number}",
        record_id=f"<urn:uuid:r{number}>",
        digest_of=block if digest else None,
    )
