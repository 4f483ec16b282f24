"""Wrapper objects: an object with no page, text, id or URL field of its own whose list holds the records
(``{"status": "ok", "articles": [...]}``). Which lists of a value hold records, and the failures and hints that
name them (several lists of records, data after the wrapper on its line, a record whose list holds records)."""

from __future__ import annotations

import json
import re
from typing import Any

from .._models import Failure
from ._jsonl_lines import JSON_BLANKS
from ._records import read_failure


def wrapped_lists(value: Any, content_fields: frozenset[str], identity_fields: frozenset[str]) -> list[str] | None:
    """The keys of the lists of records of a wrapper object: an object with no page, text (``content_fields``), id or
    URL (``identity_fields``) field of its own (``{"status": "ok", "articles": [...]}``) and a list of records; None
    for any other value. A record's list of comments or links (objects with no page or text field) holds no records,
    and an object with an id or URL is a record, whatever its lists hold: read as wrappers, their parts were
    articles."""
    if not isinstance(value, dict):
        return None
    if not (content_fields.isdisjoint(value) and identity_fields.isdisjoint(value)):
        return None
    return record_lists(value, content_fields) or None


def record_lists(record: dict[str, Any], content_fields: frozenset[str]) -> list[str]:
    """The keys of ``record``'s lists that hold records: an object among their elements has a page or text."""
    return [
        key
        for key, value in record.items()
        if isinstance(value, list)
        and any(isinstance(element, dict) and not content_fields.isdisjoint(element) for element in value)
    ]


def ambiguous_wrapper(keys: list[str], position: str, name: str) -> Failure:
    """The failure for a wrapper object with several lists of records: which holds the records is not known."""
    shown = ", ".join(json.dumps(key, ensure_ascii=False) for key in keys)
    message = (
        f"the JSON object holds {len(keys)} lists of records ({shown}), so which one holds the records is not"
        f" known: write the one to read as JSON Lines and clean that, e.g. jq -c '{_jq_path(keys[0])}[]' {name}"
        " > records.jsonl"
    )
    return Failure(stage="read", error="AmbiguousRecordList", message=message, position=position)


def record_list_hint(key: str, name: str) -> str:
    """What a record's ``MissingKey`` failure adds when the record, which has an id or URL of its own, has a list
    ``key`` of objects with a page or text: how to read that list's objects as records instead."""
    shown = json.dumps(key, ensure_ascii=False)
    return (
        f"; its list {shown} holds objects with a page or text, but an object with an id or URL of its"
        " own is read as one record: to read the list's objects as records,"
        f" jq -c '{_jq_path(key)}[]' {name} > records.jsonl"
    )


def data_after_wrapper(line: bytes, wrapper: bytes, where: str) -> Failure:
    """The failure for what follows the wrapper object a line opens with (``wrapper``, its bytes), which is no
    JSON value: named by the byte of the line it starts at."""
    rest = line.lstrip(JSON_BLANKS)[len(wrapper) :]
    at = len(line) - len(rest.lstrip(JSON_BLANKS))
    shown = rest.strip(JSON_BLANKS)[:40].decode("utf-8", "replace")
    return read_failure(f"data after the JSON object around the records, at byte {at:,} of the line: {shown!r}", where)


def _jq_path(key: str) -> str:
    """How jq names a member ``key`` of the top object: ``.articles``, or ``.["two words"]``."""
    return f".{key}" if re.fullmatch(r"[A-Za-z_][A-Za-z0-9_]*", key) else f".[{json.dumps(key)}]"
