"""Bytes to text, in the order a browser uses: BOM, HTTP charset, ``<meta>`` prescan, then detection.

The WHATWG Encoding Standard maps several labels to supersets (``iso-8859-1`` is decoded as windows-1252,
``shift_jis`` as windows-31j, ``gb2312`` as gb18030); we follow it because pages labelled latin-1 routinely
carry cp1252 quotes and dashes.
"""

from __future__ import annotations

import codecs
import re
from collections.abc import Mapping
from typing import NamedTuple

from ._exceptions import DecodeError

_BOMS: tuple[tuple[bytes, str], ...] = (
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)

# WHATWG label -> the Python codec that decodes what the standard says that label means.
_WHATWG_SUPERSETS: dict[str, str] = {
    "ascii": "cp1252",
    "us-ascii": "cp1252",
    "latin1": "cp1252",
    "latin-1": "cp1252",
    "iso-8859-1": "cp1252",
    "iso8859-1": "cp1252",
    "iso_8859-1": "cp1252",
    "l1": "cp1252",
    "iso-8859-9": "cp1254",
    "latin5": "cp1254",
    "iso-8859-11": "cp874",
    "tis-620": "cp874",
    "shift_jis": "cp932",
    "shift-jis": "cp932",
    "sjis": "cp932",
    "x-sjis": "cp932",
    "ms_kanji": "cp932",
    "windows-31j": "cp932",
    "euc-kr": "cp949",
    "ks_c_5601-1987": "cp949",
    "gb2312": "gb18030",
    "gbk": "gb18030",
    "x-gbk": "gb18030",
    # A <meta> cannot truthfully declare UTF-16: the prescan read it as ASCII-compatible bytes.
    "utf-16": "utf-8",
    "utf-16le": "utf-8",
    "utf-16be": "utf-8",
    "x-user-defined": "cp1252",
}

# Enough of the head to find a <meta charset> on real pages, whose heads are often long with scripts.
PRESCAN_BYTES = 4096
_META_CHARSET = re.compile(
    rb"""<meta[^>]+?charset\s*=\s*["']?\s*([a-zA-Z0-9_:.+-]+)""",
    re.IGNORECASE,
)
_HEADER_CHARSET = re.compile(r"""charset\s*=\s*["']?\s*([a-zA-Z0-9_:.+-]+)""", re.IGNORECASE)


class Decoded(NamedTuple):
    text: str
    encoding: str
    source: str  # "bom" | "http-header" | "meta" | "utf-8-valid" | "detected" | "fallback" | "str"


def codec_for_label(label: str) -> str | None:
    """The Python codec for a charset label, or None when Python knows no such encoding."""
    normalized = label.strip().strip("\"'").lower()
    normalized = _WHATWG_SUPERSETS.get(normalized, normalized)
    try:
        return codecs.lookup(normalized).name
    except LookupError:
        return None


def charset_from_headers(headers: Mapping[str, str] | None) -> str | None:
    if not headers:
        return None
    for key, value in headers.items():
        if key.lower() == "content-type":
            match = _HEADER_CHARSET.search(value)
            return match.group(1) if match else None
    return None


def charset_from_meta(data: bytes) -> str | None:
    match = _META_CHARSET.search(data[:PRESCAN_BYTES])
    return match.group(1).decode("ascii", "replace") if match else None


def decode_html(data: bytes, headers: Mapping[str, str] | None = None, *, url: str | None = None) -> Decoded:
    """Decode a page's bytes. Never raises for undecodable bytes: they become U+FFFD, and the source says so."""
    if not isinstance(data, bytes | bytearray | memoryview):
        raise DecodeError(f"expected bytes, got {type(data).__name__}", url=url, stage="decode")
    data = bytes(data)
    for bom, codec in _BOMS:
        if data.startswith(bom):
            return Decoded(data[len(bom) :].decode(codec, "replace"), codec, "bom")

    for label, source in ((charset_from_headers(headers), "http-header"), (charset_from_meta(data), "meta")):
        declared = codec_for_label(label) if label else None
        if declared:
            return Decoded(data.decode(declared, "replace"), declared, source)

    # Strict UTF-8 succeeding on non-ASCII bytes is near-proof of UTF-8, and far cheaper than detection.
    try:
        return Decoded(data.decode("utf-8"), "utf-8", "utf-8-valid")
    except UnicodeDecodeError:
        pass

    from charset_normalizer import from_bytes

    best = from_bytes(data[: 256 * 1024]).best()
    if best is not None and best.encoding:
        codec = codec_for_label(best.encoding) or best.encoding
        return Decoded(data.decode(codec, "replace"), codec, "detected")
    return Decoded(data.decode("utf-8", "replace"), "utf-8", "fallback")


_LONE_SURROGATE = re.compile("[\ud800-\udfff]")


def replace_lone_surrogates(text: str) -> str:
    """Lone surrogates (text decoded with ``surrogateescape``, UTF-16 cut in half) are not characters and cannot
    be encoded: each becomes U+FFFD, as an undecodable byte does."""
    if text.isascii():
        return text
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return _LONE_SURROGATE.sub("\ufffd", text)
    return text
