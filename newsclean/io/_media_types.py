"""Which Content-Types name content that is never a page (styles, scripts, data, feeds, media, archives): an archived
response of one is passed over without being sniffed; one of no type known, or of a value that is no media type, is
sniffed for HTML."""

from __future__ import annotations

import re

#: A media type as a Content-Type names it (RFC 9110 §8.3.1), in lower case, parameters aside: its top-level type,
#: its subtype, and the subtype's structured syntax suffix (RFC 6838 §4.2.8: "+json", "+xml").
_MEDIA_TYPE = re.compile(
    r"([!#$%&'*^_`|~0-9a-z-]+)/([!#$%&'*+.^_`|~0-9a-z-]+?)(\+[!#$%&'*.^_`|~0-9a-z-]+)?[ \t]*(?:;.*)?", re.DOTALL
)
#: How much of a payload is sniffed for HTML when it is not read whole (``looks_like_html`` reads a kilobyte).
SNIFF_BYTES = 1024
#: Top-level media types whose content is never a page.
_NO_PAGE_TOP_LEVEL_TYPES = frozenset({"audio", "font", "haptics", "image", "message", "model", "multipart", "video"})
#: Types of ``text`` and ``application`` that a crawl archives beside its pages, none of them a page: styles,
#: scripts, data, feeds, documents and archives. (``text/plain`` and ``text/markdown`` are text dumps only when a
#: resource or a conversion holds them: a response of either is a robots.txt, an ads.txt, a file served as it is.)
_NO_PAGE_TYPES = frozenset(
    {
        "text/css", "text/javascript", "text/ecmascript", "text/x-javascript", "text/json", "text/x-json",
        "text/csv", "text/tab-separated-values", "text/xml", "text/plain", "text/markdown", "text/x-markdown",
        "text/calendar", "text/vcard", "text/vtt", "text/event-stream", "text/x-component", "text/cache-manifest",
        "application/javascript", "application/x-javascript", "application/ecmascript", "application/json",
        "application/x-ndjson", "application/xml", "application/pdf", "application/zip", "application/gzip",
        "application/x-gzip", "application/x-tar", "application/x-bzip2", "application/x-7z-compressed",
        "application/x-rar-compressed", "application/wasm", "application/x-shockwave-flash", "application/msword",
        "application/rtf", "application/postscript", "application/ogg", "application/protobuf",
        "application/x-protobuf", "application/grpc", "application/x-www-form-urlencoded", "application/dns-message",
        "application/ocsp-response", "application/pkix-cert", "application/x-x509-ca-cert", "application/java-archive",
        "application/x-bittorrent", "application/x-font-ttf", "application/x-font-woff", "application/font-woff",
        "application/font-woff2", "application/vnd.ms-fontobject",
    }
)  # fmt: skip
#: Structured syntax suffixes of types that are no page (``application/rss+xml``, ``application/ld+json``); an
#: XHTML page, ``application/xhtml+xml``, is known as a page before these are looked at.
_NO_PAGE_SUFFIXES = frozenset({"+json", "+xml", "+zip", "+gzip", "+cbor", "+zstd"})


def known_no_page(content_type: str) -> bool:
    """Whether a Content-Type (lower case) names a type known to hold no page; False for one of no type known,
    and for a value that is no media type ("tex|/html"): their payloads are sniffed."""
    media_type = _MEDIA_TYPE.fullmatch(content_type)
    if media_type is None:
        return False
    top, subtype, suffix = media_type.groups()
    return (
        top in _NO_PAGE_TOP_LEVEL_TYPES
        or f"{top}/{subtype}{suffix or ''}" in _NO_PAGE_TYPES
        or suffix in _NO_PAGE_SUFFIXES
        or (top == "application" and subtype.startswith("vnd."))
    )
