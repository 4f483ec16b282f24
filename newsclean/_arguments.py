"""The caller's arguments to ``clean_html`` and ``clean_text``, checked where they come in.

A value of the wrong type is a ``TypeError`` that names the argument, raised before any work, instead of an
``AttributeError`` from deep inside a stage (or, for a URL, an ``ExtractionError`` from trafilatura).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeAlias

#: Response headers in the forms callers hold them: a mapping (a dict, ``httpx.Headers``, requests'
#: ``CaseInsensitiveDict``), a list of (name, value) pairs (``httpx.Response.headers.raw``, WSGI, warcio) with str or
#: bytes names and values, or the raw header block crawlers store ("Content-Type: text/html\r\n…").
HeadersArg: TypeAlias = Mapping[Any, Any] | list[tuple[Any, Any]] | tuple[tuple[Any, Any], ...] | str | bytes | None


def page_markup(html: object) -> str | bytes:
    """The page as given, if it is one: text, or bytes in any buffer."""
    if isinstance(html, str | bytes):
        return html
    if isinstance(html, bytearray | memoryview):
        return bytes(html)
    raise TypeError(f"html must be str or bytes, not {type(html).__name__}")


def optional_str(value: object, name: str) -> str | None:
    """A string argument that may be left out. It is passed on as given, lone surrogates included: the Article
    keeps the caller's URL and id, and ``newsclean.to_json`` writes such characters as U+FFFD."""
    if value is None or isinstance(value, str):
        return value
    raise TypeError(f"{name} must be a str or None, not {type(value).__name__}")


def header_fields(headers: object) -> dict[str, str] | None:
    """``headers`` (any form of ``HeadersArg``) as one dict of text. Bytes are read as ISO-8859-1, as HTTP reads
    them; other scalar values are written out. A string without a single "Name: value" line is an error: it is not
    a header block, and reading it as none would hide the caller's mistake."""
    if headers is None:
        return None
    if isinstance(headers, bytes):
        headers = headers.decode("iso-8859-1")
    if isinstance(headers, str):
        pairs = (line.partition(":") for line in headers.splitlines())
        fields = {name.strip(): value.strip() for name, colon, value in pairs if colon and name.strip()}
        if fields or not headers.strip():
            return fields
        raise TypeError("headers is a string without any 'Name: value' line")
    if isinstance(headers, Mapping):
        return {_header_text(name): _header_text(value) for name, value in headers.items()}
    if isinstance(headers, list | tuple) and all(isinstance(pair, list | tuple) and len(pair) == 2 for pair in headers):
        return {_header_text(name): _header_text(value) for name, value in headers}
    raise TypeError(
        f"headers must be a mapping, a list of (name, value) pairs or a raw header block, not {type(headers).__name__}"
    )


def _header_text(value: Any) -> str:
    return value.decode("iso-8859-1") if isinstance(value, bytes) else str(value)
