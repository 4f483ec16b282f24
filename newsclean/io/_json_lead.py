"""Stray control bytes before a JSON document's first value (a NUL or a few, left by a crash, a preallocated file or a
tool's escape codes): no JSON allows them, and before the opening "[" they made an array be read as JSON Lines, its
first line one failure and each record after it another. A JSON or JSON Lines file is opened with them read as blanks
(``open_json``), so every reading of it (the scan, the probes, the salvage, which each open it anew) sees the same
bytes at the same offsets, and the reader reports them once (``stray_lead_failure``). Only the bytes before the
first value are touched; after it, the stream is passed on as it is read, at no cost."""

from __future__ import annotations

import io
import itertools
import re
from pathlib import Path
from typing import Any, NamedTuple

from .._models import Failure
from ._open import _Utf8Reader, open_binary
from ._records import read_failure

#: The bytes a document may open with before its first value: JSON's blanks, and control bytes, which are stray.
_LEAD = re.compile(rb"[\x00-\x20\x7f]*")
_JSON_BLANKS = b" \t\r\n"
#: A control byte JSON takes for no blank.
_STRAY = re.compile(rb"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
#: Control bytes read as a space; JSON's blanks kept.
_BLANKED = bytes(0x20 if _STRAY.match(bytes([byte])) else byte for byte in range(256))
#: How many of the stray bytes a failure shows.
_SHOWN_BYTES = 16


class StrayLead(NamedTuple):
    """The stray control bytes before a document's first value: how many, where the first and last are (bytes of the
    file, after a byte order mark), and the first few of them."""

    total: int
    first: int
    last: int
    shown: bytes


class _LeadBlanked(_Utf8Reader):
    """A stream read as ``open_utf8`` reads it, the control bytes before its first value read as spaces."""

    def __init__(self, raw: io.BufferedReader) -> None:
        super().__init__(raw)
        self._in_lead = True
        self._offset = 0  # bytes handed out while still in the lead
        self.stray: StrayLead | None = None

    def readinto(self, buffer: Any) -> int:
        size = super().readinto(buffer)
        if self._in_lead and size:
            view = memoryview(buffer).cast("B")[:size]
            lead = _LEAD.match(view).end()  # type: ignore[union-attr]  # always matches
            self._in_lead = lead == size
            kept = bytes(view[:lead])
            blanked = kept.translate(_BLANKED)
            if blanked != kept:
                view[:lead] = blanked
                self._note(kept)
            self._offset += size
        return size

    def _note(self, lead: bytes) -> None:
        """Keep where the stray bytes of ``lead`` (the lead's bytes in the chunk handed out last) are and how many,
        counted in C: a file of NULs (a crash's preallocated log) may hold millions."""
        total = len(lead) - sum(lead.count(blank) for blank in _JSON_BLANKS)
        first = _STRAY.search(lead)
        last = _STRAY.search(lead[::-1])
        assert first is not None and last is not None  # (``lead`` changed when blanked: it holds one)
        shown = b"".join(found.group() for found in itertools.islice(_STRAY.finditer(lead), _SHOWN_BYTES))
        at_first, at_last = self._offset + first.start(), self._offset + len(lead) - 1 - last.start()
        if self.stray is not None:
            total, at_first = total + self.stray.total, self.stray.first
            shown = (self.stray.shown + shown)[:_SHOWN_BYTES]
        self.stray = StrayLead(total, at_first, at_last, shown)


def open_json(path: Path) -> io.BufferedReader:
    """``open_utf8``, the control bytes before the document's first value read as spaces (offsets kept)."""
    return io.BufferedReader(_LeadBlanked(open_binary(path)), buffer_size=1 << 16)


def stray_lead(stream: io.BufferedReader) -> StrayLead | None:
    """The stray control bytes ``open_json`` read as blanks in ``stream`` so far (None: none)."""
    raw = stream.raw
    return raw.stray if isinstance(raw, _LeadBlanked) else None


def stray_lead_failure(lead: StrayLead, position: str) -> Failure:
    """The failure that reports the stray control bytes before the document's first value, read as blanks."""
    where = f"byte {lead.first:,}" if lead.total == 1 else f"bytes {lead.first:,} to {lead.last:,}"
    more = "" if lead.total <= len(lead.shown) else f" and {lead.total - len(lead.shown):,} more"
    return read_failure(
        f"{lead.total:,} stray control byte{'s' if lead.total > 1 else ''} before the JSON at the start of the file"
        f" ({where}: {lead.shown!r}{more}), which no JSON holds there: read as blanks, and what follows them is read",
        position,
    )
