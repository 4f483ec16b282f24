"""The lines of a JSON Lines file, whichever line end its writer used: LF, CRLF, or CR alone.

A file written with classic Mac OS line ends (CR alone: old Mac tools, some Excel and FileMaker exports) has no LF
at all, so read up to LF it was a single line: one "malformed JSON" failure in the place of every record. A raw CR
cannot stand inside a JSON string (it must be written ``\\r``), so a CR ends a record's line as safely as a LF does.
"""

from __future__ import annotations

import io
import re

_LINE_END = re.compile(rb"[\r\n]")
#: What the text before a file's first line end may end with when that line end is a CR alone: a record's end, or
#: a line of a JSON array's or of a pretty-printed object's framing. A CR after anything else is a raw CR inside
#: the first record's string (invalid JSON, in a file whose lines end with LF): the file is read by LF, as before.
_LINE_LAST_BYTES = b"{}[],"


class JsonLines:
    """``readline`` over ``stream``, ending lines at LF (CRLF included) as ``io.BufferedReader.readline`` does,
    or, when the file's first line ends with a CR alone, at CR, CRLF and LF alike.

    The choice is made once, at the first line, so a file whose lines end with LF reads exactly as before: a raw CR
    inside one of its records (invalid JSON) is one bad line, and the line numbers after it are still LF's."""

    def __init__(self, stream: io.BufferedReader) -> None:
        self._stream = stream
        self._ends_at_cr: bool | None = None  # known once the first line is read

    def readline(self, size: int) -> bytes:
        """The next line with its line end, or at most ``size`` bytes of it (with a CRLF, one byte more); b"" at
        the end of the stream."""
        if self._ends_at_cr is None:
            line = self._read_to_any_line_end(size)
            before = line[:-1].rstrip(b" \t")
            self._ends_at_cr = line.endswith(b"\r") and (not before or before[-1] in _LINE_LAST_BYTES)
            if line.endswith(b"\r") and not self._ends_at_cr and len(line) < size:
                line += self._stream.readline(size - len(line))  # a raw CR inside the first record: read on
            return line
        if self._ends_at_cr:
            return self._read_to_any_line_end(size)
        return self._stream.readline(size)

    def ended(self, line: bytes) -> bool:
        """Whether ``line`` (as ``readline`` gave it) holds its line end, rather than being cut at ``size``."""
        return line.endswith((b"\r", b"\n") if self._ends_at_cr else b"\n")

    def _read_to_any_line_end(self, size: int) -> bytes:
        parts: list[bytes] = []
        taken = 0
        while taken < size:
            window = self._stream.peek(1)[: size - taken]  # what is buffered: one read below at most
            if not window:
                break
            end = _LINE_END.search(window)
            part = self._stream.read(len(window) if end is None else end.end())
            parts.append(part)
            taken += len(part)
            if end is not None:
                if part.endswith(b"\r") and self._stream.peek(1)[:1] == b"\n":
                    parts.append(self._stream.read(1))  # CRLF is one line end, not a line end and a blank line
                break
        return b"".join(parts)
