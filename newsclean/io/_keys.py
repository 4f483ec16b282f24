"""Which fields of a JSON record hold the page, the text, the URL and the id."""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping, Sequence
from datetime import datetime
from typing import Any

import msgspec

from .._arguments import header_fields
from .._fetch_time import parse_fetch_time

#: Field names tried in order when no key is given: the shapes of common crawl and scrape exports.
HTML_KEYS = ("html", "raw_html", "content_html", "body_html", "page", "source")
TEXT_KEYS = ("text", "content", "body", "raw_text", "article")
URL_KEYS = ("url", "link", "uri", "warc_target_uri", "target_uri", "source_url")
ID_KEYS = ("id", "doc_id", "document_id", "uuid", "_id", "key")
TITLE_KEYS = ("title", "headline")
# Not "date" or "timestamp" alone: in scraped records they are as often the article's own date.
FETCHED_AT_KEYS = ("fetched_at", "fetch_time", "fetch_date", "crawled_at", "crawl_time", "crawl_date", "warc_date")


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
    fetched_at: str | None = None

    def __post_init__(self) -> None:
        # A number or a list here failed later, on the first record, as "'int' object has no attribute 'split'".
        for field in self.__struct_fields__:
            value = getattr(self, field)
            if value is not None and not isinstance(value, str):
                raise TypeError(f"keys[{field!r}] must be a column name (a str) or None, not {type(value).__name__}")

    def content_keys(self) -> tuple[tuple[str, ...], tuple[str, ...]]:
        """The candidate keys for the page and for the text, honouring explicit choices."""
        if self.html is None and self.text is None:
            return HTML_KEYS, TEXT_KEYS
        return ((self.html,) if self.html else ()), ((self.text,) if self.text else ())

    def columns(self) -> tuple[frozenset[str], frozenset[str]]:
        """The top-level fields (a dotted key's first step) a record's page or text can come from, and those
        any of its fields can: the columns of a table that need reading."""
        html, text = self.content_keys()
        content = frozenset(key.split(".")[0] for key in (*html, *text))
        chosen = (
            *((self.url,) if self.url else URL_KEYS),
            *((self.id,) if self.id else ID_KEYS),
            *((self.title,) if self.title else TITLE_KEYS),
            *((self.headers,) if self.headers else ()),
            *((self.fetched_at,) if self.fetched_at else FETCHED_AT_KEYS),
        )
        return content, content | {key.split(".")[0] for key in chosen}

    def identity_fields(self) -> frozenset[str]:
        """The top-level fields that name one document, its id or URL: an object that has one is a record, not a
        wrapper around records. A dotted key is left out: its first step (``meta``) is as often a wrapper's own."""
        keys = (*((self.url,) if self.url else URL_KEYS), *((self.id,) if self.id else ID_KEYS))
        return frozenset(key for key in keys if "." not in key)

    def describe(self) -> str:
        html, text = self.content_keys()
        return " or ".join(f"'{key}'" for key in (*html, *text))


#: What ``keys`` may be wherever it is taken: a ``KeyMap``, a mapping of its fields, or None (``as_key_map``).
KeysArg = KeyMap | Mapping[str, str | None] | None


def as_key_map(keys: KeysArg) -> KeyMap:
    """``keys`` as a ``KeyMap``: one as it is, a mapping of its fields (``{"html": "content", "url": "link"}``, as
    the Ray, Dask and Spark adapters take it, and JSON or a config file hold it), or None for the common names.
    Anything else, or a field ``KeyMap`` does not have, is a ``TypeError`` that says what is taken."""
    if keys is None:
        return KeyMap()
    if isinstance(keys, KeyMap):
        return keys
    if not isinstance(keys, Mapping):
        raise TypeError(
            "keys must be a newsclean.io.KeyMap, a mapping such as {'html': 'content'} or None,"
            f" not {type(keys).__name__}"
        )
    unknown = [repr(name) for name in keys if name not in KeyMap.__struct_fields__]
    if unknown:
        raise TypeError(
            f"keys has no field {', '.join(unknown)} (the fields are {', '.join(KeyMap.__struct_fields__)})"
        )
    return KeyMap(**keys)


def is_missing(value: Any) -> bool:
    """None, or what a table uses for it: a float NaN (pandas reading CSV or Parquet), ``pandas.NA``, ``NaT``."""
    if value is None:
        return True
    if isinstance(value, float):
        return math.isnan(value)
    return type(value).__name__ in ("NAType", "NaTType")


def lookup(record: Mapping[str, Any], key: str) -> Any:
    """The value at ``key`` (a dotted path), or None when any step is missing."""
    value: Any = record
    for part in key.split("."):
        if not isinstance(value, Mapping):
            return None
        value = value.get(part)
        if is_missing(value):
            return None
    return value


def first_present(record: Mapping[str, Any], keys: Sequence[str]) -> tuple[str, Any] | None:
    for key in keys:
        value = lookup(record, key)
        if value is not None:
            return key, value
    return None


class FieldTypeError(TypeError):
    """A record's field holds a value of the wrong kind (a list where a URL belongs)."""


def as_optional_str(value: Any, field: str) -> str | None:
    """A string field; numbers (ids) are written out, containers and booleans are an error rather than their
    Python form ("True", "{'a': 1}")."""
    if value is None:
        return None
    if isinstance(value, str):
        return value
    if isinstance(value, Mapping | list | tuple | set | bytes | bool):
        raise FieldTypeError(f"field '{field}' is a JSON {json_kind(value)}, not a string")
    return str(value)


def as_headers(value: Any) -> dict[str, str] | None:
    """HTTP headers as an object, a list of ``[name, value]`` pairs, or the raw header block
    ("Content-Type: text/html; charset=utf-8\\r\\n…"), which is how several crawlers store them."""
    if isinstance(value, Mapping):
        value = {name: field for name, field in value.items() if not is_missing(field)}
    try:
        return header_fields(value)
    except TypeError:
        if isinstance(value, str):
            raise FieldTypeError("field 'headers' is a string without any 'Name: value' line") from None
        raise FieldTypeError(f"field 'headers' is a JSON {json_kind(value)}, not an object of HTTP headers") from None


def as_fetched_at(value: Any) -> datetime | None:
    """When the record's page was fetched (ISO 8601, a 14-digit CDX timestamp or epoch seconds), or None."""
    if value is None:
        return None
    try:
        return parse_fetch_time(value)
    except ValueError as exc:
        raise FieldTypeError(f"field 'fetched_at': {exc}") from None


def json_kind(value: Any) -> str:
    """What a decoded JSON value was, in JSON's words, for error messages."""
    if value is None:
        return "null"
    if isinstance(value, Mapping):
        return "object"
    if isinstance(value, list | tuple | set):
        return "array"
    if isinstance(value, bool):
        return "boolean"
    if isinstance(value, int | float):
        return "number"
    return "string" if isinstance(value, str) else type(value).__name__


def repeated_column(names: Iterable[Any], keys: KeyMap) -> str | None:
    """What is wrong with a table's columns when one that ``keys`` read is named twice (which holds the value
    cannot be told: a row read as a dict kept the last, silently), or None. Other columns may repeat."""
    read = keys.columns()[1]
    seen: dict[Any, int] = {}
    for column, name in enumerate(names, start=1):
        if name in seen and name in read:
            where = f"columns {seen[name]} and {column}"
            return f"names column '{name}' twice ({where}): which of the two holds the value cannot be told"
        seen.setdefault(name, column)
    return None
