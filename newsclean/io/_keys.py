"""Which fields of a JSON record hold the page, the text, the URL and the id."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

import msgspec

#: Field names tried in order when no key is given: the shapes of common crawl and scrape exports.
HTML_KEYS = ("html", "raw_html", "content_html", "body_html", "page", "source")
TEXT_KEYS = ("text", "content", "body", "raw_text", "article")
URL_KEYS = ("url", "link", "uri", "warc_target_uri", "target_uri", "source_url")
ID_KEYS = ("id", "doc_id", "document_id", "uuid", "_id", "key")
TITLE_KEYS = ("title", "headline")


class KeyMap(msgspec.Struct, frozen=True, kw_only=True):
    """Where a JSON record keeps each field. ``None`` means: auto-detect from the common names above.

    A key may be a dotted path (``"metadata.url"``) into nested objects. When ``html`` is given, only that key
    is read for the page; likewise for ``text``. A record with neither a page nor a text is rejected.
    """

    html: str | None = None
    text: str | None = None
    url: str | None = None
    id: str | None = None
    title: str | None = None
    headers: str | None = "headers"

    def content_keys(self) -> tuple[tuple[str, ...], tuple[str, ...]]:
        """The candidate keys for the page and for the text, honouring explicit choices."""
        if self.html is None and self.text is None:
            return HTML_KEYS, TEXT_KEYS
        return ((self.html,) if self.html else ()), ((self.text,) if self.text else ())

    def describe(self) -> str:
        html, text = self.content_keys()
        return " or ".join(f"'{key}'" for key in (*html, *text))


def lookup(record: Mapping[str, Any], key: str) -> Any:
    """The value at ``key`` (a dotted path), or None when any step is missing."""
    value: Any = record
    for part in key.split("."):
        if not isinstance(value, Mapping):
            return None
        value = value.get(part)
        if value is None:
            return None
    return value


def first_present(record: Mapping[str, Any], keys: Sequence[str]) -> tuple[str, Any] | None:
    for key in keys:
        value = lookup(record, key)
        if value is not None:
            return key, value
    return None


def as_optional_str(value: Any) -> str | None:
    if value is None:
        return None
    return value if isinstance(value, str) else str(value)
