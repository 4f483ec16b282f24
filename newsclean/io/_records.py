"""A record (a JSON object, a table row) as a ``Document``, and the ``Failure`` a reader yields in the place
of an input it cannot read."""

from __future__ import annotations

import os
from collections.abc import Iterator, Mapping
from typing import Any

from .._decode import Decoded, decode_text_dump
from .._models import Failure
from .._pipeline import Document
from ._keys import (
    FETCHED_AT_KEYS,
    ID_KEYS,
    TITLE_KEYS,
    URL_KEYS,
    FieldTypeError,
    KeyMap,
    as_fetched_at,
    as_headers,
    as_optional_str,
    first_present,
    is_missing,
    json_kind,
    lookup,
)

Item = Document | Failure


def path_text(path: str) -> str:
    """A file's path or name as text that names it alone: a byte that is not UTF-8 in it (which Python holds as a
    lone surrogate, and the writers turn into U+FFFD) is written ``\\xNN``, so ``b\\xff.html`` and
    ``b\\xfe.html`` keep ids of their own; any other name is itself."""
    return os.fsencode(path).decode("utf-8", "backslashreplace")


def read_failure(
    exc: BaseException | str, position: str, *, source_id: str | None = None, url: str | None = None
) -> Failure:
    if isinstance(exc, BaseException):
        error, message = type(exc).__name__, str(exc) or type(exc).__name__
    else:
        error, message = "InputError", exc
    return Failure(stage="read", error=error, message=message, position=position, source_id=source_id, url=url)


def noted_when_empty(items: Iterator[Item], what: str, position: str) -> Iterator[Item]:
    """``items``, or one failure when there are none: a dump that holds no document (a file of no bytes, of blank
    lines, ``[]``, a header row alone, a WARC of requests) is most often the wrong file or a crawl that failed, and
    a run that ends with nothing to show says why, as it does for a folder without pages. ``what`` says what the
    file holds none of."""
    empty = True
    for item in items:
        empty = False
        yield item
    if empty:
        yield read_failure(f"the file holds no {what}: nothing to clean", position)


def document_from_record(record: dict[str, Any], keys: KeyMap, where: str, *, fallback_id: str) -> Item:
    """One JSON object as a Document, or a Failure naming the keys that were looked for."""
    source_id, url = fallback_id, None
    try:
        source_id = as_optional_str(*_field(record, keys.id, ID_KEYS, "id")) or fallback_id
        url = as_optional_str(*_field(record, keys.url, URL_KEYS, "url"))
        title = as_optional_str(*_field(record, keys.title, TITLE_KEYS, "title"))
        headers = as_headers(_field(record, keys.headers, (), "headers")[0])
        fetched_at = as_fetched_at(_field(record, keys.fetched_at, FETCHED_AT_KEYS, "fetched_at")[0])
    except FieldTypeError as exc:
        return read_failure(str(exc), where, source_id=source_id, url=url)
    html_keys, text_keys = keys.content_keys()
    # A blank page field beside a filled text field ({"html": "", "text": "…"}, a table's empty cell) is no page;
    # only when every content field is blank does the blank one stand, for the pipeline to reject as empty.
    html = _first_filled(record, html_keys)
    text = None if html else _first_filled(record, text_keys)
    if html is None and text is None:
        html = first_present(record, html_keys)
        text = None if html else first_present(record, text_keys)
    found = html or text
    if found is None:
        return Failure(
            stage="read",
            error="MissingKey",
            message=f"record has no {keys.describe()} field with a value (keys: {_describe_keys(record)})",
            position=where,
            source_id=source_id,
            url=url,
        )
    key, value = found
    read_from: Decoded | None = None  # how a text column's bytes were decoded
    if isinstance(value, bytes | bytearray | memoryview):
        # A binary column of a table (Parquet, Arrow, a DataFrame under Ray, Dask or Spark): the raw bytes, decoded
        # as a fetched page's are (with the record's headers), or as a text dump's.
        if html:
            value = bytes(value)
        else:
            read_from = decode_text_dump(bytes(value))
            value = read_from.text
    elif not isinstance(value, str):
        return read_failure(
            f"field '{key}' is a JSON {json_kind(value)}, not a string", where, source_id=source_id, url=url
        )
    if html:
        return Document(
            html=value, url=url, headers=headers, source_id=source_id, position=where, fetched_at=fetched_at
        )
    return Document(
        text=value,
        encoding=read_from.encoding if read_from else None,
        encoding_source=read_from.source if read_from else None,
        url=url,
        title=title,
        source_id=source_id,
        position=where,
        fetched_at=fetched_at,
    )


def _first_filled(record: dict[str, Any], keys: tuple[str, ...]) -> tuple[str, Any] | None:
    """The first of ``keys`` whose value is not blank (an empty or whitespace-only string or bytes)."""
    for key in keys:
        value = lookup(record, key)
        if value is None:
            continue
        if isinstance(value, str | bytes | bytearray) and not value.strip():
            continue
        return key, value
    return None


def _field(record: dict[str, Any], key: str | None, common_names: tuple[str, ...], role: str) -> tuple[Any, str]:
    """The value at the chosen ``key``, else at the first of the ``common_names`` the record has, and the name of
    the field it was read from (for a message: "field 'doc' is a JSON boolean" with ``--id-key doc``), else
    ``role``."""
    if key:
        return lookup(record, key), key
    found = first_present(record, common_names)
    return (found[1], found[0]) if found else (None, role)


def _describe_keys(record: Mapping[str, Any]) -> str:
    """The record's keys, each empty one marked: "html (null), id" says why a present 'html' did not count, and
    "articles (empty list)" why an export's wrapper object gave no records."""
    return ", ".join(f"{key}{_emptiness(record[key])}" for key in sorted(record)) or "none"


def _emptiness(value: Any) -> str:
    if is_missing(value):
        return " (null)"
    return " (empty list)" if isinstance(value, list) and not value else ""
