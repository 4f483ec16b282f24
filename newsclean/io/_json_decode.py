"""A JSON value decoded from a record's bytes, or the ``Failure`` that says why it has none: not UTF-8, nested too
deeply, malformed; an escaped lone surrogate in a string read as U+FFFD rather than a reason to reject the record."""

from __future__ import annotations

import json
import re
from typing import Any

import msgspec

from ._json_salvage import json_failure
from ._records import read_failure

#: What msgspec raises for bytes it cannot read as JSON: malformed JSON, a string that is not UTF-8 (a
#: ``UnicodeDecodeError``, not a ``DecodeError``), and arrays or objects nested past its depth limit (a
#: ``RecursionError``). Out of a check of the first line, either ended the reading of the whole file.
NOT_JSON = (msgspec.DecodeError, UnicodeDecodeError, RecursionError)

#: How the failures of a record whose bytes may not be one record begin (``decoded``).
SHAPE_FAILURES = ("malformed JSON", "element is not valid UTF-8")


def decoded(decoder: msgspec.json.Decoder[Any], data: bytes, where: str, unit: str) -> Any:
    """The JSON value of ``data``, or the ``Failure`` that says why it has none (``unit``: what ``data`` is, a line,
    a value of a line or an element; ``where``: its position)."""
    try:
        data.decode("utf-8")
    except UnicodeDecodeError as exc:
        return read_failure(f"{unit} is not valid UTF-8 (byte {exc.start}: {data[exc.start : exc.start + 1]!r})", where)
    try:
        return decoder.decode(data)
    except RecursionError:
        return read_failure(f"{unit} nests JSON arrays or objects too deeply to be read", where)
    except msgspec.DecodeError as exc:
        record = _with_lone_surrogates(data) if "surrogate" in str(exc) else None
        if record is None:
            return read_failure(f"malformed JSON: {exc}", where)
        return record


def one_value(decoder: msgspec.json.Decoder[Any], data: bytes) -> bool:
    """Whether ``data`` is one JSON value."""
    try:
        decoder.decode(data)
    except NOT_JSON:
        return False
    return True


def one_value_but_bytes(decoder: msgspec.json.Decoder[Any], data: bytes) -> bool:
    """Whether ``data`` is one JSON value, bytes in its strings that are not UTF-8 aside: they fail the record that
    holds them (``decoded``), not the shape of the value around it."""
    return one_value(decoder, data) or fails_on_bytes_alone(data)


def fails_on_bytes_alone(data: bytes) -> bool:
    """Whether ``data``, not UTF-8, is JSON but for those bytes: the shape of the value around them stands."""
    return not is_utf8(data) and json_failure(data) is None


def is_utf8(data: bytes) -> bool:
    try:
        data.decode("utf-8")
    except UnicodeDecodeError:
        return False
    return True


def _with_lone_surrogates(data: bytes) -> Any:
    """A JSON value whose strings hold an escaped lone surrogate (``"\\ud83d"``: half an emoji, cut off by
    JavaScript's ``substring`` and written so by ``JSON.stringify``, as a headless-browser crawler's dump has them),
    each such surrogate read as U+FFFD; None when it is not JSON all the same. msgspec refuses the whole record for
    one, so a page was rejected as malformed JSON for a character of its description."""
    try:
        value = json.loads(data, parse_constant=_no_constant)
        return _without_surrogates(value)
    except (ValueError, RecursionError):
        return None


def _no_constant(name: str) -> Any:
    raise ValueError(f"{name} is not JSON")  # NaN and Infinity, which msgspec refuses too


_SURROGATE = re.compile("[\ud800-\udfff]")


def _without_surrogates(value: Any) -> Any:
    if isinstance(value, str):
        return _SURROGATE.sub("\ufffd", value)
    if isinstance(value, list):
        return [_without_surrogates(item) for item in value]
    if isinstance(value, dict):
        return {_without_surrogates(key): _without_surrogates(item) for key, item in value.items()}
    return value
