"""A WARC response's payload as the page's bytes: its transfer coding and content codings undone.

The WARC standard stores a response as it came over the wire, and crawlers that follow it (wget, warcprox,
Heritrix, Browsertrix) keep ``Transfer-Encoding: chunked`` and ``Content-Encoding: gzip`` payloads as they were.
Read as they are, a gzip or brotli page is refused as binary and a chunked one keeps its chunk-size lines in
the text ("after 32 a long debate"). Common Crawl, and newsclean's own fetcher, store payloads decoded and keep
the original headers under other names (``X-Crawler-Content-Encoding``), so nothing is undone for them.
A payload that a crawler decoded while keeping the header is recognised by not decoding, and is taken as it is
when it starts as markup.
"""

from __future__ import annotations

from collections.abc import Mapping

from .._exceptions import FetchError
from ..fetch._body import BodyReader

_HEX_DIGITS = frozenset(b"0123456789abcdefABCDEF")


class PayloadError(ValueError):
    """A payload whose content coding is unknown or corrupt, or which inflates past the bound."""


def page_bytes(payload: bytes, headers: Mapping[str, str], *, max_bytes: int, url: str | None) -> bytes:
    """``payload`` with every transfer coding (chunked, gzip, …) and content coding its ``headers`` name undone."""
    fields = {name.lower(): value for name, value in headers.items()}
    transfer = [part.strip().lower() for part in fields.get("transfer-encoding", "").split(",") if part.strip()]
    if "chunked" in transfer:
        payload = dechunked(payload) or payload  # already joined by the crawler when it does not start as chunks
    elif (declared := _content_length(fields)) is not None and len(payload) < declared:
        # Content-Length counts the body as sent (before content codings are undone); a crawler that stored the
        # body decoded stores more than that, or renames the header (X-Crawler-Content-Length). Less is a body
        # cut short, which read as it is would pass for half an article.
        raise PayloadError(
            f"the payload holds {len(payload):,} of the {declared:,} bytes its Content-Length declares"
            f" ({declared - len(payload):,} missing: truncated record?)"
        )
    # A transfer coding besides chunked ("gzip, chunked") is applied after the content codings, so it is undone
    # first (last in the list): left as it is, the page was refused as binary.
    codings = [part.strip() for part in fields.get("content-encoding", "").split(",") if part.strip()]
    codings += [part for part in transfer if part != "chunked"]
    coding = ", ".join(part for part in codings if part.lower() != "identity")
    if not coding:
        return payload
    try:
        reader = BodyReader(coding, max_bytes=max_bytes, url=url or "")
        reader.feed(payload)
    except FetchError as exc:
        if exc.reason == "encoding" and payload.lstrip()[:1] == b"<":
            return payload  # stored decoded under its original header
        raise PayloadError(f"Content-Encoding {coding!r}: {exc.message}") from None
    if not reader.complete:
        raise PayloadError(f"Content-Encoding {coding!r}: the compressed payload ends early (truncated record?)")
    return reader.finish()


def _content_length(fields: Mapping[str, str]) -> int | None:
    """The body length a Content-Length field declares, or None when it has none or one that does not parse (a
    repeated field is one length, "1234, 1234", RFC 9110 §8.6)."""
    values = {value.strip() for value in fields.get("content-length", "").split(",")}
    if len(values) != 1:
        return None
    (value,) = values
    return int(value) if value.isascii() and value.isdigit() else None


def dechunked(payload: bytes) -> bytes | None:
    """The body a chunked transfer coding carries (RFC 9112 §7.1), or None when ``payload`` does not start as
    one (a crawler joined the chunks). Raises ``PayloadError`` when it starts as chunks and breaks off before the
    last, empty one: read as it is, its chunk-size lines would be text ("voted 64 to approve")."""
    parts: list[bytes] = []
    position = 0
    while True:
        line_end = payload.find(b"\r\n", position)
        size_field = payload[position:line_end].split(b";", 1)[0].strip() if line_end >= 0 else b""
        if not size_field or len(size_field) > 16 or not _HEX_DIGITS.issuperset(size_field):
            if position == 0:
                return None
            raise PayloadError(f"chunked payload breaks off after {len(parts)} chunks (truncated record?)")
        size = int(size_field, 16)
        start = line_end + 2
        if size == 0:
            return b"".join(parts)  # trailer fields, if any, are not the body
        end = start + size
        if payload[end : end + 2] != b"\r\n":
            raise PayloadError(f"chunked payload breaks off in chunk {len(parts) + 1} (truncated record?)")
        parts.append(payload[start:end])
        position = end + 2
