"""What a WARC record's header says, and whether FastWARC read it as written: a record whose type cannot be told,
or whose block FastWARC misreads, is a failure in its place instead of a page dropped unsaid or read as garbage."""

from __future__ import annotations

import re
from typing import Any

#: What a WARC-Type holds: a token (RFC 9110's characters), a known type or an extension's.
_TOKEN = re.compile(r"[!#$%&'*+.^_`|~0-9A-Za-z-]+")


def type_problem(record: Any) -> str | None:
    """Why a record's type cannot be told, or None. A record with no WARC-Type, or one that is no token, has a
    damaged header (a byte lost or added in the field's name, garbage in its value): skipped as a type that is no
    page, it was dropped unsaid. A token of no known type is an extension's, and passed over."""
    value = record.headers.get("WARC-Type")
    if value is None:
        return "WARC record without a WARC-Type header (a damaged header?)"
    if not _TOKEN.fullmatch(value.strip()):
        return f"WARC record whose WARC-Type is no type: {value[:40]!r} (a damaged header?)"
    if misread_type(record):
        return "WARC record whose header FastWARC cannot read (field names in another case than the standard's?)"
    return None


def misread_length(record: Any, *, response: bool) -> str | None:
    """Why FastWARC's reading of the record's block cannot be trusted, or None. With a field of its WARC header
    repeated (``Content-Type``, ``WARC-Type``), FastWARC reads the block as empty whatever its Content-Length says: a
    resource was read as an empty page, and the record after it as garbage. A resource's or a conversion's content
    is its whole block; a response's payload is what follows its HTTP head, so only an empty one with a repeated
    field is known misread."""
    try:
        declared = int(record.headers.get("Content-Length") or "")
    except ValueError:
        return None
    read = record.content_length
    if read == declared or (response and (read > 0 or declared == 0)):
        return None
    names = [str(name).lower() for name, _ in record.headers.items()]
    repeated = sorted({name for name in names if names.count(name) > 1})
    if response and not repeated:
        return None  # an HTTP head without its blank line, as ``_item`` says
    said = f" (a header field repeated: {', '.join(repeated)}?)" if repeated else ""
    return (
        f"WARC record whose header FastWARC misreads: it reads {read:,} bytes of a block whose Content-Length is"
        f" {declared:,}{said}"
    )


#: The record types of the WARC standard.
_STANDARD_TYPES = frozenset(
    {"warcinfo", "response", "resource", "request", "metadata", "revisit", "conversion", "continuation"}
)


def misread_type(record: Any) -> bool:
    """Whether FastWARC took the record for one of no known type while its WARC-Type names one (a field name in
    another case: FastWARC matches them exactly, where the standard does not)."""
    from fastwarc.warc import WarcRecordType

    value = (record.headers.get("WARC-Type") or "").strip().lower()
    return record.record_type in (WarcRecordType.no_type, WarcRecordType.unknown) and value in _STANDARD_TYPES


def page_record_types() -> tuple[Any, ...]:
    """The record types that hold pages: responses, resources (files archived as they are) and conversions."""
    from fastwarc.warc import WarcRecordType

    return (WarcRecordType.response, WarcRecordType.resource, WarcRecordType.conversion)
